// Day two: revisionHistoryLimit on every workload kind it applies to, the change cause on the
// workloads (never on their pod templates), deterministic output, and autoscaled workloads.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import {
  CHANGE_CAUSE_ANNOTATION,
  DEFAULT_REVISION_HISTORY_LIMIT,
  KubecraftApp,
  KubecraftChart,
  KubecraftChartProps,
  Manifest,
  ReplicaSet,
  StatefulSet,
} from '../../lib';

const container: kplus.ContainerProps = {
  image: 'ghcr.io/acme/app:1.0.0',
  portNumber: 8080,
  liveness: kplus.Probe.fromTcpSocket(),
  readiness: kplus.Probe.fromTcpSocket(),
  securityContext: { user: 1000 },
  resources: {
    cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(200) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
  },
};

function render(props: KubecraftChartProps = {}): Manifest[] {
  const app = new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-rollout-')), printReport: false });
  const chart = new KubecraftChart(app, 'shop', props);
  new kplus.Deployment(chart, 'deploy', { containers: [container] });
  new StatefulSet(chart, 'sts', {
    containers: [container],
    service: new kplus.Service(chart, 'sts-svc', { clusterIP: 'None', ports: [{ port: 8080 }] }),
  });
  new kplus.DaemonSet(chart, 'ds', { containers: [container] });
  new ReplicaSet(chart, 'rs', { containers: [container] });
  new kplus.Job(chart, 'job', { containers: [container] });
  return app.render()[0].objects.map((o) => o.manifest);
}

const byKind = (ms: Manifest[], kind: string) => ms.find((m) => m.kind === kind)! as Manifest & { spec: any };

describe('revisionHistoryLimit', () => {
  test('set on Deployments, StatefulSets and DaemonSets, and nowhere else', () => {
    const ms = render();
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      expect(byKind(ms, kind).spec.revisionHistoryLimit).toBe(DEFAULT_REVISION_HISTORY_LIMIT);
    }
    for (const kind of ['ReplicaSet', 'Job', 'Service'])
      expect(byKind(ms, kind).spec.revisionHistoryLimit).toBeUndefined();
  });

  test('the chart prop overrides the default; an explicit undefined means the default; a bad value is refused', () => {
    expect(byKind(render({ revisionHistoryLimit: 3 }), 'Deployment').spec.revisionHistoryLimit).toBe(3);
    expect(byKind(render({ revisionHistoryLimit: undefined }), 'Deployment').spec.revisionHistoryLimit).toBe(10);
    expect(() => render({ revisionHistoryLimit: -1 })).toThrow(/shop \(revisionHistoryLimit\)/);
  });

  test('a value the object sets itself is kept', () => {
    const app = new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-rollout-')), printReport: false });
    const chart = new KubecraftChart(app, 'shop');
    new k8s.KubeDeployment(chart, 'l1', {
      spec: {
        revisionHistoryLimit: 2,
        selector: { matchLabels: { app: 'l1' } },
        template: { metadata: { labels: { app: 'l1' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } },
      },
    });
    expect(
      byKind(
        app.render()[0].objects.map((o) => o.manifest),
        'Deployment',
      ).spec.revisionHistoryLimit,
    ).toBe(2);
  });
});

describe('change cause', () => {
  const saved = process.env.KUBECRAFT_CHANGE_CAUSE;
  afterEach(() => {
    if (saved === undefined) delete process.env.KUBECRAFT_CHANGE_CAUSE;
    else process.env.KUBECRAFT_CHANGE_CAUSE = saved;
  });

  test('none by default', () => {
    delete process.env.KUBECRAFT_CHANGE_CAUSE;
    for (const m of render()) expect(m.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]).toBeUndefined();
  });

  test('from KUBECRAFT_CHANGE_CAUSE (kubecraft synth --change-cause) or the chart prop, on the workloads only', () => {
    process.env.KUBECRAFT_CHANGE_CAUSE = 'deploy 1.0.0 (abc123)';
    const ms = render();
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      const m = byKind(ms, kind);
      expect(m.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]).toBe('deploy 1.0.0 (abc123)');
      // on the workload, not its pod template: recording a cause never rolls pods
      expect(m.spec.template.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION]).toBeUndefined();
    }
    expect(byKind(ms, 'Job').metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]).toBeUndefined();
    expect(byKind(render({ changeCause: 'from the prop' }), 'Deployment').metadata.annotations).toEqual({
      [CHANGE_CAUSE_ANNOTATION]: 'from the prop',
    });
  });

  test('the output is byte-identical for the same inputs', () => {
    process.env.KUBECRAFT_CHANGE_CAUSE = 'same cause';
    const write = () => {
      const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-rollout-det-')), 'dist');
      const app = new KubecraftApp({ outdir, printReport: false });
      const chart = new KubecraftChart(app, 'shop');
      new kplus.Deployment(chart, 'deploy', { containers: [container] });
      app.synth();
      return fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8');
    };
    const first = write();
    expect(first).toContain('kubernetes.io/change-cause: same cause');
    expect(write()).toBe(first);
  });
});

describe('autoscaled workloads leave replicas to the autoscaler', () => {
  test('a cdk8s-plus Deployment renders no replicas once an HPA targets it (and refuses a fixed count)', () => {
    const build = (replicas?: number) => {
      const app = new KubecraftApp({
        outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-rollout-')),
        printReport: false,
      });
      const chart = new KubecraftChart(app, 'shop');
      const d = new kplus.Deployment(chart, 'web', { containers: [container], replicas });
      new kplus.HorizontalPodAutoscaler(chart, 'hpa', { target: d, maxReplicas: 5 });
      return app;
    };
    expect(
      byKind(
        build()
          .render()[0]
          .objects.map((o) => o.manifest),
        'Deployment',
      ).spec.replicas,
    ).toBeUndefined();
    expect(() => build(3).render()).toThrow(/\[shop\/hpa\] HorizontalPodAutoscaler target cannot have a fixed number/);
  });

  test('a fixed replicas from another source next to an HPA is refused (refs/autoscaled-replicas)', () => {
    const app = new KubecraftApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'kc-rollout-')), printReport: false });
    const chart = new KubecraftChart(app, 'shop');
    const d = new kplus.Deployment(chart, 'web', { containers: [container] });
    new kplus.HorizontalPodAutoscaler(chart, 'hpa', { target: d, maxReplicas: 5 });
    ApiObject.of(d).addJsonPatch(JsonPatch.add('/spec/replicas', 3));
    expect(app.validate().errors.map((e) => e.rule)).toContain('refs/autoscaled-replicas');
  });
});
