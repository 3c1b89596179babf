#!/usr/bin/env node
// Fails when the committed generated files differ from what the generator makes of its inputs:
// regenerates lib/validation/schema/generated/ into a temporary directory and compares every
// file, both ways.
//
//   node scripts/check-generated.mjs <dir with v1.X.0-definitions.json>     (e.g. ../shared/k8s)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [definitions] = process.argv.slice(2);
if (!definitions) {
  console.error('usage: node scripts/check-generated.mjs <dir with v1.X.0-definitions.json>');
  process.exit(2);
}
const committed = join(root, 'lib', 'validation', 'schema', 'generated');
const tmp = mkdtempSync(join(tmpdir(), 'kubecraft-generated-'));
try {
  const fresh = join(tmp, 'generated');
  const r = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'generate-schema-validators.mjs'), definitions, '--out', fresh],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    console.error(`check-generated: the generator failed:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  const list = (dir) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(dir, f)).isFile())
      .sort();
  const a = list(committed);
  const b = list(fresh);
  const problems = [
    ...b.filter((f) => !a.includes(f)).map((f) => `missing from the repository: ${f}`),
    ...a.filter((f) => !b.includes(f)).map((f) => `not generated (stale): ${f}`),
    ...a
      .filter((f) => b.includes(f))
      .filter((f) => !readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f))))
      .map((f) => `differs from a fresh generation: ${f}`),
  ];
  if (problems.length > 0) {
    console.error(`check-generated: ${relative(root, committed)} is not what the generator makes of ${definitions}:`);
    for (const p of problems) console.error(`  ${p}`);
    console.error(`regenerate with: npm run generate:schema -- ${definitions}`);
    process.exit(1);
  }
  console.log(`check-generated: ${a.length} generated files match ${definitions} and imports/crds/`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
