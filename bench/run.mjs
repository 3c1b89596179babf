#!/usr/bin/env node
// kubecraft benchmark: whole processes, from start to files written, several runs each.
//
//   npm run bench                       # everything, 5 runs each, prints tables
//   npm run bench -- --runs 3 --sizes 10,100 --suite validation
//   npm run bench -- --write            # also writes docs/benchmarks.md
//   npm run bench -- --suite schema --write   # only the schema versions section of it
//   npm run bench -- --suite apply --runs 3   # kubecraft apply against kubectl's own ApplySet apply
//   npm run bench -- --suite typecheck        # the cost of kubecraft synth's type-check
//   npm run bench -- --suite scaffold [--write]  # a `kubecraft init` project: npm test, kubecraft validate
//
// Every case is a separate `node` process running a bundled app (bench/apps/*.ts, bundled
// once with esbuild before timing). The wall time is measured here, around the process; the
// app reports its own phase split and peak RSS as a JSON line. Medians are taken per case, and
// ratios are against the baseline measured in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, buildSync } from 'esbuild';
import { findHelm } from '../scripts/find-helm.mjs';

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
for (const app of ['services', 'example', 'webservices', 'floor']) {
  const outfile = join(root, '.kubecraft', `bench-${app}.js`);
  buildSync({
    entryPoints: [join(root, 'bench', 'apps', `${app}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  bundles[app] = outfile;
}

/** One run of `command args(outdir)` in `cwd`: its wall time, and the JSON line it printed last, if any. */
function runProcess(command, args, cwd = root) {
  const outdir = join(outBase, `o-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args(outdir), { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`benchmark process failed (${command} ${args(outdir).join(' ')}):\n${r.stderr}`);
  rmSync(outdir, { recursive: true, force: true });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  const report = last.startsWith('{') ? JSON.parse(last) : {};
  return { wall, ...report };
}

/** One run of `node ...args <outdir>` (a bench app reporting its phases as a JSON line). */
function runOnce(args) {
  return runProcess(process.execPath, (outdir) => [...args, outdir]);
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
    ...rows.map(
      (r) =>
        `| ${r.label} | ${ms(r.wall)} | ${base ? (r.wall / base.wall).toFixed(2) + '×' : ''} | ${ms(r.load)} | ${ms(r.construct)} | ${r.render ? ms(r.render) : '–'} | ${r.validate ? ms(r.validate) : '–'} | ${r.serialize ? ms(r.serialize) : '–'} | ${r.write ? ms(r.write) : '–'} | ${Math.round(r.rss)} |`,
    ),
    '',
  ];
  sections.push(lines.join('\n'));
  console.log(lines.join('\n'));
}

if (opts.suite === 'all' || opts.suite === 'validation') {
  table(
    'Validation overhead: the example app',
    [
      measure('example app, validation off', [
        join(root, 'scripts', 'run-app.mjs'),
        join(root, 'bench', 'apps', 'example.ts'),
        'novalidate',
      ]),
      measure('example app, validation on', [
        join(root, 'scripts', 'run-app.mjs'),
        join(root, 'bench', 'apps', 'example.ts'),
        'validate',
      ]),
    ],
    'example app, validation off',
  );
  for (const n of sizes.filter((s) => s >= 1000)) {
    table(
      `Validation overhead: ${n} Deployment+Service pairs`,
      [
        measure(`plain cdk8s-plus-27 (baseline), N=${n}`, [bundles.services, 'plain', String(n)]),
        measure(`kubecraft, validation off, N=${n}`, [
          join(root, 'scripts', 'run-app.mjs'),
          join(root, 'bench', 'apps', 'services.ts'),
          'kubecraft-novalidate',
          String(n),
        ]),
        measure(`kubecraft, validation on, N=${n}`, [
          join(root, 'scripts', 'run-app.mjs'),
          join(root, 'bench', 'apps', 'services.ts'),
          'kubecraft',
          String(n),
        ]),
      ],
      `plain cdk8s-plus-27 (baseline), N=${n}`,
    );
  }
}

function runCdk8sSynth() {
  const outdir = join(outBase, `cli-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(join(root, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '-o', outdir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`cdk8s synth failed:\n${r.stderr}`);
  rmSync(outdir, { recursive: true, force: true });
  return wall;
}

// --- Faster than Helm (suite "performance") ---
// The same N web services (Deployment + Service + PodDisruptionBudget each) four ways, round-robin
// (so that a busy machine slows every case alike), medians of `runs`:
// - kubecraft as users run it: the compiled CLI (`kubecraft synth`, build/lib/cli/bin.js) on
//   bench/apps/webservices.ts, which imports the package by name (node resolves `kubecraft` to
//   this repository's own build), warm (bundle and code cache from the warm-up run), validated;
// - kubecraft before issue 13 (the commit BEFORE_REV, built into .kubecraft/), the same way;
// - `helm template` of bench/helm-chart (a `range` loop writing the same objects), when a helm
//   binary can be had (scripts/find-helm.mjs), else a visible "skipped" row;
// - plain cdk8s-plus-27 (Deployment + Service pairs, precompiled, plain node), and the floor (the
//   final objects from JSON straight to YAML);
// - kubecraft from this repository's startup snapshot (`kubecraft snapshot`, built first with the
//   compiled CLI): the same `kubecraft synth` through the launcher
//   .kubecraft/startup-snapshot/kubecraft, its output checked equal to a normal run's first, and
//   the snapshot checked fresh after each N (a rebuild of build/ during the run makes it stale:
//   the row then says so, since those runs did not start from it).
const BEFORE_REV = 'fc3b309'; // main before issue 13 (faster than Helm) began
const WATCH_BEFORE_REV = 'df2f04e'; // main before incremental watch (issue 25)

/** Round-robin: one warm-up run of every case, then `runs` rounds of every case; medians. */
function measureRoundRobin(cases) {
  cases.forEach((c) => c.run());
  const samples = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, j) => samples[j].push(c.run()));
  return cases.map((c, j) => {
    const xs = samples[j];
    const pick = (f) => median(xs.map(f));
    return {
      label: c.label,
      wall: pick((s) => s.wall),
      walls: xs.map((s) => s.wall),
      load: pick((s) => s.load ?? 0),
      construct: pick((s) => s.construct ?? 0),
      render: pick((s) => s.timings?.render ?? 0),
      validate: pick((s) => s.timings?.validate ?? 0),
      serialize: pick((s) => s.timings?.serialize ?? 0),
      rss: Math.max(...xs.map((s) => s.maxRssMiB ?? 0)),
    };
  });
}

/**
 * kubecraft at `rev`, built once into .kubecraft/ (its lib, compiled as the package build does);
 * undefined (the rows say "skipped") when it no longer builds with today's node_modules.
 */
function buildRev(rev) {
  const dir = join(root, '.kubecraft', `bench-before-${rev}`);
  if (existsSync(join(dir, '.built'))) return dir; // written last: a build that failed part-way is redone
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bench', 'apps'), { recursive: true });
  execFileSync('bash', [
    '-c',
    `git -C "${root}" archive ${rev} lib scripts/build.mjs tsconfig.json tsconfig.build.json package.json | tar -x -C "${dir}"`,
  ]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  try {
    execFileSync(process.execPath, [join(dir, 'scripts', 'build.mjs')], { cwd: dir, stdio: 'pipe' });
  } catch (err) {
    console.error(`kubecraft at ${rev} does not build here (skipped): ${String(err.stdout ?? err).split('\n')[0]}`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  writeFileSync(join(dir, '.built'), `${rev}\n`);
  return dir;
}

/**
 * This repository's startup snapshot, built with the compiled CLI (`kubecraft snapshot --json`,
 * after `npm run build`): `{ launcher, modules, bytes, buildMs }`, or `{ reason }` when it cannot
 * be built here (the rows then say "skipped").
 */
function buildBenchSnapshot() {
  const r = spawnSync(process.execPath, [join(root, 'build', 'lib', 'cli', 'bin.js'), 'snapshot', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    const reason = (r.stderr || r.stdout).trim().split('\n')[0];
    console.error(`the startup snapshot could not be built (its rows are skipped): ${reason}`);
    return { reason };
  }
  return JSON.parse(r.stdout);
}

/** `fresh`, or `stale: why` (then the runs from the launcher did not start from the snapshot). */
function snapshotState() {
  const r = spawnSync(
    process.execPath,
    [join(root, 'build', 'lib', 'cli', 'bin.js'), 'snapshot', '--status', '--json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const status = JSON.parse(r.stdout);
  return status.state === 'fresh' ? 'fresh' : `${status.state}: ${status.reason}`;
}

/** A synth through the snapshot's launcher writes byte for byte what a normal synth writes (else the bench stops). */
function checkSnapshotOutput(launcher, n) {
  const app = join(root, 'bench', 'apps', 'webservices.ts');
  const outs = [process.execPath, launcher].map((command, i) => {
    const out = join(outBase, `snapshot-check-${n}-${i}`);
    const args = ['synth', app, '--quiet', '--', String(n), out];
    const r = spawnSync(command, i === 0 ? [join(root, 'build', 'lib', 'cli', 'bin.js'), ...args] : args, {
      cwd: root,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`synth${i ? ' from the startup snapshot' : ''} failed:\n${r.stderr}`);
    const files = Object.fromEntries(
      readdirSync(out, { recursive: true })
        .map(String)
        .sort()
        .filter((f) => !statSync(join(out, f)).isDirectory())
        .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
    );
    rmSync(out, { recursive: true, force: true });
    return JSON.stringify(files);
  });
  if (outs[0] !== outs[1])
    throw new Error(`N=${n}: a synth from the startup snapshot wrote other files than a normal synth`);
}

/** The rows of kubecraft synth and kubecraft synth from the startup snapshot, per N, ratios to helm and to the normal run. */
function snapshotTable(perf, snapshot) {
  const head = ['#### From the startup snapshot (`kubecraft snapshot`)', ''];
  if (!snapshot.launcher) return [...head, `Skipped: ${snapshot.reason}`, ''];
  const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '–');
  return [
    ...head,
    `The same runs (round-robin with the cases above): \`.kubecraft/startup-snapshot/kubecraft synth\`, the launcher \`kubecraft snapshot\` writes, starting Node with the blob (${snapshot.modules} modules, ${(snapshot.bytes / 1048576).toFixed(1)} MB, built in ${snapshot.buildMs} ms). Its output was checked equal to a normal synth's for each N before timing.`,
    '',
    '| N | case | ms | / helm | / kubecraft synth |',
    '|---:|---|---:|---:|---:|',
    ...perf.flatMap((p) => [
      `| ${p.n} | kubecraft synth | ${ms(p.kc.wall)} | ${ratio(p.kc.wall, p.helm?.wall)} | 1.00× |`,
      `| ${p.n} | kubecraft synth from the startup snapshot${p.snapshotState === 'fresh' ? '' : ` (stale after these runs, so not all of them used it: ${p.snapshotState})`} | ${ms(p.snapshot.wall)} | ${ratio(p.snapshot.wall, p.helm?.wall)} | ${ratio(p.snapshot.wall, p.kc.wall)} |`,
    ]),
    '',
    ...perf.map((p) => `- N=${p.n}: from the snapshot, runs: ${p.snapshot.walls.map(ms).join(', ')} ms.`),
    '',
  ];
}

if (opts.suite === 'all' || opts.suite === 'performance') {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const before = buildRev(BEFORE_REV);
  if (before)
    for (const f of ['webservices.ts', 'args.ts'])
      cpSync(join(root, 'bench', 'apps', f), join(before, 'bench', 'apps', f));
  const helm = await findHelm();
  const helmLabel = 'path' in helm ? `helm template (${helm.version}), not validated` : undefined;
  const snapshot = buildBenchSnapshot();
  const kubecraftCase = (label, dir) => ({
    label,
    run: () =>
      runProcess(
        process.execPath,
        (out) => [
          join(dir, 'build', 'lib', 'cli', 'bin.js'),
          'synth',
          join(dir, 'bench', 'apps', 'webservices.ts'),
          '--quiet',
          '--',
          String(n),
          out,
        ],
        dir,
      ),
  });
  let n;
  const perf = [];
  const lines = [
    '### Faster than Helm: the same N web services',
    '',
    `N services = N Deployments + N Services + N PodDisruptionBudgets (+ 1 Namespace). kubecraft: \`kubecraft synth\` of \`bench/apps/webservices.ts\` (\`WebService\` patterns, validated), as users run it: the compiled CLI and package, warm. "before": the same at ${BEFORE_REV} (before this work). helm: \`helm template\` of \`bench/helm-chart\` (a \`range\` loop writing the same objects, \`--output-dir\`). Whole processes, round-robin, medians of ${runs}. Ratios against helm in the same run.`,
    '',
    '| N | kubecraft ms | before ms | helm template ms | kubecraft / helm | kubecraft / before | plain cdk8s-plus ms | floor ms | kubecraft phases: load / construct / render / validate (waited) / serialize |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (n of sizes) {
    const json = join(outBase, `objects-${n}.json`);
    spawnSync(process.execPath, [bundles.webservices, String(n), join(outBase, 'dump'), '--dump-json', json], {
      encoding: 'utf8',
    });
    const cases = [
      kubecraftCase('kubecraft', root),
      ...(before ? [kubecraftCase('before', before)] : []),
      ...(helmLabel
        ? [
            {
              label: 'helm',
              run: () =>
                runProcess(helm.path, (out) => [
                  'template',
                  'bench',
                  join(root, 'bench', 'helm-chart'),
                  '--set',
                  `n=${n}`,
                  '--output-dir',
                  out,
                ]),
            },
          ]
        : []),
      { label: 'plain', run: () => runProcess(process.execPath, (out) => [bundles.services, 'plain', String(n), out]) },
      { label: 'floor', run: () => runProcess(process.execPath, (out) => [bundles.floor, json, out]) },
      ...(snapshot.launcher
        ? [
            {
              label: 'snapshot',
              run: () =>
                runProcess(
                  snapshot.launcher,
                  (out) => ['synth', join(root, 'bench', 'apps', 'webservices.ts'), '--quiet', '--', String(n), out],
                  root,
                ),
            },
          ]
        : []),
    ];
    if (snapshot.launcher) checkSnapshotOutput(snapshot.launcher, n);
    const rows = Object.fromEntries(measureRoundRobin(cases).map((r) => [r.label, r]));
    const kc = rows.kubecraft;
    perf.push({ n, kc, before: rows.before, helm: rows.helm, snapshot: rows.snapshot, snapshotState: snapshotState() });
    lines.push(
      `| ${n} | ${ms(kc.wall)} | ${rows.before ? ms(rows.before.wall) : 'skipped'} | ${rows.helm ? ms(rows.helm.wall) : 'skipped: no helm'} | ${rows.helm ? (kc.wall / rows.helm.wall).toFixed(2) + '×' : '–'} | ${rows.before ? (kc.wall / rows.before.wall).toFixed(2) + '×' : '–'} | ${ms(rows.plain.wall)} | ${ms(rows.floor.wall)} | ${ms(kc.load)} / ${ms(kc.construct)} / ${ms(kc.render)} / ${ms(kc.validate)} / ${ms(kc.serialize)} |`,
    );
    console.log(lines[lines.length - 1]);
  }
  if (!helmLabel) lines.push('', `helm: skipped (${helm.reason}).`);
  else
    lines.push(
      '',
      `helm: ${helm.version} (${helm.path.includes('node_modules') ? 'the pinned helm of the devDependency @aws-cdk/asset-kubectl-v20' : helm.path}).`,
    );
  lines.push(
    '',
    ...perf.map(
      (p) =>
        `- N=${p.n}: kubecraft runs ${ms(p.kc.wall)} ms (runs: ${p.kc.walls.map(ms).join(', ')})${p.helm ? `, helm ${ms(p.helm.wall)} ms (runs: ${p.helm.walls.map(ms).join(', ')})` : ''}${p.before ? `, before ${ms(p.before.wall)} ms` : ''}; peak RSS ${Math.round(p.kc.rss)} MiB.`,
    ),
    '',
  );
  lines.push(...snapshotTable(perf, snapshot));
  sections.push(lines.join('\n'));
  console.log(lines.join('\n'));

  runCdk8sSynth();
  const cli = Array.from({ length: runs }, runCdk8sSynth);
  const line = `### The example app through \`npx cdk8s synth\`\n\nMedian of ${runs}: ${Math.round(median(cli))} ms (runs: ${cli.map((x) => Math.round(x)).join(', ')} ms), including the cdk8s CLI itself, esbuild bundling of main.ts, validation, and the graphs.\n`;
  sections.push(line);
  console.log(line);
}

// Schema validators per Kubernetes version: module load and first use, against today's single
// version file (the last commit that had lib/validation/schema/validators.generated.js), and
// the package's size.
const SCHEMA_START = '<!-- schema-versions:start -->';
const SCHEMA_END = '<!-- schema-versions:end -->';
let schemaSection;
if (opts.suite === 'all' || opts.suite === 'schema') {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
  const deleted = git(
    'log',
    '-1',
    '--format=%H',
    '--diff-filter=D',
    '--',
    'lib/validation/schema/validators.generated.js',
  );
  const todayRev = deleted ? `${deleted}^` : 'HEAD';
  const todayFile = join(root, '.kubecraft', 'bench-baseline', 'validators.generated.js');
  mkdirSync(dirname(todayFile), { recursive: true });
  writeFileSync(todayFile, git('show', `${todayRev}:lib/validation/schema/validators.generated.js`));
  // the store as installed: its TypeScript bundled, the generated files required from disk
  const storeFile = join(root, '.kubecraft', 'bench-schema-store.js');
  await build({
    entryPoints: [join(root, 'lib', 'validation', 'schema', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: storeFile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'generated-from-disk',
        setup(b) {
          b.onResolve({ filter: /\/generated\/(index|served)$/ }, (a) => ({
            path: `${resolve(a.resolveDir, a.path)}.js`,
            external: true,
          }));
        },
      },
    ],
  });
  const runner = join(root, 'bench', 'schema-load.cjs');
  const cases = [
    { label: 'today: 1.27 only, one file (all kinds)', args: ['baseline', todayFile, 'all'], scope: 'all' },
    ...['1.27', '1.33', '1.36'].map((v) => ({
      label: `${v}, every validator (preloadSchemas)`,
      args: ['store', storeFile, v, 'all'],
      scope: 'all',
    })),
    ...['1.27', '1.33', '1.36'].map((v) => ({
      label: `${v}, on first use: an 8-object app`,
      args: ['store', storeFile, v, 'app'],
      scope: 'app',
    })),
  ];
  // round-robin, so that a busy machine slows every case alike
  const samples = cases.map(() => []);
  cases.forEach((c) => runOnce([runner, ...c.args]));
  for (let i = 0; i < runs; i++) cases.forEach((c, j) => samples[j].push(runOnce([runner, ...c.args])));
  const rows = cases.map((c, j) => {
    const pick = (f) => median(samples[j].map(f));
    return {
      ...c,
      wall: pick((s) => s.wall),
      load: pick((s) => s.load),
      cpuLoad: pick((s) => s.cpuLoad),
      total: pick((s) => s.load + s.firstUse),
      cpuTotal: pick((s) => s.cpuLoad + s.cpuFirstUse),
      perObject: pick((s) => s.perObjectMicros),
      rss: Math.max(...samples[j].map((s) => s.maxRssMiB)),
    };
  });
  const today = rows[0];
  const ratio = (r) =>
    r.scope === 'all'
      ? `${(r.load / today.load).toFixed(2)}× (CPU ${(r.cpuLoad / today.cpuLoad).toFixed(2)}×)`
      : `${(r.total / today.total).toFixed(2)}× (CPU ${(r.cpuTotal / today.cpuTotal).toFixed(2)}×)`;
  // the package as published: build, then what npm would pack
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
  const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }))[0];
  const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
  const lines = [
    SCHEMA_START,
    '### Schema validators per Kubernetes version',
    '',
    `Loading the validators, each case a separate \`node\` process (median of ${runs}, round-robin): "every validator" requires the store and loads every validator of the version; "on first use" requires it and validates a Deployment, Service, ConfigMap, ServiceAccount, PodDisruptionBudget, HorizontalPodAutoscaler, Ingress and NetworkPolicy once (loading what they need). "today" is \`validators.generated.js\` of ${git('rev-parse', '--short', todayRev)}, one file with every 1.27 kind, required whole, measured in the same run. Ratios: load (or load + first use) against today's load (+ first use), wall and CPU time.`,
    '',
    '| case | load ms | load + first use ms | vs today | validate µs per Deployment | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${ms(r.load)} | ${ms(r.total)} | ${r === today ? '1.00×' : ratio(r)} | ${r.perObject.toFixed(1)} | ${Math.round(r.rss)} |`,
    ),
    '',
    `Package (\`npm pack --dry-run\` after \`npm run build\`): ${mb(pack.size)} packed, ${mb(pack.unpackedSize)} installed, ${pack.entryCount} files (budget: 3 MB packed, 15 MB installed).`,
    SCHEMA_END,
    '',
  ];
  schemaSection = lines.join('\n');
  sections.push(schemaSection);
  console.log(schemaSection);
}

// --- kubecraft synth: cold and warm runs, the code cache, and watch latency (suite "cli") ---
// Cold: no cached bundle and no code cache (.kubecraft/bundles and .kubecraft/code-cache of
// the repository removed); warm: both present. Watch: `kubecraft synth --watch` of the example
// app, time from writing its entry file to the summary line printed after dist/ was replaced.
/** One run of the kubecraft CLI (`cli`, by default this repository's dev entry) in `cwd`: its wall time. */
function runCli(args, env = {}, cli = join(root, 'scripts', 'kubecraft.mjs'), cwd = root) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`kubecraft ${args.join(' ')} failed:\n${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Watch latency: `kubecraft synth --watch` of `entry` (run by `cli` in `cwd`), the time from
 * writing `source(i)` to the entry to the summary line printed after the output was replaced.
 */
async function watchLatency({ cli, cwd, entry, source }, edits, extra = []) {
  writeFileSync(entry, source(0));
  const { spawn } = await import('node:child_process');
  const child = spawn(
    process.execPath,
    [cli, 'synth', entry, '--watch', '--outdir', join(outBase, 'watch'), ...extra],
    {
      cwd,
    },
  );
  let buffer = '';
  let waiting;
  child.stderr.on('data', (d) => {
    buffer += d;
    if (/synthesized .* in \d+ ms/.test(buffer) && waiting) {
      buffer = '';
      const w = waiting;
      waiting = undefined;
      w();
    }
  });
  // a synth that never comes (an app the CLI cannot build) fails the case instead of hanging the bench
  const next = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting = undefined;
        child.kill('SIGKILL');
        reject(new Error(`no synth within 60 s: ${buffer.trim().split('\n').slice(-3).join(' / ')}`));
      }, 60000);
      waiting = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  await next(); // the first synth
  await new Promise((r) => setTimeout(r, 300));
  const samples = [];
  for (let i = 1; i <= edits; i++) {
    const done = next();
    const start = process.hrtime.bigint();
    writeFileSync(entry, source(i));
    await done;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  return samples;
}

/**
 * The example app as a project that installs kubecraft would have it: a folder with its own
 * package.json, the example's files with `../lib` imported as `kubecraft`, and a node_modules of
 * links to this repository's packages, where `kubecraft` is this repository (its `build/`). So
 * kubecraft is a package there: the runner leaves it external, and watch runs keep it loaded.
 */
function installedExampleProject(kubecraft = root, name = 'bench-installed') {
  const dir = join(root, '.kubecraft', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== 'kubecraft') symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  symlinkSync(kubecraft, join(dir, 'node_modules', 'kubecraft'));
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(root, 'imports'), join(dir, 'imports'), { recursive: true });
  for (const f of readdirSync(join(dir, 'examples')).filter((f) => f.endsWith('.ts'))) {
    const file = join(dir, 'examples', f);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/from '\.\.\/lib'/g, "from 'kubecraft'"));
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-installed', version: '1.0.0', private: true }),
  );
  const source = (n) =>
    `// edit ${n}\nimport { KubecraftApp } from 'kubecraft';\nimport { buildExampleApp } from './examples/example-app';\nbuildExampleApp(new KubecraftApp({ graph: true, printReport: false })).synth();\n`;
  const entry = join(dir, 'main.ts');
  writeFileSync(entry, source(0));
  return { dir, entry, source };
}

const CLI_START = '<!-- bench:cli:start -->';
const CLI_END = '<!-- bench:cli:end -->';
let cliSection;
if (opts.suite === 'all' || opts.suite === 'cli') {
  const synthArgs = ['synth', 'main.ts', '--quiet', '--outdir', join(outBase, 'cli')];
  const clearCaches = () => {
    rmSync(join(root, '.kubecraft', 'bundles'), { recursive: true, force: true });
    rmSync(join(root, '.kubecraft', 'code-cache'), { recursive: true, force: true });
  };
  runCli(synthArgs); // the dev CLI bundle itself, and the file cache
  const cold = Array.from({ length: runs }, () => {
    clearCaches();
    return runCli(synthArgs);
  });
  runCli(synthArgs);
  const warm = Array.from({ length: runs }, () => runCli(synthArgs));
  const warmNoCodeCache = Array.from({ length: runs }, () => runCli(synthArgs, { KUBECRAFT_CODE_CACHE: '0' }));
  const devEntry = join(root, '.kubecraft', 'bench-watch-main.ts');
  const latency = await watchLatency(
    {
      cli: join(root, 'scripts', 'kubecraft.mjs'),
      cwd: root,
      entry: devEntry,
      source: (n) =>
        `// edit ${n}\nimport { buildExampleApp } from '../examples/example-app';\nimport { KubecraftApp } from '../lib';\nbuildExampleApp(new KubecraftApp({ graph: true, printReport: false })).synth();\n`,
    },
    runs * 2,
  );
  rmSync(devEntry, { force: true });
  // the same app where kubecraft is an installed package, through the compiled CLI
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const installed = installedExampleProject();
  const bin = join(root, 'build', 'lib', 'cli', 'bin.js');
  const runInstalled = () =>
    runCli(['synth', installed.entry, '--quiet', '--outdir', join(outBase, 'inst')], {}, bin, installed.dir);
  runInstalled();
  const installedWarm = Array.from({ length: runs }, runInstalled);
  // watch before incremental watch (WATCH_BEFORE_REV, its own compiled CLI and package) and now,
  // with and without the type-check, in alternating halves (a busy machine slows both alike)
  const beforeDir = buildRev(WATCH_BEFORE_REV);
  const before = beforeDir && installedExampleProject(beforeDir, 'bench-installed-before');
  const beforeBin = beforeDir && join(beforeDir, 'build', 'lib', 'cli', 'bin.js');
  const watchCases = [
    ['now', () => ({ cli: bin, cwd: installed.dir, ...installed }), []],
    ['now, --no-typecheck', () => ({ cli: bin, cwd: installed.dir, ...installed }), ['--no-typecheck']],
    ...(before
      ? [
          ['before', () => ({ cli: beforeBin, cwd: before.dir, ...before }), []],
          ['before, --no-typecheck', () => ({ cli: beforeBin, cwd: before.dir, ...before }), ['--no-typecheck']],
        ]
      : []),
  ];
  const watchSamples = Object.fromEntries(watchCases.map(([label]) => [label, []]));
  let beforeFailed; // the example app of today may use what the library before did not have
  for (let half = 0; half < 2; half++) {
    for (const [label, project, extra] of watchCases) {
      if (label.startsWith('before') && beforeFailed) continue;
      try {
        watchSamples[label].push(...(await watchLatency(project(), runs, extra)));
      } catch (err) {
        if (!label.startsWith('before')) throw err;
        beforeFailed = err.message;
      }
    }
  }
  const installedLatency = watchSamples.now;
  rmSync(installed.dir, { recursive: true, force: true });
  if (before) rmSync(before.dir, { recursive: true, force: true });
  const row = (label, xs) => `| ${label} | ${Math.round(median(xs))} | ${xs.map((x) => Math.round(x)).join(', ')} |`;
  const lines = [
    CLI_START,
    '### `kubecraft synth` of the example app: cold, warm, watch',
    '',
    'In this repository (`scripts/kubecraft.mjs`, the app bundling `lib/` from source), and as a project that installs kubecraft has it (the compiled CLI; the example with `kubecraft` imported as a package).',
    '',
    '| case | median ms | runs (ms) |',
    '|---|---:|---|',
    row('cold: no cached bundle, no code cache (esbuild bundles the app)', cold),
    row('warm: cached bundle and V8 code cache', warm),
    row('warm without the code cache (KUBECRAFT_CODE_CACHE=0)', warmNoCodeCache),
    row('watch: edit of the entry file to dist/ replaced', latency),
    row('installed package: warm', installedWarm),
    row('installed package: watch, edit to dist/ replaced', installedLatency),
    row('installed package: watch, --no-typecheck', watchSamples['now, --no-typecheck']),
    ...(before && !beforeFailed
      ? [
          row(`installed package at ${WATCH_BEFORE_REV} (before incremental watch): watch`, watchSamples.before),
          row(
            `installed package at ${WATCH_BEFORE_REV} (before incremental watch): watch, --no-typecheck`,
            watchSamples['before, --no-typecheck'],
          ),
          '',
          `Watch now / before, same run: ${(median(watchSamples.now) / median(watchSamples.before)).toFixed(2)}× type-checked, ${(median(watchSamples['now, --no-typecheck']) / median(watchSamples['before, --no-typecheck'])).toFixed(2)}× with --no-typecheck.`,
        ]
      : [
          beforeFailed
            ? `(before incremental watch: skipped, ${WATCH_BEFORE_REV} cannot run today's example app: ${beforeFailed})`
            : `(before incremental watch: skipped, ${WATCH_BEFORE_REV} does not build here)`,
        ]),
    CLI_END,
    '',
  ];
  cliSection = lines.join('\n');
  sections.push(cliSection);
  console.log(cliSection);
}

/**
 * A project made by `kubecraft init` (suites "typecheck" and "scaffold"), with kubecraft installed as
 * a package: node_modules of links to this repository's packages, where `kubecraft` is this
 * repository (its `build/`: run `npm run build` first), and a node_modules/.bin of its own, with
 * `kubecraft` in it as npm would link it (a shim: build/lib/cli/bin.js is not executable), so that
 * `npm test` and `npx kubecraft` run there as in a user's project. `native: false` leaves
 * TypeScript 7's native compiler out (typescript 5's tsc checks).
 */
function makeScaffold(name, native) {
  // outside this repository, so that nothing resolves to its node_modules by walking up
  const dir = join(tmpdir(), `kubecraft-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  for (const pkg of readdirSync(join(root, 'node_modules'))) {
    if (pkg !== 'kubecraft' && pkg !== '.bin' && (native || pkg !== '@typescript'))
      symlinkSync(join(root, 'node_modules', pkg), join(dir, 'node_modules', pkg));
  }
  symlinkSync(root, join(dir, 'node_modules', 'kubecraft'));
  const rootBin = join(root, 'node_modules', '.bin');
  for (const b of readdirSync(rootBin)) {
    // the same relative links (../jest/bin/jest.js), so that they resolve in this node_modules
    try {
      symlinkSync(readlinkSync(join(rootBin, b)), join(dir, 'node_modules', '.bin', b));
    } catch {
      symlinkSync(join(rootBin, b), join(dir, 'node_modules', '.bin', b));
    }
  }
  const shim = join(dir, 'node_modules', '.bin', 'kubecraft');
  writeFileSync(
    shim,
    `#!/bin/sh\nexec node "${join(dir, 'node_modules', 'kubecraft', 'build', 'lib', 'cli', 'bin.js')}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  execFileSync(process.execPath, [join(root, 'build', 'lib', 'cli', 'bin.js'), 'init'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

// --- The type-check of kubecraft synth (suite "typecheck") ---
// kubecraft synth type-checks by default, with the project's own compiler, in a process of its
// own while the app runs. Warm synths (bundle and code cache present) with and without
// --no-typecheck, round-robin: of a project made by `kubecraft init` (kubecraft installed as a
// package: this repository's build/), and of the example app in this repository; with the
// sources unchanged (a check that passed is not run again: its record holds) and after an edit
// of the entry before every run (both sides rebundle; the check runs).
if (opts.suite === 'all' || opts.suite === 'typecheck') {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const bin = join(root, 'build', 'lib', 'cli', 'bin.js');
  const scaffold = makeScaffold('bench-scaffold', true);
  const scaffoldTsc = makeScaffold('bench-scaffold-tsc', false);
  const tscVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  const cases = [
    ['scaffold (kubecraft init), tsgo', scaffold, 'main.ts'],
    [`scaffold, tsc ${tscVersion} (no native compiler)`, scaffoldTsc, 'main.ts'],
    ['example app, tsgo', root, 'main.ts'],
  ];
  const rows = [];
  for (const [label, cwd, entry] of cases) {
    const synth = (extra) =>
      runCli(['synth', entry, '--quiet', '--outdir', join(outBase, 'tc'), ...extra], {}, bin, cwd);
    const file = join(cwd, entry);
    const original = readFileSync(file, 'utf8');
    let edits = 0;
    // an edit as a user makes one: the entry's text changes (the bundle and the check both see it)
    const edit = () => writeFileSync(file, `${original}// bench edit ${++edits}\n`);
    try {
      for (const [state, before] of [
        ['unchanged', () => undefined],
        ['after an edit', edit],
      ]) {
        synth([]); // bundle and code cache, the check's record
        const off = [];
        const on = [];
        for (let i = 0; i < runs; i++) {
          before();
          off.push(synth(['--no-typecheck']));
          before();
          on.push(synth([]));
        }
        rows.push(
          `| ${label} | ${state} | ${Math.round(median(off))} | ${Math.round(median(on))} | ${(median(on) / median(off)).toFixed(2)}× | ${off.map(Math.round).join(', ')} / ${on.map(Math.round).join(', ')} |`,
        );
      }
    } finally {
      writeFileSync(file, original);
    }
  }
  rmSync(scaffold, { recursive: true, force: true });
  rmSync(scaffoldTsc, { recursive: true, force: true });
  const lines = [
    "### The type-check of `kubecraft synth` (the project's compiler, in parallel with the app)",
    '',
    '| app | sources | warm synth, --no-typecheck (ms) | warm synth, type-checked (ms) | ratio | runs (ms) |',
    '|---|---|---:|---:|---:|---|',
    ...rows,
    '',
  ];
  sections.push(lines.join('\n'));
  console.log(lines.join('\n'));
}

// --- The scaffold: npm test and kubecraft validate (suite "scaffold") ---
// A project made by `kubecraft init` (makeScaffold: kubecraft installed as a package, this
// repository's build/), timed as its user runs it, whole processes, round-robin, medians:
// - `npm test` (`tsgo --noEmit -p . && jest`, jest with kubecraft/jest-transform) against the same
//   snapshot test in a second scaffold where `npm test` is `jest` with ts-jest's transform (its
//   default, type-checking each file it transforms: no tsc step), every other field of package.json,
//   tsconfig.json and the test the same; both warm (jest's cache filled by the warm-up round), with
//   the sources unchanged (ts-jest's cache holds: it resolves imports, checks nothing) and after an edit of main.ts
//   before every run (both transform main.ts and main.test.ts again, ts-jest type-checks them);
// - `npx kubecraft validate` and `kubecraft validate` (the bin, as `npm run validate` or a shell with
//   node_modules/.bin on its PATH runs it) against the same with --no-typecheck, unchanged (the
//   check's record holds) and after an edit of main.ts before every run (both rebundle; the check runs).
// Before timing: both `npm test`s wrote the same snapshot, and a type error fails both `npm test`s
// and the type-checked validate (not --no-typecheck): each side does the same work as the other.
const SCAFFOLD_START = '<!-- bench:scaffold:start -->';
const SCAFFOLD_END = '<!-- bench:scaffold:end -->';
const SCAFFOLD_HEADING = '### The scaffold: `npm test` and `kubecraft validate`';
const TEST_GOAL_MS = 1000;
const VALIDATE_GOAL_MS = 800;
let scaffoldSection;
if (opts.suite === 'all' || opts.suite === 'scaffold') {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const kc = makeScaffold('bench-scaffold-test', true);
  const tsJest = makeScaffold('bench-scaffold-ts-jest', true);
  const tsJestPkg = JSON.parse(readFileSync(join(tsJest, 'package.json'), 'utf8'));
  tsJestPkg.scripts.test = 'jest';
  tsJestPkg.jest.transform = { '^.+\\.ts$': 'ts-jest' };
  writeFileSync(join(tsJest, 'package.json'), `${JSON.stringify(tsJestPkg, null, 2)}\n`);
  const versionOf = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  const originals = new Map([kc, tsJest].map((d) => [d, readFileSync(join(d, 'main.ts'), 'utf8')]));
  let edits = 0;
  // an edit as a user makes one: the entry's text changes
  const edit = (dir) => writeFileSync(join(dir, 'main.ts'), `${originals.get(dir)}// bench edit ${++edits}\n`);
  const restore = () => originals.forEach((text, dir) => writeFileSync(join(dir, 'main.ts'), text));
  /** `command args` in `dir`: its exit status (for the checks before timing). */
  const status = (dir, command, args) => spawnSync(command, args, { cwd: dir, encoding: 'utf8' }).status;
  const npmTest = (dir) => runProcess('npm', () => ['test', '--silent'], dir);
  const npxValidate = (extra) => runProcess('npx', () => ['--no', 'kubecraft', 'validate', ...extra], kc);
  const binValidate = (extra) =>
    runProcess(join(kc, 'node_modules', '.bin', 'kubecraft'), () => ['validate', ...extra], kc);
  try {
    // the same work on both sides: the same snapshot written, a type error fails both
    for (const dir of [kc, tsJest]) npmTest(dir);
    const snap = (dir) => readFileSync(join(dir, '__snapshots__', 'main.test.ts.snap'), 'utf8');
    if (snap(kc) !== snap(tsJest))
      throw new Error('the scaffold: ts-jest and kubecraft/jest-transform wrote other snapshots');
    for (const dir of [kc, tsJest]) {
      writeFileSync(
        join(dir, 'main.ts'),
        `${originals.get(dir)}export const benchTypeError: number = 'not a number';\n`,
      );
    }
    const failing = [
      ['npm test (kubecraft)', status(kc, 'npm', ['test', '--silent'])],
      ['npm test (ts-jest)', status(tsJest, 'npm', ['test', '--silent'])],
      ['kubecraft validate', status(kc, join(kc, 'node_modules', '.bin', 'kubecraft'), ['validate'])],
    ].filter(([, s]) => s === 0);
    const noCheck = status(kc, join(kc, 'node_modules', '.bin', 'kubecraft'), ['validate', '--no-typecheck']);
    restore();
    if (failing.length > 0)
      throw new Error(`the scaffold: a type error did not fail ${failing.map(([l]) => l).join(', ')}`);
    if (noCheck !== 0) throw new Error('the scaffold: kubecraft validate --no-typecheck failed on a type error alone');

    // npm test: after an edit first, then unchanged (the edit runs left the caches of that text)
    const testCases = [
      { label: 'edit, ts-jest', run: () => (edit(tsJest), npmTest(tsJest)) },
      { label: 'edit, kubecraft', run: () => (edit(kc), npmTest(kc)) },
      { label: 'unchanged, ts-jest', run: () => npmTest(tsJest) },
      { label: 'unchanged, kubecraft', run: () => npmTest(kc) },
    ];
    // validate: the unchanged type-checked run follows the edited one (whose check recorded a pass)
    const validateCases = [
      ['npx', npxValidate],
      ['bin', binValidate],
    ].flatMap(([how, run]) => [
      { label: `${how}, edit, off`, run: () => (edit(kc), run(['--no-typecheck'])) },
      { label: `${how}, edit, on`, run: () => (edit(kc), run([])) },
      { label: `${how}, unchanged, off`, run: () => run(['--no-typecheck']) },
      { label: `${how}, unchanged, on`, run: () => run([]) },
    ]);
    const r = Object.fromEntries(
      [...measureRoundRobin(testCases), ...measureRoundRobin(validateCases)].map((x) => [x.label, x]),
    );
    const goal = (x, max) => `${x.wall <= max ? 'met' : 'not met'} (≤ ${max})`;
    const row = (what, sources, base, ours, max) =>
      `| ${what} | ${sources} | ${ms(base.wall)} | ${ms(ours.wall)} | ${(ours.wall / base.wall).toFixed(2)}× | ${max ? goal(ours, max) : '–'} | ${base.walls.map(ms).join(', ')} / ${ours.walls.map(ms).join(', ')} |`;
    const lines = [
      SCAFFOLD_START,
      SCAFFOLD_HEADING,
      '',
      `A project made by \`kubecraft init\`, kubecraft installed as a package (this repository's \`build/\`, linked), timed as its user runs it: whole processes, round-robin, medians of ${runs} after a warm-up round. \`npm test\` is \`tsgo --noEmit -p . && jest\` with \`kubecraft/jest-transform\` (esbuild); its baseline is the same snapshot test in the same scaffold with \`"test": "jest"\` and ts-jest ${versionOf('ts-jest')}'s transform (its default: it type-checks each file it transforms, so no tsc step), the rest of package.json and tsconfig.json the same; both with jest's cache warm. "Unchanged": nothing edited since the last run (ts-jest's cache holds: it loads TypeScript and resolves each file's imports for its cache key, and checks nothing; tsgo checks every time). "After an edit": main.ts edited before every run (both transform main.ts and main.test.ts again; ts-jest type-checks them). \`kubecraft validate\` (type-check included) against the same with \`--no-typecheck\`: unchanged, the check's record of a pass holds; after an edit, both rebundle and the check runs. "npx": \`npx kubecraft validate\`, npm's own start included; "bin": \`node_modules/.bin/kubecraft validate\` (as \`npm run validate\` runs it, without npm's start). Checked before timing: both \`npm test\`s write the same snapshot, and a type error in main.ts fails both and the type-checked validate. The goals are absolute (\`npm test\` ≤ ${TEST_GOAL_MS} ms, \`kubecraft validate\` ≤ ${VALIDATE_GOAL_MS} ms); on a machine shared with other work they move by more than the ratios do.`,
      '',
      '| command | sources | baseline ms | kubecraft ms | ratio | goal (ms) | runs: baseline / kubecraft (ms) |',
      '|---|---|---:|---:|---:|---|---|',
      row(
        '`npm test`: ts-jest (baseline) / tsgo + kubecraft/jest-transform',
        'unchanged',
        r['unchanged, ts-jest'],
        r['unchanged, kubecraft'],
        TEST_GOAL_MS,
      ),
      row(
        '`npm test`: ts-jest (baseline) / tsgo + kubecraft/jest-transform',
        'after an edit',
        r['edit, ts-jest'],
        r['edit, kubecraft'],
        TEST_GOAL_MS,
      ),
      ...['npx', 'bin'].flatMap((how) => [
        row(
          `\`${how === 'npx' ? 'npx kubecraft' : 'kubecraft'} validate\`: --no-typecheck (baseline) / type-checked`,
          'unchanged',
          r[`${how}, unchanged, off`],
          r[`${how}, unchanged, on`],
          VALIDATE_GOAL_MS,
        ),
        row(
          `\`${how === 'npx' ? 'npx kubecraft' : 'kubecraft'} validate\`: --no-typecheck (baseline) / type-checked`,
          'after an edit',
          r[`${how}, edit, off`],
          r[`${how}, edit, on`],
          VALIDATE_GOAL_MS,
        ),
      ]),
      '',
      `jest ${versionOf('jest')}, tsgo ${versionOf('@typescript/native-preview')}, npm ${execFileSync('npm', ['-v'], { encoding: 'utf8' }).trim()}.`,
      SCAFFOLD_END,
      '',
    ];
    scaffoldSection = lines.join('\n');
    sections.push(scaffoldSection);
    console.log(scaffoldSection);
  } finally {
    restore();
    rmSync(kc, { recursive: true, force: true });
    rmSync(tsJest, { recursive: true, force: true });
  }
}

// --- kubecraft apply against kubectl's own ApplySet apply (suite "apply") ---
// The example app's top folder (236 objects, 23 kinds, 16 namespaces) applied to the tests' fake
// API server (a process of its own) with the real kubectl, in the steady state (everything
// applied already: the apply of an unchanged app). Both sides do the same work: the setup phase,
// the waits, every object by server-side apply as a member of one ApplySet, and the prune.
if (opts.suite === 'all' || opts.suite === 'apply') {
  const { spawn } = await import('node:child_process');
  const server = join(root, '.kubecraft', 'bench-fake-cluster.js');
  buildSync({
    entryPoints: [join(root, 'bench', 'apps', 'fake-cluster-server.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: server,
    logLevel: 'warning',
  });
  const child = spawn(process.execPath, [server], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { kubeconfig, cacheDir } = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
  });
  const dist = join(outBase, 'apply-dist');
  runCli(['synth', 'main.ts', '--quiet', '--outdir', dist]);
  const env = { KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir };
  const kubecraftApply = () =>
    runCli(['apply', '--no-synth', '--out', dist, '--applyset', 'bench', '--kubeconfig', kubeconfig], env);
  const kubectlApply = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(
      'sh',
      [
        '-c',
        `kubectl apply --server-side --field-manager=kubecraft -f ${dist}/setup >/dev/null && ` +
          'kubectl wait --for=condition=established --timeout=60s crd --all >/dev/null && ' +
          `KUBECTL_APPLYSET=true kubectl apply --server-side --field-manager=kubecraft --prune --applyset=applysets.kubecraft.io/bench -f ${dist}/setup -f ${dist} >/dev/null`,
      ],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
    if (r.status !== 0) throw new Error(`kubectl apply failed:\n${r.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  try {
    kubecraftApply(); // the first install (creates the ApplySet parent), not counted
    kubectlApply(); // kubectl takes the same set over, not counted
    const a = [];
    const b = [];
    for (let i = 0; i < runs; i++) {
      a.push(kubecraftApply());
      b.push(kubectlApply());
    }
    const lines = [
      "### Applying the example app again (steady state): `kubecraft apply` and kubectl's own ApplySet apply",
      '',
      '| case | median ms | vs kubectl | runs (ms) |',
      '|---|---:|---:|---|',
      `| kubectl: setup, wait, \`KUBECTL_APPLYSET=true kubectl apply --prune --applyset\` | ${Math.round(median(b))} | 1.00× | ${b.map(Math.round).join(', ')} |`,
      `| \`kubecraft apply --no-synth\` (the same phases, the prune listed per kind) | ${Math.round(median(a))} | ${(median(a) / median(b)).toFixed(2)}× | ${a.map(Math.round).join(', ')} |`,
      '',
    ];
    sections.push(lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    child.kill('SIGTERM');
  }
}

rmSync(outBase, { recursive: true, force: true });
if (opts.write && opts.suite === 'cli') {
  // only this suite: replace its section (marked, or from its heading to the next one), keep the rest
  const file = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const heading = '### `kubecraft synth` of the example app: cold, warm, watch';
  let start = doc.indexOf(CLI_START);
  let end = start >= 0 ? doc.indexOf(CLI_END) + CLI_END.length : -1;
  if (start < 0 && doc.includes(heading)) {
    start = doc.indexOf(heading);
    const after = doc.slice(start + heading.length).search(/\n(###|<!--) /);
    end = after < 0 ? doc.length : start + heading.length + after + 1;
  }
  const dated = cliSection.replace(
    `${heading}\n`,
    `${heading}\n\nProduced by \`npm run bench -- --suite cli --write\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.\n`,
  );
  writeFileSync(
    file,
    start >= 0
      ? doc.slice(0, start) + dated.trimEnd() + '\n' + doc.slice(end).replace(/^\n*/, '\n')
      : `${doc.trimEnd()}\n\n${dated}`,
  );
  console.log('wrote the cli section of docs/benchmarks.md');
} else if (opts.write && opts.suite === 'schema') {
  // only this suite: replace (or add) its section, keep the rest of the file as it is
  const file = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = doc.indexOf(SCHEMA_START);
  const end = doc.indexOf(SCHEMA_END);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const section = schemaSection.replace(
    '### Schema validators per Kubernetes version\n',
    `### Schema validators per Kubernetes version\n\nProduced by \`npm run bench -- --suite schema --write\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.\n`,
  );
  writeFileSync(
    file,
    start >= 0 && end > start
      ? doc.slice(0, start) + section.trimEnd() + doc.slice(end + SCHEMA_END.length)
      : `${doc.trimEnd()}\n\n${section}`,
  );
  console.log('wrote the schema section of docs/benchmarks.md');
} else if (opts.write && opts.suite === 'scaffold') {
  // only this suite: replace (or add) its section, keep the rest of the file as it is
  const file = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = doc.indexOf(SCAFFOLD_START);
  const end = doc.indexOf(SCAFFOLD_END);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const section = scaffoldSection.replace(
    `${SCAFFOLD_HEADING}\n`,
    `${SCAFFOLD_HEADING}\n\nProduced by \`npm run bench -- --suite scaffold --write\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.\n`,
  );
  writeFileSync(
    file,
    start >= 0 && end > start
      ? doc.slice(0, start) + section.trimEnd() + doc.slice(end + SCAFFOLD_END.length)
      : `${doc.trimEnd()}\n\n${section}`,
  );
  console.log('wrote the scaffold section of docs/benchmarks.md');
} else if (opts.write) {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(
    join(root, 'docs', 'benchmarks.md'),
    `# Benchmarks\n\nProduced by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Medians of ${runs} runs (after one warm-up run) of whole \`node\` processes, from process start to files written; ratios are against the baseline measured in the same run. Phase columns are medians of the app's own measurements (ms).\n\n${sections.join('\n')}`,
  );
  console.log('wrote docs/benchmarks.md');
}
