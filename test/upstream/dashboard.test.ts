import * as fs from 'fs';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { DASHBOARD_MANIFESTS, DashboardChart } from '../../examples/dashboard';
import {
  CONFIG_HASH_ANNOTATION,
  KubecraftApp,
  KubecraftChart,
  Manifest,
  synthValidated,
  UpstreamManifests,
  validateChart,
} from '../../lib';

const upstream = parseAllDocuments(fs.readFileSync(DASHBOARD_MANIFESTS, 'utf8'))
  .map((d) => d.toJS() as Manifest | null)
  .filter((m): m is Manifest => m !== null);

function find(list: readonly Manifest[], kind: string, name: string): Manifest {
  const m = list.find((o) => o.kind === kind && o.metadata.name === name);
  if (!m) throw new Error(`no ${kind} ${name}`);
  return m;
}

/** Deep equality ignoring key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

describe('Kubernetes Dashboard v2.7.0 (recommended.yaml) as upstream manifests', () => {
  const app = new App();
  const chart = new DashboardChart(app, 'dashboard');
  const out = synthValidated(chart);

  test('every upstream object is in the chart, validated', () => {
    expect(out.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(
      upstream.map((m) => `${m.kind}/${m.metadata.name}`).sort(),
    );
  });

  test('objects not modified are exactly as upstream wrote them', () => {
    for (const m of upstream) {
      if (m.kind === 'Deployment') continue;
      expect(canonical(find(out, m.kind, m.metadata.name!))).toEqual(canonical(m));
    }
  });

  test('the typed modifications are applied, nothing else is added', () => {
    const d = find(out, 'Deployment', 'kubernetes-dashboard') as any;
    const c = d.spec.template.spec.containers[0];
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsGroup: 2001,
      runAsNonRoot: true,
      runAsUser: 1001,
    });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/', port: 8443, scheme: 'HTTPS' });
    expect(d.spec.template.metadata.annotations?.[CONFIG_HASH_ANNOTATION]).toBeUndefined();
    const original = find(upstream, 'Deployment', 'kubernetes-dashboard') as any;
    expect(canonical({ ...d.spec.template.spec, containers: [] })).toEqual(
      canonical({ ...original.spec.template.spec, containers: [] }),
    );
  });

  test('the one relaxation carries its reason', () => {
    const report = validateChart(chart);
    expect(report.errors).toEqual([]);
    expect(report.relaxed.map((f) => [f.rule, f.object])).toEqual([
      ['policy/plaintext-secret', 'Secret kubernetes-dashboard/kubernetes-dashboard-csrf'],
    ]);
  });
});

describe('UpstreamManifests', () => {
  const text = fs.readFileSync(DASHBOARD_MANIFESTS, 'utf8');

  test('secure defaults are findings, not silent edits', () => {
    const app = new KubecraftApp();
    const chart = new KubecraftChart(app, 'c');
    new UpstreamManifests(chart, 'u', { text });
    const report = validateChart(chart);
    const rules = new Set(report.errors.map((f) => f.rule));
    expect(rules.has('policy/capabilities')).toBe(true);
    const out = chart.toJson() as any[];
    const d = out.find((m) => m.kind === 'Deployment' && m.metadata.name === 'kubernetes-dashboard');
    expect(d.spec.template.spec.containers[0].securityContext.capabilities).toBeUndefined();
  });

  test('applySecureDefaults: true applies them and lists each change', () => {
    const app = new KubecraftApp();
    const chart = new KubecraftChart(app, 'c');
    const u = new UpstreamManifests(chart, 'u', { text, applySecureDefaults: true });
    const out = chart.toJson() as any[];
    const d = out.find((m) => m.kind === 'Deployment' && m.metadata.name === 'kubernetes-dashboard');
    expect(d.spec.template.spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(u.changes()).toEqual(
      expect.arrayContaining([
        {
          object: 'Deployment kubernetes-dashboard/kubernetes-dashboard',
          field: 'spec.template.spec.containers[0].securityContext.capabilities',
          value: '{"drop":["ALL"]}',
        },
      ]),
    );
    expect(u.changes()).toHaveLength(2);
  });

  test('find names what there is when the object is missing', () => {
    const chart = new KubecraftChart(new App(), 'c');
    const u = new UpstreamManifests(chart, 'u', { text });
    expect(() => u.modify('Deployment', 'nope', () => undefined)).toThrow(/the Deployment objects are: Deployment/);
  });

  test('Helm hooks are left out and reported unless asked for', () => {
    const hook = `apiVersion: v1
kind: Pod
metadata:
  name: test-connection
  annotations:
    helm.sh/hook: test
spec:
  containers:
    - name: wget
      image: busybox:1.36
`;
    const chart = new KubecraftChart(new App(), 'c');
    const u = new UpstreamManifests(chart, 'u', { text: hook });
    expect(u.objects).toEqual([]);
    expect(u.skippedHooks).toEqual(['Pod test-connection (helm.sh/hook: test)']);
    const kept = new UpstreamManifests(chart, 'k', { text: hook, includeHelmHooks: true });
    expect(kept.objects).toHaveLength(1);
  });

  test('exclude needs a reason and leaves the object out', () => {
    const chart = new KubecraftChart(new App(), 'c');
    const u = new UpstreamManifests(chart, 'u', { text });
    expect(() => u.exclude('Namespace', 'kubernetes-dashboard', 'no')).toThrow(/reason/);
    u.exclude('Namespace', 'kubernetes-dashboard', 'created by the platform team');
    expect((chart.toJson() as Manifest[]).some((m) => m.kind === 'Namespace')).toBe(false);
    expect(u.excluded).toEqual(['Namespace kubernetes-dashboard: created by the platform team']);
  });
});
