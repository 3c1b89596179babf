import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Helm } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  ConstructError,
  External,
  HelmManifests,
  KubecraftApp,
  KubecraftChart,
  Policy,
  SynthesisError,
  synthValidated,
  validateChart,
} from '../../lib';
import { findHelmForTests, helmTestFor } from '../support/helm';

// helm from scripts/find-helm.mjs: on the PATH, or the pinned helm 3.8.1 of a devDependency
const helm = findHelmForTests();
const helmTest = helmTestFor(helm, 'test/upstream/helm.test.ts');
const HELM = helm.path ?? 'helm';
const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

const HELLO_CONFIG = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'hello-config', namespace: 'default' },
  data: { greeting: 'hi' },
};

/** A KubecraftChart in namespace `default`, declared as existing (Kubernetes creates it). */
function chartIn(app: App, id: string): KubecraftChart {
  const chart = new KubecraftChart(app, id, { namespace: 'default' });
  External.namespace(chart, 'default', 'created by Kubernetes');
  return chart;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kc-helm-'));
}

function readYaml(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('HelmManifests (helm template, real helm)', () => {
  helmTest('renders the fixture chart with values, validated; hooks left out and listed', () => {
    const chart = chartIn(new App(), 'c');
    const hello = new HelmManifests(chart, 'hello', {
      chart: fixture('hello-chart'),
      values: { greeting: 'hi' },
      helmExecutable: HELM,
    });
    expect(hello.skippedHooks).toEqual(['Pod hello-test (helm.sh/hook: test)']);
    expect(hello.objects.map((o) => o.node.path)).toEqual(['c/hello/ConfigMap-hello-config']);
    expect(synthValidated(chart)).toEqual([HELLO_CONFIG]);
  });

  helmTest('without values, the chart defaults apply', () => {
    const chart = chartIn(new App(), 'c');
    new HelmManifests(chart, 'hello', { chart: fixture('hello-chart'), helmExecutable: HELM });
    expect(synthValidated(chart)).toEqual([{ ...HELLO_CONFIG, data: { greeting: 'hello' } }]);
  });

  helmTest('includeHelmHooks: the hook pod is included and validated like any upstream object', () => {
    const chart = chartIn(new App(), 'c');
    const hello = new HelmManifests(chart, 'hello', {
      chart: fixture('hello-chart'),
      includeHelmHooks: true,
      helmExecutable: HELM,
    });
    expect(hello.skippedHooks).toEqual([]);
    // the chart's test pod (busybox, no security context, no resources) is reported, object by object
    const report = validateChart(chart);
    const where = 'Pod default/hello-test (c/hello/Pod-hello-test) at spec.';
    expect(report.errors.map((f) => `${f.rule} ${f.object} (${f.path}) at ${f.field}`)).toEqual([
      `policy/probes ${where}containers[0]`,
      `policy/resources ${where}containers[0].resources.limits`,
      `policy/resources ${where}containers[0].resources.requests`,
      `policy/privilege-escalation ${where}containers[0].securityContext.allowPrivilegeEscalation`,
      `policy/capabilities ${where}containers[0].securityContext.capabilities.drop`,
      `policy/read-only-root-fs ${where}containers[0].securityContext.readOnlyRootFilesystem`,
      `policy/run-as-non-root ${where}containers[0].securityContext.runAsNonRoot`,
      `policy/seccomp ${where}containers[0].securityContext.seccompProfile`,
    ]);
    expect(() => synthValidated(chart)).toThrow(
      /ERROR \[policy\/run-as-non-root\] Pod default\/hello-test \(c\/hello\/Pod-hello-test\)\n {2}at spec\.containers\[0\]\.securityContext\.runAsNonRoot: .*\n {2}fix: /,
    );
  });

  helmTest(
    'includeHelmHooks: the hook pod passes once fixed with modify, secure defaults and a reasoned relaxation',
    () => {
      const chart = chartIn(new App(), 'c');
      new HelmManifests(chart, 'hello', {
        chart: fixture('hello-chart'),
        includeHelmHooks: true,
        applySecureDefaults: true,
        helmExecutable: HELM,
      })
        .modify('Pod', 'hello-test', (p) => {
          p.spec.restartPolicy = 'Never';
          p.spec.containers[0].securityContext = {
            runAsNonRoot: true,
            runAsUser: 65534,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
          };
          p.spec.containers[0].resources = {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '100m', memory: '32Mi' },
          };
        })
        .relax('Pod', 'hello-test', 'policy/probes', 'a helm test pod runs once and exits; nothing to probe');
      const out = synthValidated(chart);
      const pod = out.find((m) => m.kind === 'Pod') as any;
      expect(pod.metadata.annotations).toEqual({ 'helm.sh/hook': 'test' });
      expect(pod.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
      const report = validateChart(chart);
      expect(report.errors).toEqual([]);
      expect(report.relaxed.map((f) => [f.rule, f.object, f.relaxedBy?.reason])).toEqual([
        ['policy/probes', 'Pod default/hello-test', 'a helm test pod runs once and exits; nothing to probe'],
      ]);
      // what applySecureDefaults set shows in the report, as information
      expect(report.info.map((f) => [f.rule, f.object, f.path])).toEqual([
        ['policy/secure-defaults-applied', 'Pod default/hello-test', 'c/hello/Pod-hello-test'],
      ]);
    },
  );

  helmTest('a chart that renders an invalid object fails validation, naming the object', () => {
    const chart = chartIn(new App(), 'c');
    new HelmManifests(chart, 'bad', { chart: fixture('invalid-chart'), helmExecutable: HELM });
    const report = validateChart(chart);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'values/port',
          object: 'Service default/bad-svc',
          path: 'c/bad/Service-bad-svc',
          field: 'spec.ports[0].port',
        }),
      ]),
    );
    expect(() => synthValidated(chart)).toThrow(
      /ERROR \[values\/port\] Service default\/bad-svc \(c\/bad\/Service-bad-svc\)\n {2}at spec\.ports\[0\]\.port: .*70000/,
    );
  });

  helmTest('a failing helm template is a ConstructError naming the construct path and the chart prop', () => {
    const chart = new KubecraftChart(new App(), 'c');
    const missing = path.join(tempDir(), 'no-such-chart');
    const err = errorOf(() => new HelmManifests(chart, 'broken', { chart: missing, helmExecutable: HELM }));
    expect(err).toBeInstanceOf(ConstructError);
    expect((err as ConstructError).constructPath).toBe('c/broken');
    expect((err as ConstructError).prop).toBe('chart');
    expect(err.message).toContain(`c/broken (chart): HelmManifests: helm template ${missing} failed (exit 1): `);
    expect(err.message).toContain(`path "${missing}" not found`);
    expect(err.message).toMatch(/Fix: check the chart/);
    // nothing half-built is left in the tree
    expect(chart.node.tryFindChild('broken')).toBeUndefined();
  });
});

describe("cdk8s's own Helm construct in a KubecraftChart (real helm)", () => {
  helmTest('synthesizes through KubecraftApp.synth(), validated, into the output directory', () => {
    const outdir = tempDir();
    const app = new KubecraftApp({ outdir, printReport: false });
    const chart = chartIn(app, 'hello');
    // cdk8s's Helm keeps hooks as ordinary objects: --skip-tests leaves out the chart's test pod
    new Helm(chart, 'hello', {
      chart: fixture('hello-chart'),
      releaseName: 'hello',
      values: { greeting: 'hi' },
      helmExecutable: HELM,
      helmFlags: ['--skip-tests'],
    });
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['Kustomization', 'hello.k8s.yaml']);
    expect(readYaml(path.join(outdir, 'hello.k8s.yaml'))).toEqual([HELLO_CONFIG]);
  });

  helmTest("its objects are validated: the chart's test pod, kept as an ordinary Pod, refuses the synth", () => {
    const outdir = tempDir();
    const app = new KubecraftApp({ outdir, printReport: false });
    const chart = chartIn(app, 'hello');
    new Helm(chart, 'hello', { chart: fixture('hello-chart'), releaseName: 'hello', helmExecutable: HELM });
    const err = errorOf(() => app.synth());
    expect(err).toBeInstanceOf(SynthesisError);
    // secure defaults apply to cdk8s Helm objects (seccomp, capabilities); the rest is reported
    expect(err.message).toMatch(/ERROR \[policy\/run-as-non-root\] Pod default\/hello-test \(hello\/hello\//);
    expect(err.message).not.toMatch(/policy\/seccomp|policy\/capabilities/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  helmTest('an invalid object from the chart refuses the synth, naming the object; nothing is written', () => {
    const outdir = tempDir();
    const app = new KubecraftApp({ outdir, printReport: false });
    const chart = chartIn(app, 'bad');
    const h = new Helm(chart, 'bad', { chart: fixture('invalid-chart'), releaseName: 'bad', helmExecutable: HELM });
    Policy.relax(h, 'refs/service-selector', 'the fixture chart renders a Service on its own');
    const err = errorOf(() => app.synth());
    expect(err).toBeInstanceOf(SynthesisError);
    expect(err.message).toMatch(
      /ERROR \[values\/port\] Service default\/bad-svc \(bad\/bad\/[^)]*\)\n {2}at spec\.ports\[0\]\.port/,
    );
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

test('a missing helm executable is a clear construct error', () => {
  const chart = new KubecraftChart(new App(), 'c');
  const err = errorOf(
    () => new HelmManifests(chart, 'x', { chart: 'whatever', helmExecutable: 'kubecraft-no-such-helm' }),
  );
  expect(err).toBeInstanceOf(ConstructError);
  expect(err.message).toMatch(/^c\/x \(helmExecutable\): HelmManifests: cannot run kubecraft-no-such-helm \(/);
  expect(err.message).toMatch(/helm 3 or later/);
});
