#!/usr/bin/env node
// Startup snapshot vs a normal start vs `helm template` (issue 25), the bench's N-services app:
//   node scripts/startup-snapshot/compare.mjs [--sizes 10,100] [--runs 7]
// Builds the snapshot of this repository (needs `npm run build`), checks that a synth from it
// writes the same files byte for byte as a normal synth, then times whole processes round-robin
// (normal, snapshot through its launcher, snapshot with `node --snapshot-blob` directly, helm),
// medians, and ratios of medians. Like `npm run bench`: the compiled CLI, warm, validated.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findHelm } from '../find-helm.mjs';
import { startupSnapshotModule } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: { sizes: { type: 'string', default: '10,100' }, runs: { type: 'string', default: '7' } },
});
const runs = Number(opts.runs);
const out = mkdtempSync(join(tmpdir(), 'kubecraft-snapshot-compare-'));
const built = startupSnapshotModule().buildStartupSnapshot(root);
const bin = join(root, 'build', 'lib', 'cli', 'bin.js');
const app = join(root, 'bench', 'apps', 'webservices.ts');
const helm = await findHelm();

const synthArgs = (n, dir) => ['synth', app, '--quiet', '--', String(n), dir];
const cases = (n) => [
  { label: 'normal', command: process.execPath, args: (d) => [bin, ...synthArgs(n, d)] },
  { label: 'snapshot (launcher)', command: built.launcher, args: (d) => synthArgs(n, d) },
  {
    label: 'snapshot (node --snapshot-blob)',
    command: process.execPath,
    args: (d) => ['--snapshot-blob', built.blob, ...synthArgs(n, d)],
  },
  ...('path' in helm
    ? [
        {
          label: `helm template ${helm.version}`,
          command: helm.path,
          args: (d) => ['template', 'bench', join(root, 'bench', 'helm-chart'), '--set', `n=${n}`, '--output-dir', d],
        },
      ]
    : []),
];

function run(c) {
  const dir = join(out, Math.random().toString(36).slice(2));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.command, c.args(dir), { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.label} failed:\n${r.stderr}`);
  return { ms, dir };
}

function tree(dir) {
  const files = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(
  `snapshot: ${built.modules} modules, ${(statSync(built.blob).size / 1048576).toFixed(1)} MB; ${runs} rounds`,
);
for (const n of opts.sizes.split(',').map(Number)) {
  const cs = cases(n);
  const [normal, launcher, direct] = cs.slice(0, 3).map((c) => tree(run(c).dir)); // also the warm-up
  if (JSON.stringify(normal) !== JSON.stringify(launcher) || JSON.stringify(normal) !== JSON.stringify(direct)) {
    throw new Error(`N=${n}: the snapshot's output differs from a normal synth`);
  }
  if (cs[3]) run(cs[3]);
  const samples = cs.map(() => []);
  for (let i = 0; i < runs; i++) cs.forEach((c, j) => samples[j].push(run(c).ms));
  const med = samples.map(median);
  console.log(`N=${n} (output identical: ${Object.keys(normal).length} files)`);
  cs.forEach((c, j) =>
    console.log(
      `  ${c.label.padEnd(34)} ${med[j].toFixed(0).padStart(5)} ms   / normal ${(med[j] / med[0]).toFixed(2)}x${cs[3] ? `   / helm ${(med[j] / med[3]).toFixed(2)}x` : ''}`,
    ),
  );
}
rmSync(out, { recursive: true, force: true });
