import * as fs from 'fs';
import * as path from 'path';
import * as kplus from 'cdk8s-plus-27';
import { buildSync } from 'esbuild';
import { buildExampleApp } from '../../examples/example-app';
import { External, KubecraftApp, KubecraftChart, Policy, UpstreamManifests } from '../../lib';
import { validateRenderedApp } from '../../lib/app/kubecraft-app';
import { renderApp } from '../../lib/app/synthesis';
import { DeploymentUnit } from '../../lib/validation/validate';
import { VALIDATION_THREAD_VARIABLE, ValidationThread } from '../../lib/validation/validation-thread';
import { fixtureApp } from './fixture-app';

// The thread runs compiled code: the worker is bundled from the sources for the test, as the
// package build compiles it; inside the repository, so that its packages resolve from node_modules.
const cache = path.join(__dirname, '..', '..', '.kubecraft');
fs.mkdirSync(cache, { recursive: true });
const dir = fs.mkdtempSync(path.join(cache, 'test-validation-thread-'));
const entry = path.join(dir, 'validation-thread-worker.js');
buildSync({
  entryPoints: [path.join(__dirname, '..', '..', 'lib', 'validation', 'validation-thread-worker.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile: entry,
  logLevel: 'warning',
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ready(thread: ValidationThread): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!thread.ready) {
    if (Date.now() > deadline) throw new Error('the validation thread did not start');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function unitsOf(app: KubecraftApp): DeploymentUnit[] {
  const files = renderApp(app);
  return [...new Set(files.map((f) => f.folder))].map((folder) => ({
    folder,
    objects: files.filter((f) => f.folder === folder).flatMap((f) => f.objects),
  }));
}

describe('ValidationThread', () => {
  let thread: ValidationThread;
  beforeAll(async () => {
    thread = ValidationThread.start('1.35', entry)!;
    expect(thread).toBeDefined();
    await ready(thread);
  }, 90_000);
  afterAll(() => thread.terminate());

  test('the example app: the same report as validating in this thread (warnings, relaxations, CRDs, environments)', () => {
    const app = buildExampleApp(new KubecraftApp({ outdir: path.join(dir, 'unused'), printReport: false }));
    const units = unitsOf(app);
    const inThread = thread.begin(units, { root: app, kubernetesVersion: '1.35' });
    expect(inThread).toBeDefined();
    const report = inThread!();
    expect(report).toEqual(validateRenderedApp(app, renderApp(app)));
    expect(report!.relaxed.length).toBeGreaterThan(0);
    expect(units.length).toBeGreaterThan(1);
  });

  test('errors, relaxations and external declarations of a broken app come back as in-process validation finds them', () => {
    const f = fixtureApp();
    f.web.addVolume(kplus.Volume.fromHostPath(f.chart, 'logs', 'logs', { path: '/var/log' }));
    Policy.relax(f.web, 'policy/host-path', 'reads node logs for the demo');
    new kplus.ConfigMap(f.chart, 'sys', { metadata: { namespace: 'kube-system' } });
    new kplus.ConfigMap(f.chart, 'other', { metadata: { namespace: 'elsewhere' } });
    External.namespace(f.chart, 'kube-system', 'created by Kubernetes');
    const report = thread.begin(unitsOf(f.app), { root: f.app, kubernetesVersion: '1.35' })!()!;
    expect(report).toEqual(f.app.validate());
    expect(report.errors.map((e) => e.rule)).toEqual(['refs/namespace']);
    expect(report.relaxed.map((r) => r.relaxedBy?.declaredAt)).toEqual(['shop/web']);
  });

  test('changes kubecraft made on request (applySecureDefaults on upstream manifests) are reported from the thread too', () => {
    const app = new KubecraftApp({ outdir: path.join(dir, 'unused'), printReport: false });
    const chart = new KubecraftChart(app, 'shop');
    External.namespace(chart, 'shop', 'created by the platform team');
    new UpstreamManifests(chart, 'upstream', {
      applySecureDefaults: true,
      text: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: web, namespace: shop }',
        'spec:',
        '  containers:',
        '    - name: web',
        '      image: ghcr.io/acme/web:1.0.0',
      ].join('\n'),
    });
    const report = thread.begin(unitsOf(app), { root: app, kubernetesVersion: '1.35' })!()!;
    expect(report).toEqual(app.validate());
    expect(report.info.map((f) => f.rule)).toEqual(['policy/secure-defaults-applied']);
  });

  test('a report nobody waited for does not get mixed up with the next one', () => {
    const f = fixtureApp();
    new kplus.ConfigMap(f.chart, 'other', { metadata: { namespace: 'elsewhere' } });
    thread.begin(unitsOf(fixtureApp().app), { kubernetesVersion: '1.35' }); // never waited for
    const report = thread.begin(unitsOf(f.app), { root: f.app, kubernetesVersion: '1.35' })!()!;
    expect(report.errors.map((e) => e.rule)).toEqual(['refs/namespace']);
  });

  test('objects that cannot be handed over are validated by the caller (begin returns undefined)', () => {
    const units: DeploymentUnit[] = [
      {
        folder: '',
        objects: [
          {
            manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: () => 1 } as never,
            path: 'x',
          },
        ],
      },
    ];
    expect(thread.begin(units)).toBeUndefined();
  });
});

describe('ValidationThread.start', () => {
  test('is off with KUBECRAFT_VALIDATION_THREAD=0, and where there is no compiled worker', () => {
    const saved = process.env[VALIDATION_THREAD_VARIABLE];
    process.env[VALIDATION_THREAD_VARIABLE] = '0';
    try {
      expect(ValidationThread.start('1.35', entry)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env[VALIDATION_THREAD_VARIABLE];
      else process.env[VALIDATION_THREAD_VARIABLE] = saved;
    }
    expect(ValidationThread.start('1.35', path.join(dir, 'no-such-worker.js'))).toBeUndefined();
  });

  test('a thread that is not ready yet takes no work', () => {
    const fresh = ValidationThread.start('1.35', entry)!;
    try {
      expect(fresh.ready).toBe(false);
      expect(fresh.begin([])).toBeUndefined();
    } finally {
      fresh.terminate();
    }
  });
});
