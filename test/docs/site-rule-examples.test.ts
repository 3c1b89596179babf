// The rule pages of the documentation site show, for every rule in RULES, a bad and a good
// example (docs/site/snippets/rules/<rule>.ts) and the reports kubecraft gives for them. This is
// the table they come from, run through the same harness the site's build uses: the bad example
// gives findings of its rule (and of the rules it declares it cannot avoid) and of no other, the
// good one validates with no finding at all and synthesizes, and a relaxable rule relaxed on the
// chart turns the bad example's errors into relaxed findings.
import * as fs from 'fs';
import * as path from 'path';
import { RULES, SynthesisError } from '../../lib';

jest.mock('kubecraft', () => jest.requireActual('../../lib'), { virtual: true });

const rulesDir = path.resolve(__dirname, '..', '..', 'docs', 'site', 'snippets', 'rules');

interface Harness {
  ruleExample(id: string): { alsoFinds?: readonly string[]; follows: string };
  ruleExampleProblems(id: string, relaxable: boolean): string[];
  validateExample(
    example: unknown,
    side: 'bad' | 'good',
  ): { app: { synthYaml(): string }; report: { findings: readonly { rule: string }[] } };
}
// required by path: the harness imports `kubecraft`, which only jest (above) and the site's build map
const harness = require(path.join(rulesDir, 'harness.ts')) as Harness;

const ids = Object.keys(RULES) as (keyof typeof RULES)[];

test('every rule in RULES has an example, and every example a rule', () => {
  const files = (fs.readdirSync(rulesDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && f !== 'harness.ts')
    .map((f) => f.replace(/\.ts$/, '').split(path.sep).join('/'));
  expect(ids.filter((id) => !files.includes(id))).toEqual([]);
  expect(files.filter((f) => !(ids as string[]).includes(f))).toEqual([]);
});

describe.each(ids)('%s', (id) => {
  const rule = RULES[id];

  test('the bad example gives its finding and no other; the good one none', () => {
    expect(harness.ruleExampleProblems(id, rule.relaxable)).toEqual([]);
    const example = harness.ruleExample(id);
    expect(example.follows.length).toBeGreaterThan(20);
    for (const also of example.alsoFinds ?? []) expect(Object.keys(RULES)).toContain(also);
  });

  test(`the good example synthesizes${rule.severity === 'error' ? '; the bad one is refused' : ''}`, () => {
    const example = harness.ruleExample(id);
    expect(harness.validateExample(example, 'good').app.synthYaml()).toContain('kind: Namespace');
    const bad = harness.validateExample(example, 'bad').app;
    if (rule.severity === 'error') expect(() => bad.synthYaml()).toThrow(SynthesisError);
    else expect(bad.synthYaml()).toContain('kind: Namespace');
  });
});
