// Typed problems (lib/validation/problem.ts): the kinds and their default rules, the rule a
// problem is reported under, and the list helpers every check reads lists of named items with;
// and the values checks as pure functions, run on plain specs without an app.
import { policyRuleProblems } from '../../lib/validation/checks/rbac-checks';
import { serviceProblems } from '../../lib/validation/checks/service-checks';
import { FieldPath } from '../../lib/validation/field-path';
import {
  duplicate,
  invalid,
  namedList,
  PROBLEM_RULES,
  required,
  ruleOfProblem,
  stringList,
} from '../../lib/validation/problem';

const SPEC = FieldPath.root('spec');

describe('the rule of a problem', () => {
  test('its own, else the reporting module, else the default of its kind', () => {
    const p = required(SPEC.child('ports'), 'm', 'h');
    expect(ruleOfProblem(p)).toBe('values/required');
    expect(ruleOfProblem(p, 'policy/resources')).toBe('policy/resources');
    expect(ruleOfProblem(required(SPEC, 'm', 'h', 'values/name'), 'policy/resources')).toBe('values/name');
    expect(ruleOfProblem(duplicate(SPEC, 'm', 'h'))).toBe('values/duplicate');
  });

  test('a kind without a default needs a rule', () => {
    expect(PROBLEM_RULES.invalid).toBeUndefined();
    expect(() => ruleOfProblem(invalid(SPEC.child('x'), 'bad', 'fix'))).toThrow(/names no rule/);
    expect(ruleOfProblem(invalid(SPEC, 'bad', 'fix', 'values/port'))).toBe('values/port');
  });
});

describe('lists', () => {
  test('namedList: objects with their paths, names, and whether a name repeats', () => {
    const items = namedList([{ name: 'a' }, 'not an object', { name: 'b' }, { name: 'a' }, {}], SPEC.child('items'));
    expect(items.map((i) => [i.path.toString(), i.name, i.repeated])).toEqual([
      ['spec.items[0]', 'a', false],
      ['spec.items[2]', 'b', false],
      ['spec.items[3]', 'a', true],
      ['spec.items[4]', undefined, false],
    ]);
  });

  test('namedList: names shared across lists (init and regular containers)', () => {
    const seen = new Set<string>();
    namedList([{ name: 'a' }], SPEC.child('initContainers'), 'name', seen);
    expect(namedList([{ name: 'a' }], SPEC.child('containers'), 'name', seen)[0].repeated).toBe(true);
  });

  test('stringList: strings with their paths and repeats', () => {
    expect(stringList(['v1', 2, 'v1'], SPEC.child('v')).map((s) => [s.path.toString(), s.repeated])).toEqual([
      ['spec.v[0]', false],
      ['spec.v[2]', true],
    ]);
  });
});

describe('values checks are pure functions of a spec and its path', () => {
  test('a Service: duplicate port names, a port out of range', () => {
    const problems = serviceProblems(
      {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 70000 },
        ],
      },
      SPEC,
    );
    expect(problems.map((p) => [p.kind, p.rule, p.field.toString()])).toEqual([
      ['invalid', 'values/port', 'spec.ports[1].port'],
      ['duplicate', 'values/port-name', 'spec.ports[1].name'],
    ]);
  });

  test('RBAC rules: verbs required, non-resource URLs only in ClusterRoles', () => {
    const problems = policyRuleProblems(
      'Role',
      [
        { apiGroups: [''], resources: ['pods'] },
        { verbs: ['get'], nonResourceURLs: ['/healthz'] },
      ],
      FieldPath.root('rules'),
    );
    expect(problems.map((p) => [ruleOfProblem(p), p.field.toString()])).toEqual([
      ['values/required', 'rules[0].verbs'],
      ['values/one-of', 'rules[1].nonResourceURLs'],
    ]);
  });
});
