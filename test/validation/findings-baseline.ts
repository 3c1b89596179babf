// The findings of everything the validation tests feed to validate(), collected as data: the
// example app, the fixture app, every row of the bad-input tables and the inputs of the
// property tests at the fixed fast-check seed. baseline.test.ts compares them to the committed
// __baseline__/findings.json, so a change to how the checks are written (not what they check)
// is proven to change no finding: rule, severity, object, construct path, field, message, hint
// and relaxation.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import fc from 'fast-check';
import { buildExampleApp } from '../../examples/example-app';
import { Finding, KubecraftApp, validate } from '../../lib';
import { FIXED_SEED } from '../support/fast-check-seed';
import { BAD_INPUT_CASES } from './bad-input-cases';
import { CRD_ROWS } from './crd-cases';
import { fixtureApp, FixtureApp } from './fixture-app';
import { malformedManifests } from './malformed-manifests';
import { build, mutatedApp } from './property-apps';
import { RULE_APP_ROWS } from './rules/cases';
import { SERVER_CASES } from './server-cases';

/** Runs of the malformed-input property (as many as malformed-input.test.ts makes). */
export const MALFORMED_RUNS = 1500;
/** Runs of the mutation property (as many as property.test.ts makes). */
export const MUTATION_RUNS = 150;

/** Findings by case name; each finding one line of JSON with its fields in a fixed order. */
export type FindingsBaseline = Record<string, string[]>;

/** One finding as a line of JSON: every field, in a fixed order. */
export function findingLine(f: Finding): string {
  return JSON.stringify([
    f.rule,
    f.severity,
    f.object,
    f.path,
    f.field,
    f.message,
    f.hint,
    f.relaxedBy ? [f.relaxedBy.rule, f.relaxedBy.reason, f.relaxedBy.declaredAt] : null,
  ]);
}

function lines(findings: readonly Finding[]): string[] {
  return findings.map(findingLine).sort();
}

function tmpOutdir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-baseline-')), 'dist');
}

function fixtureFindings(mutate: (f: FixtureApp) => void, version?: Parameters<typeof fixtureApp>[0]): string[] {
  const f = fixtureApp(version);
  mutate(f);
  return lines(f.app.validate().findings);
}

/** The example app and the fixture app, as they are. */
export function appFindings(): FindingsBaseline {
  const example = buildExampleApp(new KubecraftApp({ outdir: tmpOutdir(), printReport: false }));
  return {
    'example app': lines(example.validate().findings),
    'fixture app': fixtureFindings(() => undefined),
  };
}

/** Every row of the bad-input tables (bad-input, bad-input-server, bad-input-crd, and the rows kept beside their rules). */
export function tableFindings(): FindingsBaseline {
  const result: FindingsBaseline = {};
  for (const [name, c] of Object.entries(BAD_INPUT_CASES))
    result[`bad-input: ${name}`] = fixtureFindings(c.mutate, c.kubernetesVersion);
  for (const [name, c] of Object.entries(SERVER_CASES))
    result[`server: ${name}`] = fixtureFindings(c.mutate, c.kubernetesVersion);
  for (const [name, c] of RULE_APP_ROWS) result[`${c.table}: ${name}`] = fixtureFindings(c.mutate, c.kubernetesVersion);
  for (const [name, , add] of CRD_ROWS) result[`crd: ${name}`] = fixtureFindings(add);
  return result;
}

/** The inputs of the property tests at the fixed seed: malformed manifests, mutated random apps. */
export function propertyFindings(): FindingsBaseline {
  const result: FindingsBaseline = {};
  const malformed = fc.sample(malformedManifests, { numRuns: MALFORMED_RUNS, seed: FIXED_SEED });
  malformed.forEach((manifests, run) => {
    const objects = manifests.map((manifest, i) => ({ manifest, path: `fuzz/${i}` }));
    result[`malformed #${run}`] = lines(validate([{ folder: '', objects }]).findings);
  });
  const mutations = fc.sample(mutatedApp, { numRuns: MUTATION_RUNS, seed: FIXED_SEED });
  mutations.forEach(({ spec, target, mutation }, run) => {
    const built = build(spec);
    const w = built.workloads.get(target)!;
    if (!mutation.applies(w.spec, w.service !== undefined)) return;
    const construct = mutation.onService ? w.service! : w.construct;
    ApiObject.of(construct).addJsonPatch(...mutation.ops(w.spec));
    result[`mutation #${run}: ${mutation.name}`] = lines(built.app.validate().findings);
  });
  return result;
}
