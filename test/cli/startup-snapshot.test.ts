// The startup snapshot (lib/cli/startup-snapshot.ts): an app run by `kubecraft synth` from a
// project's snapshot gets the snapshot's very module instances for its own `require('cdk8s')`,
// `require('cdk8s-plus-27')`, `require('constructs')` and `require('kubecraft')` (instanceof holds
// against the classes the runner loaded), writes byte for byte what a normal run writes, fails
// validation the same way; a stale snapshot is not used (kubecraft starts without it, a notice
// with --verbose) and a missing one is reported as such.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  buildStartupSnapshot,
  StartupSnapshotBuild,
  startupSnapshotCommand,
  startupSnapshotStatus,
  startupSnapshotSupported,
} from '../../lib/cli/startup-snapshot';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'build', 'lib', 'cli', 'bin.js');

const APP = `import * as fs from 'fs';
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as kubecraft from 'kubecraft';

const app = new kubecraft.KubecraftApp({ printReport: false });
const chart = new kubecraft.KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
const deployment = new kplus.Deployment(chart, 'worker', {
  containers: [
    {
      image: 'ghcr.io/acme/worker:1.2.3',
      ports: [{ number: 8080 }],
      liveness: kplus.Probe.fromTcpSocket({ port: 8080 }),
      readiness: kplus.Probe.fromTcpSocket({ port: 8080 }),
    },
  ],
});
new kubecraft.WebService(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0' });
if (process.env.BAD_OBJECT) new cdk8s.ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });

// what the runner loaded from the snapshot, when it ran from one
const run = (globalThis as Record<symbol, any>)[Symbol.for('kubecraft.startup-snapshot')];
const m = run?.modules ?? {};
fs.writeFileSync(process.env.IDENTITY_OUT!, JSON.stringify({
  used: run?.used ?? false,
  sameModules:
    require('cdk8s') === m.cdk8s && require('cdk8s-plus-27') === m['cdk8s-plus-27'] &&
    require('constructs') === m.constructs && require('kubecraft') === m.kubecraft &&
    m.cdk8s.Chart === cdk8s.Chart && m['cdk8s-plus-27'].Deployment === kplus.Deployment &&
    m.constructs.Construct === Construct && m.kubecraft.KubecraftApp === kubecraft.KubecraftApp,
  chart: chart instanceof (m.cdk8s?.Chart ?? Object) && chart instanceof (m.constructs?.Construct ?? Object),
  deployment: deployment instanceof (m['cdk8s-plus-27']?.Deployment ?? Object) && deployment instanceof (m.constructs?.Construct ?? Object),
  app: app instanceof (m.kubecraft?.KubecraftApp ?? Object) && app instanceof (m.cdk8s?.App ?? Object),
}));
app.synth();
`;

/** A project outside the repository whose node_modules hold the packages as links into the repository's. */
function snapshotProject(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-snapshot-')));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "snapshot-test", "private": true }\n');
  fs.writeFileSync(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const p of ['constructs', 'cdk8s', 'cdk8s-plus-27'])
    fs.symlinkSync(path.join(root, 'node_modules', p), path.join(dir, 'node_modules', p), 'dir');
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'kubecraft'), 'dir');
  fs.writeFileSync(path.join(dir, 'main.ts'), APP);
  return dir;
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly identity: Record<string, boolean>;
  readonly files: Record<string, string>;
}

/** Runs `<command> synth main.ts` in `dir` into a fresh output folder. */
function synth(dir: string, command: string[], label: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Run {
  const out = path.join(dir, `out-${label}`);
  const identity = path.join(dir, `identity-${label}.json`);
  const r = spawnSync(command[0], [...command.slice(1), 'synth', 'main.ts', '--no-typecheck', '-o', out, ...extra], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, IDENTITY_OUT: identity, ...env },
  });
  return {
    status: r.status,
    stderr: r.stderr,
    identity: JSON.parse(fs.readFileSync(identity, 'utf8')) as Record<string, boolean>,
    files: fs.existsSync(out) ? readTree(out) : {},
  };
}

const normal = [process.execPath, bin];

describe('startup snapshot', () => {
  let dir: string;
  let built: StartupSnapshotBuild;

  beforeAll(() => {
    dir = snapshotProject();
    built = buildStartupSnapshot(dir);
  }, 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the app gets the snapshot’s module instances and writes what a normal run writes', () => {
    expect(built.modules).toBeGreaterThan(200);
    expect(startupSnapshotStatus(dir).state).toBe('fresh');
    expect(startupSnapshotCommand(dir, ['synth'])).toEqual([process.execPath, '--snapshot-blob', built.blob, 'synth']);

    const plain = synth(dir, normal, 'normal', ['--quiet']);
    const fromBlob = synth(dir, [process.execPath, '--snapshot-blob', built.blob], 'snapshot', ['--quiet']);
    const launched = synth(dir, [built.launcher], 'launcher', ['--quiet']);
    expect(plain.status).toBe(0);
    expect(plain.identity.used).toBe(false);
    for (const r of [fromBlob, launched]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.identity).toEqual({ used: true, sameModules: true, chart: true, deployment: true, app: true });
      expect(Object.keys(r.files).length).toBeGreaterThan(2);
      expect(r.files).toEqual(plain.files);
    }
  }, 60_000);

  test('validation fails the same way from the snapshot', () => {
    const plain = synth(dir, normal, 'bad-normal', [], { BAD_OBJECT: '1' });
    const fromBlob = synth(dir, [process.execPath, '--snapshot-blob', built.blob], 'bad-snapshot', [], {
      BAD_OBJECT: '1',
    });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/Bad_Name/);
    expect(fromBlob.identity.used).toBe(true);
    expect(fromBlob.status).toBe(plain.status);
    expect(fromBlob.stderr).toBe(plain.stderr);
    expect(fromBlob.files).toEqual(plain.files);
  }, 60_000);

  test('a stale snapshot is not used: kubecraft starts without it, with a notice under --verbose', () => {
    const plain = synth(dir, normal, 'stale-normal');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {} }\n');
    const status = startupSnapshotStatus(dir);
    expect(status.state).toBe('stale');
    expect(status.state !== 'fresh' && status.reason).toMatch(/package-lock\.json changed/);
    expect(startupSnapshotCommand(dir, ['synth'])).toEqual([process.execPath, bin, 'synth']);

    const quiet = synth(dir, [process.execPath, '--snapshot-blob', built.blob], 'stale-quiet', ['--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.identity.used).toBe(false);
    expect(quiet.files).toEqual(plain.files);

    const verbose = synth(dir, [built.launcher], 'stale-verbose', ['--verbose']);
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toMatch(
      /^kubecraft: startup snapshot not used \(package-lock\.json changed since the snapshot was built\): started without it; rebuild it to start faster\n/,
    );
    expect(verbose.files).toEqual(plain.files);

    // rebuilt, it is used again
    buildStartupSnapshot(dir);
    expect(startupSnapshotStatus(dir).state).toBe('fresh');
    expect(synth(dir, [process.execPath, '--snapshot-blob', built.blob], 'rebuilt').identity.used).toBe(true);
  }, 60_000);

  test('a project without a snapshot, or a Node without snapshots, runs as usual', () => {
    expect(startupSnapshotSupported('v18.20.4')).toBe(false);
    expect(startupSnapshotSupported(process.version)).toBe(true);
    const empty = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-snapshot-none-')));
    try {
      fs.writeFileSync(path.join(empty, 'package.json'), '{ "name": "none", "private": true }\n');
      fs.symlinkSync(dir + '/node_modules', path.join(empty, 'node_modules'), 'dir');
      const status = startupSnapshotStatus(empty);
      expect(status.state).toBe('missing');
      expect(status.state !== 'fresh' && status.reason).toMatch(/^no startup snapshot for Node v\d+/);
      expect(startupSnapshotCommand(empty, ['synth', 'main.ts'])).toEqual([process.execPath, bin, 'synth', 'main.ts']);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
