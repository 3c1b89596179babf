// The rule registry (lib/validation/rules/index.ts): every rule declared once, RULES derived
// from it in its order, and every refs/* and policy/* rule in its own module
// (lib/validation/rules/<id>.ts) with its own cases (test/validation/rules/<id>.cases.ts: at least
// one bad and one good case, and its bad-input rows), run by <id>.test.ts through describeRule.
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../../lib';
import {
  ALL_RULES,
  APPLIED_CHANGES_RULE,
  OBJECT_POLICY_RULES,
  REFERENCE_RULES,
} from '../../../lib/validation/rules/index';
import { RULE_CASES } from './cases';

const ROOT = path.join(__dirname, '..', '..', '..');
const MODULES = [...REFERENCE_RULES, ...OBJECT_POLICY_RULES, APPLIED_CHANGES_RULE];

test('rule ids are unique', () => {
  const ids = ALL_RULES.map((r) => r.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

test('RULES is the registry, in its order', () => {
  expect(Object.keys(RULES)).toEqual(ALL_RULES.map((r) => r.id));
  for (const r of ALL_RULES) expect(RULES[r.id]).toBe(r.info);
});

test('every refs/* and policy/* rule is a module of the registry', () => {
  const modular = ALL_RULES.map((r) => r.id).filter((id) => id.startsWith('refs/') || id.startsWith('policy/'));
  expect(MODULES.map((m) => m.id).sort()).toEqual(modular.sort());
});

describe.each(MODULES.map((m) => [m.id, m] as const))('%s', (id, rule) => {
  test('is found from its id: lib/validation/rules/<id>.ts exports it', () => {
    const mod = require(path.join(ROOT, 'lib', 'validation', 'rules', `${id}.ts`)) as { RULE: unknown };
    expect(mod.RULE).toBe(rule);
  });

  test('has its cases in test/validation/rules/<id>.cases.ts (a bad and a good one), run by <id>.test.ts', () => {
    const cases = RULE_CASES[id];
    expect(cases).toBeDefined();
    expect(Object.keys(cases.bad).length).toBeGreaterThan(0);
    expect(Object.keys(cases.good).length).toBeGreaterThan(0);
    for (const row of Object.values(cases.app ?? {})) expect(row.rule).toBe(id);
    const file = path.join(ROOT, 'test', 'validation', 'rules', `${id}.test.ts`);
    expect(fs.readFileSync(file, 'utf8')).toContain('describeRule(RULE, CASES)');
  });
});

test('every rule with cases is a registered module', () => {
  expect(Object.keys(RULE_CASES).sort()).toEqual(MODULES.map((m) => m.id).sort());
});
