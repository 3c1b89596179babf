import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Selector, SelectorSpec } from '../../lib';
import { synth } from '../support/manifests';

describe('Selector.parse (kubectl -l syntax)', () => {
  test.each<[string, SelectorSpec]>([
    ['app=web', { matchLabels: { app: 'web' }, matchExpressions: [] }],
    ['app==web', { matchLabels: { app: 'web' }, matchExpressions: [] }],
    [
      'tier!=frontend',
      { matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] },
    ],
    [
      'environment in (production, qa)',
      { matchLabels: {}, matchExpressions: [{ key: 'environment', operator: 'In', values: ['production', 'qa'] }] },
    ],
    [
      'tier notin (frontend,backend)',
      { matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend', 'backend'] }] },
    ],
    ['partition', { matchLabels: {}, matchExpressions: [{ key: 'partition', operator: 'Exists' }] }],
    ['!partition', { matchLabels: {}, matchExpressions: [{ key: 'partition', operator: 'DoesNotExist' }] }],
    [
      'example.com/team = a, !legacy',
      { matchLabels: { 'example.com/team': 'a' }, matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] },
    ],
  ])('%s', (expr, spec) => {
    expect(Selector.parseSpec(expr)).toEqual(spec);
  });

  test('renders into a workload selector', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    const d = new kplus.Deployment(chart, 'd', { select: false, containers: [{ image: 'nginx:1.25.3' }] });
    d.select(Selector.parse('app=web,env in (prod),!legacy'));
    expect((synth(chart) as any[])[0].spec.selector).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
  });

  test.each<[string, RegExp]>([
    ['env in ()', /values must be non-empty for operator In/],
    ['env notin ()', /values must be non-empty for operator NotIn/],
    ['env in (a', /unbalanced '\('/],
    ['env)', /unbalanced '\)'/],
    ['a=b,,c=d', /empty requirement/],
    ['a=b=c', /cannot parse requirement 'a=b=c'/],
    ['a=b, a=c', /required to equal both 'b' and 'c'/],
    ['-bad=x', /key .*must start and end with an alphanumeric/],
    ['app=has space', /cannot parse requirement/],
    ['app=-x', /value '-x'/],
  ])('rejects %s', (expr, error) => {
    expect(() => Selector.parse(expr)).toThrow(error);
  });
});

describe('Selector.of (API shape)', () => {
  test.each<[string, SelectorSpec, RegExp]>([
    [
      'In without values',
      { matchExpressions: [{ key: 'env', operator: 'In' }] },
      /values must be non-empty for operator In/,
    ],
    [
      'NotIn with []',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: [] }] },
      /values must be non-empty for operator NotIn/,
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['a'] }] },
      /values must be empty for operator Exists/,
    ],
    [
      'DoesNotExist with values',
      { matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: ['a'] }] },
      /values must be empty for operator DoesNotExist/,
    ],
    [
      'unknown operator',
      { matchExpressions: [{ key: 'env', operator: 'Gt' as any, values: ['1'] }] },
      /operator must be one of In, NotIn, Exists, DoesNotExist/,
    ],
    ['label value too long', { matchLabels: { app: 'x'.repeat(64) } }, /no more than 63 characters/],
    ['key with two slashes', { matchLabels: { 'a/b/c': 'x' } }, /at most one '\/'/],
  ])('rejects %s', (_name, spec, error) => {
    expect(() => Selector.of(spec)).toThrow(error);
  });

  test('reports every problem at once', () => {
    expect(
      Selector.problems({ matchLabels: { 'Bad Key': 'v' }, matchExpressions: [{ key: 'a', operator: 'In' }] }),
    ).toHaveLength(2);
  });
});

describe('Selector.matches', () => {
  const labels = { app: 'web', env: 'prod', tier: 'backend' };
  test.each<[string, boolean]>([
    ['app=web', true],
    ['app=api', false],
    ['env in (prod, qa)', true],
    ['env notin (prod)', false],
    ['missing notin (x)', true],
    ['tier', true],
    ['!tier', false],
    ['!legacy', true],
    ['tier!=frontend', true],
    ['', true],
  ])('%s -> %p', (expr, expected) => {
    const spec = expr === '' ? {} : Selector.parseSpec(expr);
    expect(Selector.matches(spec, labels)).toBe(expected);
  });
});
