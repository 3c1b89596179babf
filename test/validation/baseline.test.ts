// The findings baseline: what validate() reports on the example app, the bad-input tables and
// the property tests' inputs (at the fixed seed) must not change when the checks are rewritten.
// The expected findings are committed in __baseline__/*.json; a deliberate change of findings
// (a new rule, a corrected message) regenerates them with
//   UPDATE_BASELINE=1 npx jest test/validation/baseline
// and the diff of the JSON shows every finding that changed. The property tests' inputs give
// some 20,000 findings (5 MB written out): their baseline keeps a digest of each run's findings,
// and the full findings go to test-output/baseline/properties.json (not committed), which a
// failing comparison reads to show what changed, when present.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { appFindings, FindingsBaseline, propertyFindings, tableFindings } from './findings-baseline';

const DIR = path.join(__dirname, '__baseline__');
const FULL_DIR = path.join(__dirname, '..', '..', 'test-output', 'baseline');
const UPDATE = process.env.UPDATE_BASELINE === '1';

/** A short digest of one case's findings. */
function digest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

function sortedByKey(findings: FindingsBaseline): FindingsBaseline {
  return Object.fromEntries(Object.entries(findings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Compares `current` with the committed `name`.json (or writes it, with UPDATE_BASELINE=1).
 * With `digests`, the committed file holds one digest per case and the full findings are
 * written to test-output/baseline/ instead.
 */
function compare(name: string, current: FindingsBaseline, digests = false): void {
  const file = path.join(DIR, `${name}.json`);
  const full = path.join(FULL_DIR, `${name}.json`);
  const sorted = sortedByKey(current);
  const stored: Record<string, string[] | string> = digests
    ? Object.fromEntries(Object.entries(sorted).map(([k, v]) => [k, digest(v)]))
    : sorted;
  if (UPDATE) {
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 1) + '\n');
    if (digests) {
      fs.mkdirSync(FULL_DIR, { recursive: true });
      fs.writeFileSync(full, JSON.stringify(sorted, null, 1) + '\n');
    }
    return;
  }
  if (!fs.existsSync(file))
    throw new Error(`no baseline ${file}: run UPDATE_BASELINE=1 npx jest test/validation/baseline`);
  const expected = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[] | string>;
  const expectedFull: FindingsBaseline | undefined =
    digests && fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, 'utf8')) as FindingsBaseline) : undefined;
  const differences: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(stored)])) {
    if (!(key in expected)) differences.push(`new case '${key}'`);
    else if (!(key in stored)) differences.push(`case '${key}' is gone`);
    else if (JSON.stringify(expected[key]) === JSON.stringify(stored[key])) continue;
    const before = expectedFull?.[key] ?? (Array.isArray(expected[key]) ? expected[key] : undefined);
    const after = sorted[key] ?? [];
    if (before === undefined) {
      differences.push([`${key} (digest differs; now):`, ...after.map((l) => `  = ${l}`)].join('\n'));
      continue;
    }
    const gone = before.filter((l) => !after.includes(l));
    const added = after.filter((l) => !before.includes(l));
    differences.push([`${key}:`, ...gone.map((l) => `  - ${l}`), ...added.map((l) => `  + ${l}`)].join('\n'));
  }
  expect(differences.slice(0, 20)).toEqual([]);
}

test('the example app and the fixture app give the findings of the baseline', () => {
  compare('apps', appFindings());
}, 120_000);

test('every row of the bad-input tables gives the findings of the baseline', () => {
  compare('tables', tableFindings());
}, 600_000);

test('the property tests at the fixed seed give the findings of the baseline', () => {
  compare('properties', propertyFindings(), true);
}, 600_000);
