// The fake API server (test/support/fake-cluster.ts), driven by the real kubectl: each test checks
// one behaviour against what kubectl prints and what the fake stores. A few tests talk HTTP
// directly (no kubectl needed) for the wire format: Status errors, watch streams, selectors.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeCluster, LiveObject, startFakeCluster, unreachableKubeconfig } from './fake-cluster';

const kubectlVersion = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectlVersion.status === 0;
/** CI (any value but empty, `false` or `0`) requires kubectl: its tests fail instead of being skipped. */
const inCI = !['', 'false', '0'].includes(process.env.CI ?? '');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs the real kubectl against `cluster`: KUBECONFIG is its kubeconfig and KUBECACHEDIR its
 * fresh cache directory (kubectl reads KUBECACHEDIR as the default of --cache-dir).
 */
function kubectl(cluster: FakeCluster, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn('kubectl', args, {
      env: { ...process.env, KUBECONFIG: cluster.kubeconfig, KUBECACHEDIR: cluster.cacheDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

let workdir = '';
beforeAll(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-cluster-test-'));
});
afterAll(() => fs.rmSync(workdir, { recursive: true, force: true }));

/** Writes manifests into a new folder (one file per entry) and returns the folder. */
function manifests(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(workdir, 'm-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const namespace = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const configMap = (name: string, ns: string, data = 'k: v'): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  ${data}\n`;
const deployment = (name: string, ns: string, extra: { replicas?: number; image?: string; annotation?: string } = {}) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    ...(extra.annotation ? ['  annotations:', `    note: ${extra.annotation}`] : []),
    'spec:',
    ...(extra.replicas !== undefined ? [`  replicas: ${extra.replicas}`] : []),
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      containers:',
    `      - name: ${name}`,
    `        image: ${extra.image ?? 'nginx:1.27'}`,
    '        ports: [{containerPort: 80}]',
    '',
  ].join('\n');
const service = (name: string, ns: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  selector: {app: ${name}}\n  ports: [{name: http, port: 80}]\n`;
const crd = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata:',
  '  name: widgets.example.com',
  'spec:',
  '  group: example.com',
  '  scope: Namespaced',
  '  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}',
  '  versions:',
  '  - name: v1',
  '    served: true',
  '    storage: true',
  '    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}',
  '',
].join('\n');
const widget =
  'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: default\nspec:\n  size: 3\n';

const writes = (c: FakeCluster) => c.requests.filter((r) => r.method !== 'GET');
const rvAndGeneration = (o: LiveObject | undefined) => [o?.metadata.resourceVersion, o?.metadata.generation];

/** Tests that need kubectl: run when it is installed; fail in CI without it; else skipped visibly. */
function kubectlTest(name: string, fn: () => Promise<void>, timeout = 20000): void {
  if (hasKubectl) {
    test(name, fn, timeout);
  } else if (inCI) {
    test(name, () => {
      throw new Error(
        `CI is set but kubectl is not installed (${kubectlVersion.error?.message ?? 'kubectl version failed'})`,
      );
    });
  } else {
    test.skip(`kubectl is not installed: skipped: ${name}`, () => undefined);
  }
}

if (!hasKubectl && !inCI) {
  console.log('test/support/fake-cluster.test.ts: kubectl is not installed: the kubectl tests are skipped');
}

describe('the fake cluster, driven by kubectl', () => {
  let cluster: FakeCluster;
  afterEach(async () => cluster?.close());

  kubectlTest('discovery serves the built-in kinds; kubectl creates objects; KUBECACHEDIR is the cache', async () => {
    cluster = await startFakeCluster();
    const resources = await kubectl(cluster, ['api-resources', '-o', 'wide']);
    expect(resources.code).toBe(0);
    for (const [plural, apiVersion, namespaced, kind] of [
      ['namespaces', 'v1', 'false', 'Namespace'],
      ['persistentvolumeclaims', 'v1', 'true', 'PersistentVolumeClaim'],
      ['endpoints', 'v1', 'true', 'Endpoints'],
      ['deployments', 'apps/v1', 'true', 'Deployment'],
      ['cronjobs', 'batch/v1', 'true', 'CronJob'],
      ['ingressclasses', 'networking.k8s.io/v1', 'false', 'IngressClass'],
      ['networkpolicies', 'networking.k8s.io/v1', 'true', 'NetworkPolicy'],
      ['poddisruptionbudgets', 'policy/v1', 'true', 'PodDisruptionBudget'],
      ['clusterrolebindings', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding'],
      ['horizontalpodautoscalers', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler'],
      ['customresourcedefinitions', 'apiextensions.k8s.io/v1', 'false', 'CustomResourceDefinition'],
      ['storageclasses', 'storage.k8s.io/v1', 'false', 'StorageClass'],
      ['csidrivers', 'storage.k8s.io/v1', 'false', 'CSIDriver'],
      ['priorityclasses', 'scheduling.k8s.io/v1', 'false', 'PriorityClass'],
      ['validatingwebhookconfigurations', 'admissionregistration.k8s.io/v1', 'false', 'ValidatingWebhookConfiguration'],
      ['leases', 'coordination.k8s.io/v1', 'true', 'Lease'],
      ['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice'],
    ]) {
      expect(resources.stdout).toMatch(
        new RegExp(`^${plural}\\s+(\\S+\\s+)?${apiVersion}\\s+${namespaced}\\s+${kind}\\s`, 'm'),
      );
    }
    // kubectl asked for aggregated discovery and got it: no per-group-version requests
    expect(cluster.requests.filter((r) => /^\/apis?\/[^/]+(\/v[^/]+)?$/.test(r.path) && r.path !== '/apis')).toEqual(
      [],
    );
    expect(fs.readdirSync(path.join(cluster.cacheDir, 'discovery'))).toEqual([
      new URL(cluster.url).host.replace(':', '_'),
    ]);

    const dir = manifests({ 'cm.yaml': configMap('settings', 'default') });
    const created = await kubectl(cluster, ['create', '-f', dir]);
    expect([created.code, created.stdout.trim()]).toEqual([0, 'configmap/settings created']);
    const cm = cluster.get('v1', 'ConfigMap', 'settings', 'default');
    expect(cm).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' } });
    expect(cm?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(cm?.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
      }),
    ]);
    const again = await kubectl(cluster, ['create', '-f', dir]);
    expect([again.code, again.stderr.trim()]).toEqual([
      1,
      'Error from server (AlreadyExists): error when creating "' +
        path.join(dir, 'cm.yaml') +
        '": configmaps "settings" already exists',
    ]);
    // a cluster starts like a real one: system namespaces, their default ServiceAccounts, the kubernetes Service
    expect(
      cluster
        .objects()
        .filter((o) => o.kind === 'Namespace')
        .map((o) => o.metadata.name),
    ).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(cluster.get('v1', 'ServiceAccount', 'default', 'kube-system')).toBeDefined();
    expect(cluster.get('v1', 'Service', 'kubernetes', 'default')).toMatchObject({ spec: { clusterIP: '10.96.0.1' } });
  });

  kubectlTest('a custom resource fails with "no matches for kind" until its CRD is Established', async () => {
    cluster = await startFakeCluster({ crdEstablishDelayMs: 2500 });
    const started = Date.now();
    const applied = await kubectl(cluster, ['apply', '--server-side', '-f', manifests({ 'crd.yaml': crd })]);
    expect(applied.stdout.trim()).toBe(
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com serverside-applied',
    );
    const cr = manifests({ 'cr.yaml': widget });
    const early = await kubectl(cluster, ['apply', '--server-side', '-f', cr]);
    const tooLate = await kubectl(cluster, [
      'wait',
      '--for=condition=established',
      'crd/widgets.example.com',
      '--timeout=200ms',
    ]);
    expect(Date.now() - started).toBeLessThan(2500); // both ran before the CRD was established
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
    expect(early.stderr).toContain('ensure CRDs are installed first');
    expect([tooLate.code, tooLate.stderr.trim()]).toEqual([
      1,
      'error: timed out waiting for the condition on customresourcedefinitions/widgets.example.com',
    ]);
    // kubectl wait watches: the Established condition arrives as a MODIFIED event on the open watch
    const wait = await kubectl(cluster, [
      'wait',
      '--for=condition=established',
      'crd/widgets.example.com',
      '--timeout=10s',
    ]);
    expect([wait.code, wait.stdout.trim()]).toEqual([
      0,
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect(
      cluster.requests.some((r) => r.path.endsWith('/customresourcedefinitions') && r.query.watch === 'true'),
    ).toBe(true);
    expect(
      cluster.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com')?.status,
    ).toMatchObject({
      acceptedNames: { kind: 'Widget', plural: 'widgets' },
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
      ],
      storedVersions: ['v1'],
    });
    const late = await kubectl(cluster, ['apply', '--server-side', '-f', cr]);
    expect([late.code, late.stdout.trim()]).toEqual([0, 'widget.example.com/w1 serverside-applied']);
    expect(cluster.get('example.com/v1', 'Widget', 'w1', 'default')).toMatchObject({
      spec: { size: 3 },
      metadata: { generation: 1 },
    });
    // deleting the CRD removes the kind and its objects
    const deleted = await kubectl(cluster, ['delete', 'crd', 'widgets.example.com']);
    expect(deleted.stdout.trim()).toBe('customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted');
    expect(cluster.get('example.com/v1', 'Widget', 'w1', 'default')).toBeUndefined();
    const api = await fetch(`${cluster.url}/apis/example.com/v1/namespaces/default/widgets`);
    expect(api.status).toBe(404);
  });

  kubectlTest('namespaces: a missing one is refused; Pods wait for the default ServiceAccount', async () => {
    cluster = await startFakeCluster({ serviceAccountDelayMs: 2500 });
    const pod = manifests({
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: fresh\nspec:\n  containers: [{name: c, image: busybox}]\n',
    });
    const noNamespace = await kubectl(cluster, ['apply', '--server-side', '-f', pod]);
    expect([noNamespace.code, noNamespace.stderr.trim()]).toEqual([
      1,
      'Error from server (NotFound): namespaces "fresh" not found',
    ]);

    const started = Date.now();
    const ns = await kubectl(cluster, ['apply', '--server-side', '-f', manifests({ 'ns.yaml': namespace('fresh') })]);
    expect(ns.stdout.trim()).toBe('namespace/fresh serverside-applied');
    const refused = await kubectl(cluster, ['apply', '--server-side', '-f', pod]);
    const tooEarly = await kubectl(cluster, [
      'wait',
      '--for=create',
      'serviceaccount/default',
      '-n',
      'fresh',
      '--timeout=200ms',
    ]);
    expect(Date.now() - started).toBeLessThan(2500);
    expect([refused.code, refused.stderr.trim()]).toEqual([
      1,
      'Error from server (Forbidden): pods "p" is forbidden: error looking up service account fresh/default: serviceaccount "default" not found',
    ]);
    expect([tooEarly.code, tooEarly.stderr.trim()]).toEqual([1, 'error: timed out waiting for the condition']);
    expect(cluster.get('v1', 'Namespace', 'fresh')).toMatchObject({
      metadata: { labels: { 'kubernetes.io/metadata.name': 'fresh' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });

    const wait = await kubectl(cluster, [
      'wait',
      '--for=create',
      'serviceaccount/default',
      '-n',
      'fresh',
      '--timeout=10s',
    ]);
    expect([wait.code, wait.stdout.trim()]).toEqual([0, 'serviceaccount/default condition met']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect(cluster.get('v1', 'ConfigMap', 'kube-root-ca.crt', 'fresh')).toBeDefined();
    const accepted = await kubectl(cluster, ['apply', '--server-side', '-f', pod]);
    expect([accepted.code, accepted.stdout.trim()]).toEqual([0, 'pod/p serverside-applied']);
    expect(cluster.get('v1', 'Pod', 'p', 'fresh')).toMatchObject({
      spec: { serviceAccountName: 'default' },
      status: { phase: 'Running' },
    });
    const ready = await kubectl(cluster, ['wait', '--for=condition=Ready', 'pod/p', '-n', 'fresh', '--timeout=5s']);
    expect(ready.stdout.trim()).toBe('pod/p condition met');

    // deleting a namespace deletes what is in it
    const gone = await kubectl(cluster, ['delete', 'namespace', 'fresh']);
    expect(gone.stdout.trim()).toBe('namespace "fresh" deleted');
    expect(cluster.objects().filter((o) => o.metadata.namespace === 'fresh')).toEqual([]);
  });

  kubectlTest('server-side apply: create, no-op, removed fields, conflicts, --force-conflicts', async () => {
    cluster = await startFakeCluster();
    const apply = (yaml: string, ...flags: string[]) =>
      kubectl(cluster, ['apply', '--server-side', ...flags, '-f', manifests({ 'd.yaml': yaml })]);
    const live = () => cluster.get('apps/v1', 'Deployment', 'api', 'default');

    const first = await apply(
      deployment('api', 'default', { replicas: 2, annotation: 'one' }),
      '--field-manager=kubecraft',
    );
    expect([first.code, first.stdout.trim()]).toEqual([0, 'deployment.apps/api serverside-applied']);
    const patch = writes(cluster).find((r) => r.path === '/apis/apps/v1/namespaces/default/deployments/api');
    expect(patch).toEqual({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/api',
      query: { fieldManager: 'kubecraft', fieldValidation: 'Strict', force: 'false' },
      contentType: 'application/apply-patch+yaml',
    });
    expect(rvAndGeneration(live())[1]).toBe(1);
    expect(live()?.metadata.managedFields).toEqual([
      {
        manager: 'kubecraft',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: expect.any(String),
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:annotations': { 'f:note': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': { 'f:matchLabels': { 'f:app': {} } },
            'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': {} } },
          },
        },
      },
      expect.objectContaining({ manager: 'kube-controller-manager', operation: 'Update', subresource: 'status' }),
    ]);

    // the same manifest again: kubectl prints the same line, the object does not change
    const before = rvAndGeneration(live());
    const second = await apply(
      deployment('api', 'default', { replicas: 2, annotation: 'one' }),
      '--field-manager=kubecraft',
    );
    expect([second.code, second.stdout.trim()]).toEqual([0, 'deployment.apps/api serverside-applied']);
    expect(rvAndGeneration(live())).toEqual(before);

    // a field the manager applied before and omits now is removed (replicas goes back to its default)
    const third = await apply(deployment('api', 'default', { image: 'nginx:1.28' }), '--field-manager=kubecraft');
    expect(third.code).toBe(0);
    expect(live()?.metadata.annotations).toBeUndefined();
    expect(live()?.spec).toMatchObject({ replicas: 1, template: { spec: { containers: [{ image: 'nginx:1.28' }] } } });
    expect(rvAndGeneration(live())[1]).toBe(2);
    expect(Number(live()?.metadata.resourceVersion)).toBeGreaterThan(Number(before[0]));

    // another manager changing an owned field conflicts, unless forced
    const conflict = await apply(deployment('api', 'default', { image: 'nginx:1.29' }), '--field-manager=other');
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubecraft": .spec.template.spec.containers',
    );
    expect(conflict.stderr).toContain('--force-conflicts');
    const forced = await apply(
      deployment('api', 'default', { image: 'nginx:1.29' }),
      '--field-manager=other',
      '--force-conflicts',
    );
    expect([forced.code, forced.stdout.trim()]).toEqual([0, 'deployment.apps/api serverside-applied']);
    expect(live()?.spec).toMatchObject({ template: { spec: { containers: [{ image: 'nginx:1.29' }] } } });
    const managers = (live()?.metadata.managedFields ?? []) as { manager: string; fieldsV1: Record<string, unknown> }[];
    const kubecraft = managers.find((m) => m.manager === 'kubecraft');
    expect(JSON.stringify(kubecraft?.fieldsV1)).not.toContain('f:containers'); // taken over by "other"
    // same value from another manager: shared ownership, no conflict
    const shared = await apply(deployment('api', 'default', { image: 'nginx:1.29' }), '--field-manager=third');
    expect(shared.code).toBe(0);

    // kubectl scale (an Update through /scale) then an apply of replicas: the real conflict message
    const scaled = await kubectl(cluster, ['scale', 'deployment/api', '--replicas=3']);
    expect(scaled.stdout.trim()).toBe('deployment.apps/api scaled');
    const afterScale = await apply(
      deployment('api', 'default', { replicas: 2, image: 'nginx:1.29' }),
      '--field-manager=other',
    );
    expect(afterScale.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
  });

  kubectlTest('defaults appear in kubectl get -o json and are not owned by the applier', async () => {
    cluster = await startFakeCluster();
    const dir = manifests({
      'd.yaml': deployment('web', 'default', { image: 'nginx' }),
      's.yaml': service('web', 'default'),
    });
    expect((await kubectl(cluster, ['apply', '--server-side', '-f', dir])).code).toBe(0);
    const get = await kubectl(cluster, ['get', 'deployment/web', 'service/web', '-o', 'json']);
    const list = JSON.parse(get.stdout) as { items: LiveObject[] };
    const [d, s] = list.items;
    expect(d.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        spec: {
          containers: [
            {
              image: 'nginx',
              imagePullPolicy: 'Always', // no tag
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
            },
          ],
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
        },
      },
    });
    expect(s.spec).toEqual({
      clusterIP: '10.96.0.2',
      clusterIPs: ['10.96.0.2'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    // (kubectl get hides managedFields unless --show-managed-fields)
    const stored = cluster.get('v1', 'Service', 'web', 'default');
    const svcFields = JSON.stringify((stored?.metadata.managedFields as { fieldsV1: unknown }[])[0].fieldsV1);
    expect(svcFields).not.toContain('clusterIP');
    expect(svcFields).not.toContain('sessionAffinity');
    // a tagged image is IfNotPresent; re-applying keeps the allocated clusterIP
    await kubectl(cluster, [
      'apply',
      '--server-side',
      '-f',
      manifests({ 'd.yaml': deployment('web', 'default', { image: 'nginx:1.27' }) }),
    ]);
    expect(cluster.get('apps/v1', 'Deployment', 'web', 'default')?.spec).toMatchObject({
      template: { spec: { containers: [{ imagePullPolicy: 'IfNotPresent' }] } },
    });
    await kubectl(cluster, ['apply', '--server-side', '-f', dir]);
    expect(cluster.get('v1', 'Service', 'web', 'default')?.spec).toMatchObject({ clusterIP: '10.96.0.2' });
    // kubectl get (a Table) still works: Name and Created At columns
    const table = await kubectl(cluster, ['get', 'deployments']);
    expect(table.stdout).toMatch(/^NAME\s+CREATED AT\nweb\s+\d{4}-/);
  });

  kubectlTest('--dry-run=server stores nothing and returns the defaulted object', async () => {
    cluster = await startFakeCluster();
    const dir = manifests({ 'd.yaml': deployment('web', 'default'), 'cm.yaml': configMap('c', 'default') });
    const before = cluster.objects();
    const dry = await kubectl(cluster, ['apply', '--server-side', '--dry-run=server', '-f', dir, '-o', 'json']);
    expect(dry.code).toBe(0);
    const result = JSON.parse(dry.stdout) as { items: LiveObject[] };
    expect(result.items.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment']);
    expect(result.items.find((o) => o.kind === 'Deployment')?.spec).toMatchObject({ revisionHistoryLimit: 10 });
    expect(result.items.every((o) => o.metadata.resourceVersion === undefined)).toBe(true);
    expect(cluster.objects()).toEqual(before);
    expect(writes(cluster).map((r) => r.query.dryRun)).toEqual(['All', 'All']);
    const printed = await kubectl(cluster, ['apply', '--server-side', '--dry-run=server', '-f', dir]);
    expect(printed.stdout.trim().split('\n').sort()).toEqual([
      'configmap/c serverside-applied (server dry run)',
      'deployment.apps/web serverside-applied (server dry run)',
    ]);
    expect(cluster.objects()).toEqual(before);
  });

  kubectlTest(
    'kubectl diff --server-side: exit 0 in sync, 1 with the live-vs-merged diff, nothing written',
    async () => {
      cluster = await startFakeCluster();
      const dir = manifests({ 'd.yaml': deployment('web', 'default', { replicas: 2 }) });
      expect((await kubectl(cluster, ['apply', '--server-side', '--field-manager=kubecraft', '-f', dir])).code).toBe(0);
      const before = cluster.get('apps/v1', 'Deployment', 'web', 'default');
      const same = await kubectl(cluster, ['diff', '--server-side', '--field-manager=kubecraft', '-f', dir]);
      expect([same.code, same.stdout, same.stderr]).toEqual([0, '', '']);
      const changed = manifests({ 'd.yaml': deployment('web', 'default', { replicas: 4 }) });
      const diff = await kubectl(cluster, ['diff', '--server-side', '--field-manager=kubecraft', '-f', changed]);
      expect(diff.code).toBe(1);
      expect(diff.stdout).toMatch(/^-  replicas: 2\n\+  replicas: 4$/m);
      expect(diff.stdout).toMatch(/^-  generation: 1\n\+  generation: 2$/m); // the server bumps it in the dry run
      expect(diff.stdout).not.toContain('managedFields');
      expect(cluster.get('apps/v1', 'Deployment', 'web', 'default')).toEqual(before);
    },
  );

  kubectlTest('kubectl rollout status and kubectl wait finish on the fake status', async () => {
    cluster = await startFakeCluster();
    const sts = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db, namespace: default}',
      'spec:',
      '  replicas: 2',
      '  serviceName: db',
      '  selector: {matchLabels: {app: db}}',
      '  template:',
      '    metadata: {labels: {app: db}}',
      '    spec: {containers: [{name: db, image: postgres:17}]}',
      '---',
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: agent, namespace: default}',
      'spec:',
      '  selector: {matchLabels: {app: agent}}',
      '  template:',
      '    metadata: {labels: {app: agent}}',
      '    spec: {containers: [{name: agent, image: agent:1}]}',
      '---',
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: migrate, namespace: default}',
      'spec:',
      '  template:',
      '    spec: {restartPolicy: Never, containers: [{name: m, image: migrate:1}]}',
      '',
    ].join('\n');
    const dir = manifests({ 'd.yaml': deployment('web', 'default', { replicas: 3 }), 'w.yaml': sts });
    expect((await kubectl(cluster, ['apply', '--server-side', '-f', dir])).code).toBe(0);
    const rollouts = await Promise.all(
      ['deployment/web', 'statefulset/db', 'daemonset/agent'].map((r) =>
        kubectl(cluster, ['rollout', 'status', r, '-n', 'default', '--timeout=10s']),
      ),
    );
    expect(rollouts.map((r) => [r.code, r.stdout.trim()])).toEqual([
      [0, 'deployment "web" successfully rolled out'],
      // what kubectl prints for a StatefulSet with the defaulted rollingUpdate.partition: 0
      [0, 'partitioned roll out complete: 2 new pods have been updated...'],
      [0, 'daemon set "agent" successfully rolled out'],
    ]);
    const job = await kubectl(cluster, ['wait', '--for=condition=complete', 'job/migrate', '--timeout=10s']);
    expect(job.stdout.trim()).toBe('job.batch/migrate condition met');
    expect(cluster.get('apps/v1', 'Deployment', 'web', 'default')?.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    });
    // a new generation is rolled out at once too
    await kubectl(cluster, [
      'apply',
      '--server-side',
      '-f',
      manifests({ 'd.yaml': deployment('web', 'default', { replicas: 3, image: 'nginx:2' }) }),
    ]);
    expect(cluster.get('apps/v1', 'Deployment', 'web', 'default')?.status).toMatchObject({ observedGeneration: 2 });
    const again = await kubectl(cluster, ['rollout', 'status', 'deployment/web', '--timeout=10s']);
    expect(again.stdout.trim()).toBe('deployment "web" successfully rolled out');
    // a Job without restartPolicy is refused the way a real server refuses it
    const badJob = await kubectl(cluster, [
      'apply',
      '--server-side',
      '-f',
      manifests({ 'j.yaml': sts.split('---\n')[2].replace('restartPolicy: Never, ', '').replace('migrate', 'bad') }),
    ]);
    expect(badJob.stderr.trim()).toBe(
      'The Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });

  kubectlTest(
    'ApplySet prune deletes only the members that left the set; --dry-run=server deletes nothing',
    async () => {
      cluster = await startFakeCluster({ serviceAccountDelayMs: 0 });
      const env = { KUBECTL_APPLYSET: 'true' };
      const setup = await kubectl(cluster, [
        'apply',
        '--server-side',
        '-f',
        manifests({ 'ns.yaml': namespace('shop') }),
      ]);
      expect(setup.code).toBe(0);
      // not part of the set: one from a plain kubectl apply, one from another ApplySet
      const outsider = await kubectl(cluster, ['apply', '-f', manifests({ 'o.yaml': configMap('outsider', 'shop') })]);
      expect(outsider.stdout.trim()).toBe('configmap/outsider created');
      const other = await kubectl(
        cluster,
        [
          'apply',
          '--server-side',
          '--prune',
          '--applyset=other',
          '-n',
          'shop',
          '-f',
          manifests({ 'n.yaml': configMap('neighbour', 'shop') }),
        ],
        env,
      );
      expect(other.code).toBe(0);

      const applySet = (dir: string, ...flags: string[]) =>
        kubectl(
          cluster,
          [
            'apply',
            '--server-side',
            '--field-manager=kubecraft',
            '--prune',
            '--applyset=kc',
            '-n',
            'shop',
            ...flags,
            '-f',
            dir,
          ],
          env,
        );
      const full = manifests({
        'd.yaml': deployment('web', ''),
        's.yaml': service('web', ''),
        'cm.yaml': configMap('settings', 'shop'),
      });
      const first = await applySet(full);
      expect([first.code, first.stdout.trim().split('\n').sort()]).toEqual([
        0,
        [
          'configmap/settings serverside-applied',
          'deployment.apps/web serverside-applied',
          'service/web serverside-applied',
        ],
      ]);
      const parent = cluster.get('v1', 'Secret', 'kc', 'shop');
      const id = parent?.metadata.labels?.['applyset.kubernetes.io/id'];
      expect(id).toMatch(/^applyset-[\w-]+-v1$/);
      expect(parent?.metadata.annotations).toMatchObject({
        'applyset.kubernetes.io/contains-group-kinds': 'ConfigMap,Deployment.apps,Service',
        'applyset.kubernetes.io/tooling': expect.stringMatching(/^kubectl\/v1\./),
      });
      expect(parent?.metadata.managedFields).toEqual([
        expect.objectContaining({ manager: 'kubectl-applyset', operation: 'Apply' }),
      ]);
      expect(cluster.get('v1', 'ConfigMap', 'settings', 'shop')?.metadata.labels).toEqual({
        'applyset.kubernetes.io/part-of': id,
      });

      const smaller = manifests({ 'd.yaml': deployment('web', ''), 's.yaml': service('web', '') });
      const dry = await applySet(smaller, '--dry-run=server');
      expect([dry.code, dry.stdout.trim().split('\n').sort()]).toEqual([
        0,
        [
          'configmap/settings pruned (server dry run)',
          'deployment.apps/web serverside-applied (server dry run)',
          'service/web serverside-applied (server dry run)',
        ],
      ]);
      expect(cluster.get('v1', 'ConfigMap', 'settings', 'shop')).toBeDefined();

      const deletesBefore = cluster.requests.filter((r) => r.method === 'DELETE').length;
      const pruned = await applySet(smaller);
      expect([pruned.code, pruned.stdout.trim().split('\n').sort()]).toEqual([
        0,
        ['configmap/settings pruned', 'deployment.apps/web serverside-applied', 'service/web serverside-applied'],
      ]);
      expect(cluster.requests.filter((r) => r.method === 'DELETE').slice(deletesBefore)).toEqual([
        expect.objectContaining({ path: '/api/v1/namespaces/shop/configmaps/settings' }),
      ]);
      // kubectl found the members by listing each kind of the set with the part-of label
      expect(
        cluster.requests
          .filter((r) => r.query.labelSelector === `applyset.kubernetes.io/part-of=${id}`)
          .map((r) => r.path)
          .sort(),
      ).toEqual(
        expect.arrayContaining([
          '/api/v1/namespaces/shop/configmaps',
          '/api/v1/namespaces/shop/services',
          '/apis/apps/v1/namespaces/shop/deployments',
        ]),
      );
      expect(
        cluster
          .objects()
          .filter((o) => o.metadata.namespace === 'shop' && o.kind !== 'ServiceAccount')
          .map((o) => `${o.kind}/${o.metadata.name}`),
      ).toEqual([
        'Deployment/web', // apps/v1 sorts before v1
        'ConfigMap/kube-root-ca.crt',
        'ConfigMap/neighbour',
        'ConfigMap/outsider',
        'Secret/kc',
        'Secret/other',
        'Service/web',
      ]);
      expect(
        cluster.get('v1', 'Secret', 'kc', 'shop')?.metadata.annotations?.[
          'applyset.kubernetes.io/contains-group-kinds'
        ],
      ).toBe('Deployment.apps,Service');
    },
  );

  kubectlTest('failNext makes the next matching request fail with a Status kubectl prints', async () => {
    cluster = await startFakeCluster();
    const dir = manifests({ 'd.yaml': deployment('web', 'default'), 'cm.yaml': configMap('c', 'default') });
    cluster.failNext({ method: 'PATCH', kind: 'deployments', name: 'web' }, 500, 'etcdserver: request timed out');
    const failed = await kubectl(cluster, ['apply', '--server-side', '-f', dir]);
    expect(failed.code).toBe(1);
    expect(failed.stdout.trim()).toBe('configmap/c serverside-applied');
    expect(failed.stderr).toContain('Error from server (InternalError): ');
    expect(failed.stderr).toContain('etcdserver: request timed out');
    expect(cluster.get('apps/v1', 'Deployment', 'web', 'default')).toBeUndefined();
    cluster.failNext(
      { kind: 'configmaps' },
      422,
      'ConfigMap "c" is invalid: data: Too many: 2: must have at most 1 items',
    );
    const invalid = await kubectl(cluster, ['apply', '--server-side', '-f', dir]);
    expect(invalid.stderr.trim()).toBe('The ConfigMap "c" is invalid: data: Too many: 2: must have at most 1 items');
    const ok = await kubectl(cluster, ['apply', '--server-side', '-f', dir]);
    expect(ok.code).toBe(0);
  });

  kubectlTest('label and field selectors in kubectl get', async () => {
    cluster = await startFakeCluster();
    const cm = (name: string, labels: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n  labels: {${labels}}\n`;
    const dir = manifests({
      'a.yaml': cm('a', 'tier: web, env: prod'),
      'b.yaml': cm('b', 'tier: db, env: prod'),
      'c.yaml': cm('c', 'tier: web'),
    });
    await kubectl(cluster, ['apply', '--server-side', '-f', dir]);
    const names = async (...args: string[]) =>
      (await kubectl(cluster, ['get', 'configmaps', '-o', 'name', ...args])).stdout.trim().split('\n').filter(Boolean);
    expect(await names('-l', 'tier=web')).toEqual(['configmap/a', 'configmap/c']);
    expect(await names('-l', 'tier=web,env')).toEqual(['configmap/a']);
    expect(await names('-l', 'tier,!env')).toEqual(['configmap/c']);
    // as on a real server, != and notin also match objects without the label
    expect(await names('-l', 'tier!=web')).toEqual(['configmap/b', 'configmap/kube-root-ca.crt']);
    expect(await names('-l', 'tier in (db, cache)')).toEqual(['configmap/b']);
    expect(await names('-l', 'tier notin (db),tier')).toEqual(['configmap/a', 'configmap/c']);
    expect(await names('--field-selector', 'metadata.name=b')).toEqual(['configmap/b']);
    expect(await names('-A', '--field-selector', 'metadata.namespace=kube-system')).toEqual([
      'configmap/kube-root-ca.crt',
    ]);
  });

  kubectlTest('client-side apply, patch, replace and label: Update managers, generation only for spec', async () => {
    cluster = await startFakeCluster();
    const live = () => cluster.get('apps/v1', 'Deployment', 'web', 'default');
    const v1 = manifests({ 'd.yaml': deployment('web', 'default', { replicas: 2 }) });
    const created = await kubectl(cluster, ['apply', '-f', v1]);
    expect(created.stdout.trim()).toBe('deployment.apps/web created');
    expect((await kubectl(cluster, ['apply', '-f', v1])).stdout.trim()).toBe('deployment.apps/web unchanged');
    const configured = await kubectl(cluster, [
      'apply',
      '-f',
      manifests({ 'd.yaml': deployment('web', 'default', { replicas: 3 }) }),
    ]);
    expect(configured.stdout.trim()).toBe('deployment.apps/web configured');
    expect(
      writes(cluster)
        .filter((r) => r.path.endsWith('/deployments/web') || r.path.endsWith('/deployments'))
        .map((r) => [r.method, r.contentType, r.query.fieldManager]),
    ).toEqual([
      ['POST', 'application/json', 'kubectl-client-side-apply'],
      ['PATCH', 'application/strategic-merge-patch+json', 'kubectl-client-side-apply'],
    ]);
    expect(live()?.spec).toMatchObject({ replicas: 3 });
    expect(live()?.metadata.generation).toBe(2);

    const rv = live()?.metadata.resourceVersion;
    expect((await kubectl(cluster, ['label', 'deployment/web', 'team=a'])).stdout.trim()).toBe(
      'deployment.apps/web labeled',
    );
    expect(live()?.metadata.generation).toBe(2); // metadata only
    expect(live()?.metadata.resourceVersion).not.toBe(rv);
    const patches: [string, string][] = [
      ['merge', '{"spec":{"replicas":4}}'],
      ['json', '[{"op":"replace","path":"/spec/replicas","value":5}]'],
      ['strategic', '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"}]}}}}'],
    ];
    for (const [type, patch] of patches) {
      const r = await kubectl(cluster, ['patch', 'deployment/web', `--type=${type}`, '-p', patch]);
      expect([type, r.stdout.trim()]).toEqual([type, 'deployment.apps/web patched']);
    }
    // the strategic merge patch merged the container by name: its port and defaults stayed
    expect(live()?.spec).toMatchObject({
      replicas: 5,
      template: { spec: { containers: [{ name: 'web', image: 'nginx:2', ports: [{ containerPort: 80 }] }] } },
    });
    const managers = () =>
      (live()?.metadata.managedFields as { manager: string; operation: string }[]).map(
        (m) => `${m.manager}/${m.operation}`,
      );
    expect(managers().sort()).toEqual([
      'kube-controller-manager/Update',
      'kubectl-client-side-apply/Update',
      'kubectl-label/Update',
      'kubectl-patch/Update',
    ]);
    const replaced = await kubectl(cluster, ['replace', '-f', v1]);
    expect(replaced.stdout.trim()).toBe('deployment.apps/web replaced');
    expect(live()?.spec).toMatchObject({ replicas: 2, template: { spec: { containers: [{ image: 'nginx:1.27' }] } } });
    expect(live()?.metadata.labels).toBeUndefined();
    // the replace changed back what the patches changed and dropped the label: those managers own nothing now
    expect(managers().sort()).toEqual([
      'kube-controller-manager/Update',
      'kubectl-client-side-apply/Update',
      'kubectl-replace/Update',
    ]);
    const deleted = await kubectl(cluster, ['delete', '-f', v1]);
    expect(deleted.stdout.trim()).toBe('deployment.apps "web" deleted');
    expect(live()).toBeUndefined();
  });

  kubectlTest('an unreachable kubeconfig makes kubectl report the refused connection', async () => {
    cluster = await startFakeCluster();
    const r = await kubectl(cluster, ['get', 'namespaces'], { KUBECONFIG: unreachableKubeconfig() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?',
    );
  });
});

describe('the fake cluster, over HTTP', () => {
  let cluster: FakeCluster;
  beforeEach(async () => {
    cluster = await startFakeCluster({ serviceAccountDelayMs: 50 });
  });
  afterEach(async () => cluster.close());

  const call = async (method: string, url: string, body?: unknown, contentType = 'application/json') => {
    const r = await fetch(`${cluster.url}${url}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': contentType },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  test('errors are Status objects like the real server', async () => {
    expect(await call('GET', '/apis/apps/v1/namespaces/default/deployments/nope')).toEqual({
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'deployments.apps "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'apps', kind: 'deployments' },
        code: 404,
      },
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect((await call('POST', '/api/v1/namespaces/ghost/configmaps', cm)).body).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'namespaces "ghost" not found',
      details: { name: 'ghost', kind: 'namespaces' },
    });
    expect((await call('POST', '/api/v1/namespaces/default/configmaps', cm)).status).toBe(201);
    expect((await call('POST', '/api/v1/namespaces/default/configmaps', cm)).body).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'configmaps "x" already exists',
    });
    const stale = { ...cm, metadata: { name: 'x', resourceVersion: '1' } };
    expect((await call('PUT', '/api/v1/namespaces/default/configmaps/x', stale)).body).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect((await call('GET', '/apis/nothing.example.com/v1/things')).body).toMatchObject({
      code: 404,
      message: 'the server could not find the requested resource',
    });
    cluster.failNext({ method: 'GET', kind: 'configmaps', name: 'x' }, 503, 'try later');
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/x')).body).toMatchObject({
      code: 503,
      reason: 'ServiceUnavailable',
      message: 'try later',
    });
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/x')).status).toBe(200);
  });

  test('lists are named like the server names them; watches stream later changes', async () => {
    const list = await call('GET', '/api/v1/namespaces/kube-system/serviceaccounts');
    expect(list.body).toMatchObject({
      kind: 'ServiceAccountList',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
      items: [{ metadata: { name: 'default', namespace: 'kube-system' } }],
    });
    const controller = new AbortController();
    const watch = await fetch(`${cluster.url}/api/v1/configmaps?watch=true&labelSelector=app%3Dx`, {
      signal: controller.signal,
    });
    expect(watch.headers.get('transfer-encoding')).toBe('chunked');
    const reader = watch.body?.getReader();
    const apply = (data: Record<string, string>, labels: Record<string, string>) =>
      call(
        'PATCH',
        '/api/v1/namespaces/default/configmaps/w?fieldManager=test',
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w', labels }, data },
        'application/apply-patch+yaml',
      );
    await apply({ a: '1' }, { app: 'x' });
    await apply({ a: '2' }, { app: 'x' });
    await apply({ a: '2' }, { app: 'y' }); // leaves the selector: DELETED for this watch
    await call('DELETE', '/api/v1/namespaces/default/configmaps/w');
    let text = '';
    while (text.split('\n').length < 4 && reader) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    controller.abort();
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { data: Record<string, string> } });
    expect(events.map((e) => [e.type, e.object.data.a])).toEqual([
      ['ADDED', '1'],
      ['MODIFIED', '2'],
      ['DELETED', '2'],
    ]);
  });

  test('a watch ends after timeoutSeconds; PartialObjectMetadata is negotiated', async () => {
    const started = Date.now();
    const watch = await fetch(`${cluster.url}/api/v1/namespaces?watch=true&timeoutSeconds=1`);
    const text = await watch.text(); // resolves when the server ends the stream
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(text.trim().split('\n').length).toBe(4); // ADDED for each existing namespace
    const meta = await fetch(`${cluster.url}/api/v1/namespaces`, {
      headers: { Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json' },
    });
    expect(meta.headers.get('content-type')).toBe('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io');
    expect(await meta.json()).toMatchObject({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      items: expect.arrayContaining([
        {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: expect.objectContaining({ name: 'default' }),
        },
      ]),
    });
  });

  test('objects() is sorted and holds no dry-run results', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } };
    expect((await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', body)).status).toBe(201);
    expect(cluster.get('v1', 'ConfigMap', 'dry', 'default')).toBeUndefined();
    const keys = cluster.objects().map((o) => [o.apiVersion, o.kind, o.metadata.namespace ?? '', o.metadata.name]);
    const byTuple = (a: string[], b: string[]): number => {
      const i = a.findIndex((x, j) => x !== b[j]);
      return i < 0 ? 0 : a[i] < b[i] ? -1 : 1;
    };
    expect(keys).toEqual([...keys].sort(byTuple));
    expect(keys).toContainEqual(['v1', 'Namespace', '', 'default']);
  });
});
