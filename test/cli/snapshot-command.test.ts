// `kubecraft snapshot` (lib/cli/snapshot.ts) through the compiled CLI (build/lib/cli/bin.js: run
// `npm run build` first), in a fresh project outside the repository: it builds the project's
// startup snapshot and says how to start kubecraft from it; `--status` reports missing, fresh,
// then stale after a lockfile edit (and fresh again once rebuilt); the launcher starts kubecraft
// without the blob once the lockfile changed; the command loads no cdk8s; errors are one line.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { howToUse, statusLine } from '../../lib/cli/snapshot';
import { startupSnapshotFiles } from '../../lib/cli/startup-snapshot';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'build', 'lib', 'cli', 'bin.js');

const APP = `import * as fs from 'fs';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, WebService } from 'kubecraft';

const app = new KubecraftApp({ printReport: false });
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
new WebService(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0' });
// who started this process, and whether its modules came from the snapshot
const run = (globalThis as Record<symbol, { used?: boolean }>)[Symbol.for('kubecraft.startup-snapshot')];
fs.writeFileSync(process.env.RUN_OUT!, JSON.stringify({ ppid: process.ppid, used: run?.used ?? false }));
app.synth();
`;

/** A project outside the repository: its node_modules link the repository's packages, kubecraft resolved by name. */
function snapshotProject(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-snapshot-cmd-')));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'snapshot-cmd', private: true, scripts: { synth: 'kubecraft synth main.ts', test: 'jest' } })}\n`,
  );
  fs.writeFileSync(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const p of ['constructs', 'cdk8s', 'cdk8s-plus-27'])
    fs.symlinkSync(path.join(root, 'node_modules', p), path.join(dir, 'node_modules', p), 'dir');
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'kubecraft'), 'dir');
  fs.writeFileSync(path.join(dir, 'main.ts'), APP);
  return dir;
}

/** The compiled CLI, as `npx kubecraft` runs it. */
function kubecraft(args: string[], cwd: string, nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd, encoding: 'utf8' });
}

/** `<launcher> synth main.ts` into a fresh folder: exit code, stderr, and what the app saw. */
function launch(dir: string, launcher: string, label: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const out = path.join(dir, `run-${label}.json`);
  const r = spawnSync(
    launcher,
    ['synth', 'main.ts', '--no-typecheck', '-o', path.join(dir, `out-${label}`), ...extra],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, RUN_OUT: out, ...env },
    },
  );
  const seen = JSON.parse(fs.readFileSync(out, 'utf8')) as { ppid: number; used: boolean };
  return { status: r.status, stderr: r.stderr, ...seen };
}

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'build', 'lib', 'cli', 'snapshot.js')))
    throw new Error(`${bin} has no snapshot command: run npm run build first`);
});

describe('kubecraft snapshot', () => {
  let dir: string;
  beforeAll(() => {
    dir = snapshotProject();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('builds the blob and the launcher; --status says missing, fresh, stale after a lockfile edit, fresh once rebuilt', () => {
    const missing = kubecraft(['snapshot', '--status'], dir);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(
      /^kubecraft snapshot: missing: no startup snapshot for Node v\d+\.\d+\.\d+ in \.kubecraft\/startup-snapshot; build it: kubecraft snapshot\n$/,
    );

    const built = kubecraft(['snapshot'], dir);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const files = startupSnapshotFiles(dir);
    const blob = path.relative(dir, files.blob);
    expect(built.stdout.split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^kubecraft snapshot: built ${blob.replace(/\./g, '\\.')} \\(\\d+ modules, \\d+\\.\\d MB\\) in \\d+ ms$`,
        ),
      ),
      '  run kubecraft from it: .kubecraft/startup-snapshot/kubecraft synth main.ts',
      '  in package.json scripts (opt-in; the launcher exists once kubecraft snapshot ran, .kubecraft/ is not committed):',
      '    "synth": ".kubecraft/startup-snapshot/kubecraft synth main.ts"',
      expect.stringMatching(
        /^ {2}stale once the lockfile, a package it holds or Node changes: .*kubecraft snapshot --status/,
      ),
      '',
    ]);
    expect(fs.statSync(files.blob).size).toBeGreaterThan(1_000_000);
    expect(fs.statSync(files.launcher).mode & 0o111).not.toBe(0);

    const fresh = kubecraft(['snapshot', '--status'], dir);
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toMatch(
      /^kubecraft snapshot: fresh: \.kubecraft\/startup-snapshot\/[0-9a-f]{16}\.blob \(built \d{4}-\d\d-\d\dT[\d:.]+Z\); \.kubecraft\/startup-snapshot\/kubecraft starts kubecraft from it\n$/,
    );
    const json = kubecraft(['snapshot', '--status', '--json'], dir);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      state: 'fresh',
      project: dir,
      blob: files.blob,
      launcher: files.launcher,
      built: expect.stringMatching(/^\d{4}-/),
    });

    // the launcher starts kubecraft from the blob
    const used = launch(dir, files.launcher, 'fresh', ['--quiet']);
    expect(used).toMatchObject({ status: 0, stderr: '', used: true });
    // but not under NODE_OPTIONS: Node refuses a blob under V8 flags it was not built with (exit 14)
    const flagged = launch(dir, files.launcher, 'node-options', ['--verbose'], {
      NODE_OPTIONS: '--max-old-space-size=1024',
    });
    expect(flagged).toMatchObject({ status: 0, used: false, ppid: process.pid });
    expect(flagged.stderr).toMatch(
      /^kubecraft: startup snapshot not used \(NODE_OPTIONS is set, and Node refuses a snapshot under V8 flags it was not built with\): started without it\n/,
    );

    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {} }\n');
    const stale = kubecraft(['snapshot', '--status'], dir);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toMatch(
      /^kubecraft snapshot: stale: package-lock\.json changed since it was built \(built [^)]+\); kubecraft starts without it \(same output, not faster\) until you rebuild it: kubecraft snapshot\n$/,
    );
    const staleJson = JSON.parse(kubecraft(['snapshot', '--status', '--json'], dir).stdout) as Record<string, unknown>;
    expect(staleJson).toMatchObject({ state: 'stale', reason: 'package-lock.json changed since it was built' });

    // after a lockfile change the launcher starts kubecraft without the blob, in one Node (not the blob's second)
    const skipped = launch(dir, files.launcher, 'stale', ['--verbose']);
    expect(skipped.status).toBe(0);
    expect(skipped.used).toBe(false);
    expect(skipped.ppid).toBe(process.pid);
    expect(skipped.stderr).toMatch(
      /^kubecraft: startup snapshot not used \(package-lock\.json changed since the snapshot was built\): started without it; rebuild it to start faster\n/,
    );

    const rebuilt = kubecraft(['snapshot', '--json'], dir);
    expect(rebuilt.status).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ state: 'fresh', blob: files.blob, launcher: files.launcher });
    expect(kubecraft(['snapshot', '--status'], dir).status).toBe(0);
    expect(launch(dir, files.launcher, 'rebuilt', ['--quiet'])).toMatchObject({ status: 0, used: true });
  }, 120_000);

  test('loads no cdk8s, cdk8s-plus-27, constructs or kubecraft library in its own process', () => {
    const probe = path.join(dir, 'loaded.js');
    const report = path.join(dir, 'loaded.json');
    fs.writeFileSync(
      probe,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    for (const args of [['snapshot', '--status'], ['snapshot', '--help'], ['snapshot']]) {
      const r = kubecraft(args, dir, ['-r', probe]);
      expect(r.status).toBe(0);
      const loaded = JSON.parse(fs.readFileSync(report, 'utf8')) as string[];
      expect(loaded.filter((f) => /[\\/]node_modules[\\/](cdk8s|cdk8s-plus-27|constructs)[\\/]/.test(f))).toEqual([]);
      expect(loaded.filter((f) => f.endsWith(path.join('build', 'lib', 'index.js')))).toEqual([]);
    }
  }, 60_000);

  test('errors: a project without the packages, arguments it does not take', () => {
    const empty = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-snapshot-cmd-empty-')));
    try {
      fs.writeFileSync(path.join(empty, 'package.json'), '{ "name": "empty", "private": true }\n');
      const r = kubecraft(['snapshot'], empty);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        `kubecraft snapshot: could not build the startup snapshot of ${empty}: constructs, cdk8s, cdk8s-plus-27 are not installed in ${empty}: the snapshot holds the project's own constructs, cdk8s and cdk8s-plus-27 (npm install, then build it again)`,
      ]);
      expect(fs.existsSync(path.join(empty, '.kubecraft', 'startup-snapshot', 'kubecraft'))).toBe(false);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    for (const [args, message] of [
      [
        ['snapshot', 'main.ts'],
        "kubecraft snapshot: unexpected argument 'main.ts'; usage: kubecraft snapshot [options]",
      ],
      [['snapshot', '--', 'x'], 'kubecraft snapshot: runs no app, so takes no arguments after --'],
      [['snapshot', '--stauts'], 'kubecraft snapshot: unknown option --stauts (did you mean --status?)'],
    ] as const) {
      const r = kubecraft([...args], dir);
      expect(r.status).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
    }
  });
});

describe('what kubecraft snapshot prints', () => {
  const project = '/home/me/shop';
  const files = startupSnapshotFiles(project);

  test("the project's own kubecraft scripts, pointed at the launcher", () => {
    const lines = howToUse(
      project,
      files,
      {
        synth: 'kubecraft synth app.ts',
        watch: 'npx kubecraft synth app.ts --watch',
        snapshot: 'kubecraft snapshot',
        test: 'jest',
      },
      'linux',
      project,
    );
    expect(lines.slice(0, 4)).toEqual([
      '  run kubecraft from it: .kubecraft/startup-snapshot/kubecraft synth app.ts',
      '  in package.json scripts (opt-in; the launcher exists once kubecraft snapshot ran, .kubecraft/ is not committed):',
      '    "synth": ".kubecraft/startup-snapshot/kubecraft synth app.ts"',
      '    "watch": ".kubecraft/startup-snapshot/kubecraft synth app.ts --watch"',
    ]);
  });

  test('on Windows: the launcher is POSIX-only, the node --snapshot-blob command instead', () => {
    const lines = howToUse(project, files, {}, 'win32', project).join('\n');
    expect(lines).toContain('is a POSIX shell script: it does not run in cmd.exe or PowerShell');
    expect(lines).toContain('startupSnapshotCommand(project, args)');
    expect(lines).toContain(`"synth": "node --snapshot-blob ${path.relative(project, files.blob)} synth main.ts"`);
    expect(lines).toContain(`    ${process.execPath} --snapshot-blob ${files.blob} synth main.ts\n`);
    expect(lines).not.toContain('.kubecraft/startup-snapshot/kubecraft synth');
  });

  test('--status lines', () => {
    expect(
      statusLine({ state: 'unsupported', reason: 'Node v18.20.4 cannot run startup snapshots (Node 20 or later)' }),
    ).toBe(
      'kubecraft snapshot: unsupported: Node v18.20.4 cannot run startup snapshots (Node 20 or later); kubecraft runs as usual without it',
    );
    expect(
      statusLine({ state: 'stale', reason: 'built by Node v20.1.0 at /usr/bin/node', files, builtMs: 0 }, project),
    ).toBe(
      'kubecraft snapshot: stale: built by Node v20.1.0 at /usr/bin/node (built 1970-01-01T00:00:00.000Z); kubecraft starts without it (same output, not faster) until you rebuild it: kubecraft snapshot',
    );
  });
});

describe('kubecraft init', () => {
  test('adds an opt-in snapshot script; synth does not use the snapshot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-snapshot-init-'));
    try {
      const r = kubecraft(['init'], dir);
      expect(r.status).toBe(0);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(pkg.scripts.snapshot).toBe('kubecraft snapshot');
      expect(pkg.scripts.synth).toBe('kubecraft synth main.ts');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
