import { Testing } from 'cdk8s';
import { BookinfoChart } from '../../examples/bookinfo';
import { KubecraftApp, Manifest, synthValidated } from '../../lib';
import { find, podSpec } from '../support/manifests';

/**
 * The Bookinfo chart against upstream's `samples/bookinfo/platform/kube/bookinfo.yaml`
 * (istio/istio, images 1.20.1), object by object.
 *
 * Intended differences from upstream (everything else carries over):
 *
 * | what | upstream | here | why |
 * |---|---|---|---|
 * | probes | none | liveness and readiness `GET /health` on `http` | every Bookinfo service serves /health; the policy requires probes |
 * | resources | none | 100m/500m cpu, 128Mi/256Mi memory (the WebService default); reviews 100m/1000m cpu, 512Mi/1024Mi | the policy requires them; a JVM application server does not start in 256Mi |
 * | security context | none (productpage and ratings run as root) | non-root (details, ratings, productpage 1000; reviews 1001, Liberty's user), read-only root, ALL capabilities dropped, seccomp RuntimeDefault | restricted Pod Security Standard |
 * | writable paths | emptyDirs at /tmp (productpage, reviews) and /opt/ibm/wlp/output (reviews) | the same, plus /tmp for details and ratings | the WebService default `writablePaths` |
 * | labels | `app`, `version` (workloads), `service` (Services), `account` (ServiceAccounts) | `app` and `version` on pods and selectors as upstream; the recommended `app.kubernetes.io/*` labels on every object instead of `service` and `account` | selectors are what must match to adopt the installed objects; object labels are mutable |
 * | rollout | RollingUpdate 25%/25% (default) | RollingUpdate maxSurge 25%, maxUnavailable 0 | the WebService default: never below the replica count |
 * | PodDisruptionBudgets | none | one per WebService, maxUnavailable 1 | the WebService default |
 * | env | LOG_DIR on reviews | LOG_DIR, plus `<SERVICE>_HOST/_PORT/_ADDR` from `connectTo` (productpage: details, reviews; reviews: ratings) | `connectTo` records the call graph (NetworkPolicies once isolated; the app graph) |
 * | ServiceAccount token | automounted (default) | `automountServiceAccountToken: false` | no Bookinfo service calls the Kubernetes API |
 *
 * Relaxations: none.
 */
function render(): Manifest[] {
  const app = new KubecraftApp({ outdir: Testing.app().outdir, printReport: false });
  return synthValidated(new BookinfoChart(app, 'bookinfo'));
}

const m = render();
const APPS = ['details', 'ratings', 'reviews', 'productpage'];
const DEPLOYMENTS: [string, string, string][] = [
  ['details-v1', 'details', 'v1'],
  ['ratings-v1', 'ratings', 'v1'],
  ['reviews-v1', 'reviews', 'v1'],
  ['reviews-v2', 'reviews', 'v2'],
  ['reviews-v3', 'reviews', 'v3'],
  ['productpage-v1', 'productpage', 'v1'],
];

describe('Bookinfo, as upstream installs it', () => {
  test('the objects: a Service and a ServiceAccount per app, six Deployments, no JSON patch needed', () => {
    const names = (kind: string) =>
      m
        .filter((x) => x.kind === kind)
        .map((x) => x.metadata.name)
        .sort();
    expect(names('Service')).toEqual([...APPS].sort());
    expect(names('ServiceAccount')).toEqual(APPS.map((a) => `bookinfo-${a}`).sort());
    expect(names('Deployment')).toEqual(DEPLOYMENTS.map(([d]) => d).sort());
    expect(names('NetworkPolicy')).toEqual([]); // upstream has none; the chart does not isolate
    expect(m.every((x) => x.metadata.namespace === undefined || x.metadata.namespace === 'bookinfo')).toBe(true);
  });

  test.each(APPS)('Service %s: ClusterIP, port 9080 named http, selecting its app', (app) => {
    const s = find(m, 'Service', app);
    expect(s.spec.type).toBe('ClusterIP');
    expect(s.spec.ports).toEqual([{ name: 'http', port: 9080, targetPort: 9080 }]);
    expect(s.spec.selector).toEqual({ app });
  });

  test.each(DEPLOYMENTS)(
    'Deployment %s adopts upstream: its selector, pod labels, ServiceAccount, container',
    (name, app, version) => {
      const d = find(m, 'Deployment', name);
      expect(d.spec.replicas).toBe(1);
      expect(d.spec.selector).toEqual({ matchLabels: { app, version } });
      expect(d.spec.template.metadata.labels).toMatchObject({ app, version });
      const spec = podSpec(d);
      expect(spec.serviceAccountName).toBe(`bookinfo-${app}`);
      expect(spec.containers).toHaveLength(1);
      const c = spec.containers[0];
      expect(c.name).toBe(app);
      expect(c.image).toBe(`docker.io/istio/examples-bookinfo-${app}-${version}:1.20.1`);
      expect(c.imagePullPolicy).toBe('IfNotPresent');
      expect(c.ports).toEqual([{ containerPort: 9080, name: 'http' }]);
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true });
    },
  );

  test.each(['reviews-v1', 'reviews-v2', 'reviews-v3'])('%s: LOG_DIR, /tmp and the Liberty output dir', (name) => {
    const d = find(m, 'Deployment', name);
    const c = podSpec(d).containers[0];
    expect(c.env).toContainEqual({ name: 'LOG_DIR', value: '/tmp/logs' });
    expect(c.volumeMounts.map((v: { mountPath: string }) => v.mountPath).sort()).toEqual([
      '/opt/ibm/wlp/output',
      '/tmp',
    ]);
    expect(podSpec(d).volumes.every((v: { emptyDir?: object }) => v.emptyDir !== undefined)).toBe(true);
    expect(c.resources).toEqual({
      limits: { cpu: '1000m', memory: '1024Mi' },
      requests: { cpu: '100m', memory: '512Mi' },
    });
    expect(c.securityContext.runAsUser).toBe(1001);
  });

  test('productpage: the Prometheus annotations on its pods, /tmp writable', () => {
    const d = find(m, 'Deployment', 'productpage-v1');
    expect(d.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9080',
      'prometheus.io/path': '/metrics',
    });
    expect(podSpec(d).containers[0].volumeMounts).toEqual([{ mountPath: '/tmp', name: 'writable-0' }]);
    const env = podSpec(d).containers[0].env.map((e: { name: string }) => e.name);
    expect(env).toEqual(expect.arrayContaining(['DETAILS_HOST', 'REVIEWS_HOST']));
  });

  test('the reviews Service selects all three versions; only v1 has the budget', () => {
    const selector = find(m, 'Service', 'reviews').spec.selector;
    for (const v of ['v1', 'v2', 'v3']) {
      const labels = find(m, 'Deployment', `reviews-${v}`).spec.template.metadata.labels;
      expect(Object.entries(selector).every(([k, val]) => labels[k] === val)).toBe(true);
    }
    expect(find(m, 'PodDisruptionBudget', 'reviews').spec.selector.matchLabels).toEqual({
      app: 'reviews',
      version: 'v1',
    });
  });

  test('ServiceAccounts are created once, without token automount', () => {
    for (const a of APPS) expect(find(m, 'ServiceAccount', `bookinfo-${a}`).automountServiceAccountToken).toBe(false);
  });
});
