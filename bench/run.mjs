#!/usr/bin/env node
// kubecraft benchmark: whole processes, from start to files written, several runs each.
//
//   npm run bench                       # everything, 5 runs each, prints tables
//   npm run bench -- --runs 3 --sizes 10,100 --suite validation
//   npm run bench -- --write            # also writes docs/benchmarks.md
//
// Every case is a separate `node` process running a bundled app (bench/apps/*.ts, bundled
// once with esbuild before timing). The wall time is measured here, around the process; the
// app reports its own phase split and peak RSS as a JSON line. Medians are taken per case, and
// ratios are against the baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '10,100,1000,5000' },
    suite: { type: 'string', default: 'all' },
    write: { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);
const sizes = opts.sizes.split(',').map(Number);
const outBase = mkdtempSync(join(tmpdir(), 'kubecraft-bench-'));

const bundles = {};
for (const app of ['services', 'example']) {
  const outfile = join(root, '.kubecraft', `bench-${app}.js`);
  buildSync({ entryPoints: [join(root, 'bench', 'apps', `${app}.ts`)], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  bundles[app] = outfile;
}

function runOnce(args) {
  const outdir = join(outBase, `o-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args, outdir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`benchmark process failed (${args.join(' ')}):\n${r.stderr}`);
  rmSync(outdir, { recursive: true, force: true });
  const report = JSON.parse(r.stdout.trim().split('\n').pop());
  return { wall, ...report };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(label, args) {
  runOnce(args); // warm-up (file cache), not counted
  const samples = Array.from({ length: runs }, () => runOnce(args));
  const pick = (f) => median(samples.map(f));
  return {
    label,
    wall: pick((s) => s.wall),
    load: pick((s) => s.load),
    construct: pick((s) => s.construct),
    render: pick((s) => s.timings?.render ?? 0),
    validate: pick((s) => s.timings?.validate ?? 0),
    serialize: pick((s) => s.timings?.serialize ?? 0),
    write: pick((s) => s.timings?.write ?? 0),
    synth: pick((s) => s.synth),
    rss: Math.max(...samples.map((s) => s.maxRssMiB)),
  };
}

const sections = [];
const ms = (x) => `${Math.round(x)}`;
function table(title, rows, baselineLabel) {
  const base = rows.find((r) => r.label === baselineLabel);
  const lines = [
    `### ${title}`,
    '',
    '| case | wall ms (median) | vs baseline | module load | construct | render | validate | serialize | write | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${ms(r.wall)} | ${base ? (r.wall / base.wall).toFixed(2) + '×' : ''} | ${ms(r.load)} | ${ms(r.construct)} | ${r.render ? ms(r.render) : '–'} | ${r.validate ? ms(r.validate) : '–'} | ${r.serialize ? ms(r.serialize) : '–'} | ${r.write ? ms(r.write) : '–'} | ${Math.round(r.rss)} |`),
    '',
  ];
  sections.push(lines.join('\n'));
  console.log(lines.join('\n'));
}

if (opts.suite === 'all' || opts.suite === 'validation') {
  table('Validation overhead: the example app', [
    measure('example app, validation off', [bundles.example, 'novalidate']),
    measure('example app, validation on', [bundles.example, 'validate']),
  ], 'example app, validation off');
  for (const n of sizes.filter((s) => s >= 1000)) {
    table(`Validation overhead: ${n} Deployment+Service pairs`, [
      measure(`plain cdk8s-plus-27 (baseline), N=${n}`, [bundles.services, 'plain', String(n)]),
      measure(`kubecraft, validation off, N=${n}`, [bundles.services, 'kubecraft-novalidate', String(n)]),
      measure(`kubecraft, validation on, N=${n}`, [bundles.services, 'kubecraft', String(n)]),
    ], `plain cdk8s-plus-27 (baseline), N=${n}`);
  }
}

rmSync(outBase, { recursive: true, force: true });
if (opts.write) {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'benchmarks.md'), `# Benchmarks\n\nProduced by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Medians of ${runs} runs (after one warm-up run) of whole \`node\` processes, from process start to files written; ratios are against the baseline measured in the same run. Phase columns are medians of the app's own measurements (ms).\n\n${sections.join('\n')}`);
  console.log('wrote docs/benchmarks.md');
}
