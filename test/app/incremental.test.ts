// kubecraft synth --watch synthesizes the app again in the same process, reusing what unchanged
// objects validated, serialized and wrote (lib/app/incremental.ts, validateIncrementally). Every
// cycle must write exactly what a fresh synth of the same source writes, and fail with the same
// report when the source is invalid.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { buildExampleApp } from '../../examples/example-app';
import { Environments, KubecraftApp, KubecraftChart, Policy, Probes, SynthesisError } from '../../lib';
import { manifestKey } from '../../lib/app/incremental';
import { validateRenderedApp } from '../../lib/app/kubecraft-app';
import { setSynthHook } from '../../lib/app/synth-hook';
import { formatReport, ValidationReport } from '../../lib/validation/finding';
import { WIDGET_CRD } from '../support/manifests';

/** One version of the app's source: what the edits of the test change. */
interface Source {
  readonly webImage: string;
  readonly greeting: string;
  /** An invalid edit: a container port out of range. */
  readonly badPort?: boolean;
  /** Why the worker's :latest image is accepted (same objects, another report when it changes). */
  readonly reason?: string;
}

function buildApp(outdir: string, source: Source): KubecraftApp {
  const app = new KubecraftApp({ outdir, printReport: false, graph: true });
  const web = new KubecraftChart(app, 'web', { namespace: 'web' });
  new kplus.Namespace(web, 'ns', { metadata: { name: 'web' } });
  const d = new kplus.Deployment(web, 'site', {
    containers: [
      {
        image: source.webImage,
        portNumber: source.badPort ? 70000 : 8080,
        liveness: Probes.tcpSocket(),
        readiness: Probes.httpGet('/'),
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(200) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
        },
      },
    ],
  });
  d.exposeViaService({ name: 'site' });
  const config = new KubecraftChart(app, 'config', { namespace: 'web' });
  new kplus.ConfigMap(config, 'greeting', { data: { greeting: source.greeting } });
  const worker = new kplus.Deployment(config, 'worker', {
    containers: [
      {
        image: 'ghcr.io/acme/worker:latest',
        portNumber: 9000,
        liveness: Probes.tcpSocket(),
        readiness: Probes.tcpSocket(),
      },
    ],
  });
  Policy.relax(worker, 'policy/image-pinned', source.reason ?? 'the worker follows latest in this test');
  // a custom resource of a CRD the app ships: its schema check reads the CRD (across objects)
  const crds = new KubecraftChart(app, 'crds');
  new ApiObject(crds, 'crd', WIDGET_CRD);
  new ApiObject(crds, 'widget', {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'web' },
    spec: { size: source.greeting.length },
  });
  for (const env of Environments.define(app, { dev: { replicas: 1 }, prod: { replicas: 2 } })) {
    const chart = new KubecraftChart(env, 'app', { namespace: `app-${env.envName}` });
    new kplus.Namespace(chart, 'ns', { metadata: { name: `app-${env.envName}` } });
    new kplus.ConfigMap(chart, 'greeting', { data: { greeting: `${source.greeting} from ${env.envName}` } });
  }
  return app;
}

interface Outcome {
  readonly report?: string;
  readonly error?: string;
  readonly files: Record<string, string>;
}

/** Synthesizes `source` into `outdir`, under the runner's hook (incremental or not). */
function synth(outdir: string, source: Source, incremental: boolean): Outcome {
  const reports: ValidationReport[] = [];
  setSynthHook({ validateOnly: false, report: (r) => reports.push(r), written: () => undefined, incremental });
  let error: string | undefined;
  try {
    buildApp(outdir, source).synth();
  } catch (err) {
    if (!SynthesisError.isSynthesisError(err)) throw err;
    error = err.message;
  } finally {
    setSynthHook(undefined);
  }
  return { report: reports.map(formatReport).join('\n'), error, files: readTree(outdir) };
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const inode = (file: string) => fs.statSync(file).ino;

describe('incremental synth (kubecraft synth --watch)', () => {
  test('every cycle writes what a fresh synth writes, and fails with the same report', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-incremental-'));
    const watched = path.join(base, 'dist');
    const v0: Source = { webImage: 'ghcr.io/acme/site:1.0.0', greeting: 'hello' };
    const cycles: [string, Source][] = [
      ['first synth', v0],
      ['unchanged', v0],
      ['edit one chart', { ...v0, webImage: 'ghcr.io/acme/site:1.0.1' }],
      ['edit another', { ...v0, webImage: 'ghcr.io/acme/site:1.0.1', greeting: 'hi' }],
      ['revert', v0],
      ['another reason for a relaxation (same objects)', { ...v0, reason: 'the worker is rebuilt every night' }],
      ['an invalid edit', { ...v0, badPort: true }],
      ['fixed', v0],
    ];
    let previous: Record<string, string> = {};
    cycles.forEach(([what, source], i) => {
      const fresh = synth(path.join(base, `fresh-${i}`), source, false);
      const cycle = synth(watched, source, true);
      // `what` names the cycle in a failure's diff
      expect({ what, report: cycle.report, error: cycle.error }).toEqual({
        what,
        report: fresh.report,
        error: fresh.error,
      });
      if (fresh.error) {
        expect(fresh.error).toContain('values/port');
        expect(fresh.files).toEqual({});
        expect(cycle.files).toEqual(previous); // the failed cycle left the output as it was
      } else {
        expect(Object.keys(cycle.files).length).toBeGreaterThan(5);
        expect({ what, files: cycle.files }).toEqual({ what, files: fresh.files });
      }
      previous = cycle.files;
    });
    expect(
      (globalThis as { [k: symbol]: Map<string, unknown> | undefined })[Symbol.for('kubecraft.validation-memo')]?.size,
    ).toBeGreaterThan(0);
  });

  test('unchanged files are linked from the previous output, changed ones written', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-incremental-')), 'dist');
    const v0: Source = { webImage: 'ghcr.io/acme/site:1.0.0', greeting: 'hello' };
    synth(outdir, v0, true);
    const web = path.join(outdir, 'web.k8s.yaml');
    const config = path.join(outdir, 'config.k8s.yaml');
    const [webBefore, configBefore] = [inode(web), inode(config)];
    synth(outdir, { ...v0, webImage: 'ghcr.io/acme/site:1.0.1' }, true);
    expect(inode(config)).toBe(configBefore);
    expect(inode(web)).not.toBe(webBefore);
    // a file changed behind the watcher's back is written again, not linked
    fs.appendFileSync(config, '# edited by hand\n');
    const edited = inode(config);
    const cycle = synth(outdir, { ...v0, webImage: 'ghcr.io/acme/site:1.0.1' }, true);
    expect(inode(config)).not.toBe(edited);
    expect(cycle.files['config.k8s.yaml']).not.toContain('edited by hand');
  });
});

test('the example app: the same findings validated afresh and from remembered results', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-incremental-'));
  const app = buildExampleApp(new KubecraftApp({ outdir, printReport: false }));
  const fresh = app.validate(app.render());
  expect(fresh.findings.length).toBeGreaterThan(10);
  for (let i = 0; i < 2; i++) {
    // a new render each time (new objects, the same content): the second one reuses
    const files = app.render();
    const keys = new Map(files.flatMap((f) => f.objects.map((o) => [o, manifestKey(o.manifest)] as const)));
    expect([...keys.values()].filter((k) => k === undefined)).toEqual([]);
    expect(validateRenderedApp(app, files, keys)).toEqual(fresh);
  }
});

describe('manifestKey', () => {
  const m = (extra: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x' },
    ...extra,
  });

  test('the same content gives the same key; any difference another', () => {
    expect(manifestKey(m({ data: { a: '1' } }))).toBe(manifestKey(m({ data: { a: '1' } })));
    expect(manifestKey(m({ data: { a: '1' } }))).not.toBe(manifestKey(m({ data: { a: 1 } })));
    expect(manifestKey(m({ data: { a: '1', b: '2' } }))).not.toBe(manifestKey(m({ data: { b: '2', a: '1' } })));
  });

  test.each([
    ['undefined', undefined],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-0', -0],
    ['a Date', new Date(0)],
    ['a class instance', new (class Spec {})()],
    ['a function', () => 1],
    ['a sparse array', [1, , 3]],
    ['a getter', Object.defineProperty({}, 'x', { get: () => 1, enumerable: true })],
  ])('a manifest holding %s has no key (never reused)', (_what, value) => {
    expect(manifestKey(m({ data: { value } }))).toBeUndefined();
  });
});
