// Every throw site of lib/app, lib/validation and lib/core (the patterns, workloads, policy and
// value constructs have their own table in test/patterns and test/workloads): each error names
// the construct path and the prop at fault. 11 throw sites, and the cdk8s-plus errors raised
// lazily while an object renders.
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, Environment, Environments, External, KubecraftApp, KubecraftChart, Policy } from '../../lib';
import { KubecraftValidation } from '../../lib/validation/cdk8s-validation-plugin';

function chart(): Chart {
  return new KubecraftChart(new KubecraftApp({ outdir: '/nonexistent/never-written' }), 'shop');
}

function renderError(build: (c: Chart) => void): unknown {
  const c = chart();
  build(c);
  try {
    (c.node.scope as KubecraftApp).render();
  } catch (err) {
    return err;
  }
  throw new Error('expected rendering to fail');
}

function thrown(build: () => unknown): unknown {
  try {
    build();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

const CASES: readonly [string, () => unknown, string, string][] = [
  ['Environment name', () => thrown(() => new Environment(Testing.app(), 'Prod_1', {})), 'Prod_1', 'name'],
  ['Environments.define with none', () => thrown(() => Environments.define(Testing.app(), {})), '<app>', 'configs'],
  [
    'Environments.define with invalid configuration',
    () => thrown(() => Environments.define(Testing.app(), { dev: 1 }, { validate: () => ['too small'] })),
    '<app>',
    'configs',
  ],
  [
    'Environments.define selecting an unknown one',
    () => thrown(() => Environments.define(Testing.app(), { dev: 1 }, { select: ['prod'] })),
    '<app>',
    'select',
  ],
  [
    'Policy.relax with an unknown rule',
    () => thrown(() => Policy.relax(chart(), 'policy/nope', 'x'.repeat(20))),
    'shop',
    'rule',
  ],
  [
    'Policy.relax of a rule that cannot be relaxed',
    () => thrown(() => Policy.relax(chart(), 'schema/invalid', 'x'.repeat(20))),
    'shop',
    'rule',
  ],
  [
    'Policy.relax without a reason',
    () => thrown(() => Policy.relax(chart(), 'policy/host-path', 'because')),
    'shop',
    'reason',
  ],
  ['External without a reason', () => thrown(() => External.namespace(chart(), 'kube-system', '')), 'shop', 'reason'],
  [
    'a JSON patch that does not apply',
    () =>
      renderError((c) => {
        const d = new kplus.Deployment(c, 'web', { containers: [{ image: 'nginx:1.25.3' }] });
        ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1));
      }),
    'shop/web/Resource',
    'addJsonPatch',
  ],
  [
    'the cdk8s CLI plugin with an unknown rule',
    () => thrown(() => new KubecraftValidation({ relaxations: [{ rule: 'nope/x', reason: 'x'.repeat(20) }] })),
    'cdk8s.yaml',
    'properties.relaxations[0].rule',
  ],
  [
    'the cdk8s CLI plugin without a reason',
    () => thrown(() => new KubecraftValidation({ relaxations: [{ rule: 'policy/host-path', reason: '' }] })),
    'cdk8s.yaml',
    'properties.relaxations[0].reason',
  ],
];

describe('errors raised while the app is built name the construct path and the prop', () => {
  test.each(CASES)('%s', (_name, make, path, prop) => {
    const err = make();
    expect(err).toBeInstanceOf(ConstructError);
    const e = err as ConstructError;
    expect(e.constructPath).toContain(path);
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(`${path}`);
    expect(e.message).toContain(`(${prop})`);
  });

  test('a cdk8s-plus error raised lazily while an object renders names the construct that caused it', () => {
    const err = renderError((c) => {
      const scope = new Construct(c, 'api');
      new kplus.Service(scope, 'svc', { selector: kplus.Pods.select(scope, 'pods', { labels: { app: 'x' } }) });
    });
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain('shop/api/svc');
    expect(message).toMatch(/port/i);
    // the original error is kept
    expect((err as Error).cause).toBeInstanceOf(Error);
  });
});
