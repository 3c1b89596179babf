// Bad inputs the Kubernetes API server rejects for reasons its published schema cannot express
// (issue 16), and the Pod Security Standards controls and runtime failures kubecraft adds, each
// through at least two of the entry points users have: cdk8s-plus props, kubecraft constructs,
// L1 classes (k8s.Kube*), raw ApiObjects and JSON patches. The runner is bad-input-server.test.ts.
// The rows of the refs/* and policy/* rules are kept beside their rule, in rules/<id>.cases.ts (app).
import { ApiObject, Cron, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { KubernetesVersion, RULES } from '../../lib';
import { FixtureApp, NON_ROOT, patch, SMALL } from './fixture-app';

const C = '/spec/template/spec/containers/0';
const POD = '/spec/template/spec';
const WEB = 'shop/web/Resource';
export const SVC = 'shop/web-svc/Resource';
const { add, replace, remove } = JsonPatch;

export interface ServerCase {
  readonly rule: keyof typeof RULES;
  /** `Kind namespace/name` of the object the finding names. */
  readonly object: string;
  readonly path: string;
  readonly field: string;
  readonly mutate: (f: FixtureApp) => void;
  /** The Kubernetes version the fixture app targets (default: the library's default). */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** A restricted-profile pod spec with one container, for raw objects. */
/** A restricted-profile pod spec with one container, for raw objects. */
export function podSpec(
  container: Record<string, unknown> = {},
  pod: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'main',
        image: 'busybox:1.36',
        command: ['sleep', '3600'],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        livenessProbe: { exec: { command: ['true'] } },
        readinessProbe: { exec: { command: ['true'] } },
        ...container,
      },
    ],
    ...pod,
  };
}

/** A raw Pod (`new ApiObject`). */
/** A raw Pod in the fixture chart. */
export function rawPod(
  f: FixtureApp,
  id: string,
  container: Record<string, unknown> = {},
  pod: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): ApiObject {
  return new ApiObject(f.chart, id, { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec(container, pod) });
}

/** An L1 Deployment (`k8s.KubeDeployment`) whose template mixes in raw container and pod fields. */
/** An L1 KubeDeployment in the fixture chart. */
export function l1Deployment(
  f: FixtureApp,
  id: string,
  container: Record<string, unknown> = {},
  pod: Record<string, unknown> = {},
  replicas?: number,
): k8s.KubeDeployment {
  const d = new k8s.KubeDeployment(f.chart, id, {
    metadata: {},
    spec: {
      replicas,
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } },
    },
  });
  // Escape hatch for fields the L1 types would not take as written (malformed on purpose).
  d.addJsonPatch(replace('/spec/template/spec', podSpec(container, pod)));
  return d;
}

export const SERVER_CASES: Record<string, ServerCase> = {
  // schema
  // (A JSON patch that changes kind or apiVersion is caught too, but the finding then names the
  // chart rather than the object's construct: lib/app/synthesis.ts pairs objects by kind.)
  'misspelt apiVersion group (raw ApiObject)': {
    rule: 'schema/unknown-kind',
    object: 'Deployment shop/typo-group',
    path: 'shop/typo-group',
    field: '',
    mutate: (f) => new ApiObject(f.chart, 'typo-group', { apiVersion: 'app/v1', kind: 'Deployment', metadata: {} }),
  },
  'misspelt kind (raw ApiObject)': {
    rule: 'schema/unknown-kind',
    object: 'Deploymnet shop/typo',
    path: 'shop/typo',
    field: '',
    mutate: (f) => new ApiObject(f.chart, 'typo', { apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: {} }),
  },
  // names
  'Service name starting with a digit (cdk8s-plus)': {
    rule: 'values/name',
    object: 'Service shop/1web',
    path: 'shop/digits/Resource',
    field: 'metadata.name',
    mutate: (f) =>
      new kplus.Service(f.chart, 'digits', {
        metadata: { name: '1web' },
        ports: [{ port: 80, targetPort: 8080 }],
      }).selectLabel('app', 'web'),
  },
  'CronJob name over 52 characters (JSON patch)': {
    rule: 'values/name',
    object: `CronJob shop/${'r'.repeat(53)}`,
    path: 'shop/report/Resource',
    field: 'metadata.name',
    mutate: (f) => patch(f.cron, replace('/metadata/name', 'r'.repeat(53))),
  },
  'container name with an underscore (raw Pod)': {
    rule: 'values/field-name',
    object: 'Pod shop/raw-pod',
    path: 'shop/raw-pod',
    field: 'spec.containers[0].name',
    mutate: (f) => rawPod(f, 'raw-pod', { name: 'main_1' }),
  },
  'volume name in uppercase (JSON patch)': {
    rule: 'values/field-name',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.volumes[0].name',
    mutate: (f) => patch(f.web, add(`${POD}/volumes`, [{ name: 'Data', emptyDir: {} }])),
  },
  'env name starting with a digit, Kubernetes 1.27 (JSON patch)': {
    rule: 'values/env-name',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].env[1].name',
    kubernetesVersion: '1.27',
    mutate: (f) => patch(f.web, add(`${C}/env/-`, { name: '1VAR', value: 'x' })),
  },
  'env name with a space, Kubernetes 1.31 (L1 KubeDeployment)': {
    rule: 'values/env-name',
    object: 'Deployment shop/l1-env',
    path: 'shop/l1-env',
    field: 'spec.template.spec.containers[0].env[0].name',
    kubernetesVersion: '1.31',
    mutate: (f) => l1Deployment(f, 'l1-env', { env: [{ name: 'MY VAR', value: 'x' }] }),
  },
  'ConfigMap key with a space (cdk8s-plus)': {
    rule: 'values/config-key',
    object: 'ConfigMap shop/spaced',
    path: 'shop/spaced/Resource',
    field: "data['my key']",
    mutate: (f) => new kplus.ConfigMap(f.chart, 'spaced', { data: { 'my key': 'x' } }),
  },
  'Secret key starting with .. (raw ApiObject)': {
    rule: 'values/config-key',
    object: 'Secret shop/dots',
    path: 'shop/dots',
    field: "data['..x']",
    mutate: (f) =>
      new ApiObject(f.chart, 'dots', { apiVersion: 'v1', kind: 'Secret', metadata: {}, data: { '..x': 'eA==' } }),
  },
  // required
  'container without image (JSON patch)': {
    rule: 'values/required',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].image',
    mutate: (f) => patch(f.web, remove(`${C}/image`)),
  },
  'container without image (L1 KubeDeployment)': {
    rule: 'values/required',
    object: 'Deployment shop/l1-noimage',
    path: 'shop/l1-noimage',
    field: 'spec.template.spec.containers[0].image',
    mutate: (f) => l1Deployment(f, 'l1-noimage', { image: '' }),
  },
  'PVC without accessModes (cdk8s-plus)': {
    rule: 'values/required',
    object: 'PersistentVolumeClaim shop/cache',
    path: 'shop/cache/Resource',
    field: 'spec.accessModes',
    mutate: (f) => new kplus.PersistentVolumeClaim(f.chart, 'cache', { storage: Size.gibibytes(1) }),
  },
  'Service without ports (JSON patch)': {
    rule: 'values/required',
    object: 'Service shop/web-svc',
    path: SVC,
    field: 'spec.ports',
    mutate: (f) => patch(f.service, replace('/spec/ports', [])),
  },
  'pod without containers (raw Pod)': {
    rule: 'values/required',
    object: 'Pod shop/empty-pod',
    path: 'shop/empty-pod',
    field: 'spec.containers',
    mutate: (f) =>
      new ApiObject(f.chart, 'empty-pod', { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [] } }),
  },
  'exec probe with an empty command (kubecraft Probes)': {
    rule: 'values/required',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].livenessProbe.exec.command',
    mutate: (f) => patch(f.web, replace(`${C}/livenessProbe`, { exec: { command: [] } })),
  },
  'valueFrom without a source (JSON patch)': {
    rule: 'values/required',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].env[0].valueFrom',
    mutate: (f) => patch(f.web, replace(`${C}/env/0/valueFrom`, {})),
  },
  'HPA behavior without policies (JSON patch)': {
    rule: 'values/required',
    object: 'HorizontalPodAutoscaler shop/web-hpa',
    path: 'shop/web-hpa/Resource',
    field: 'spec.behavior.scaleDown.policies',
    mutate: (f) => patch(f.hpa, add('/spec/behavior', { scaleDown: { stabilizationWindowSeconds: 300 } })),
  },
  'NetworkPolicy peer with nothing (JSON patch)': {
    rule: 'values/required',
    object: 'NetworkPolicy shop/web-policy',
    path: 'shop/web-policy/Resource',
    field: 'spec.ingress[0].from[0]',
    mutate: (f) => patch(f.policy, replace('/spec/ingress/0/from/0', {})),
  },
  'Ingress without rules or default backend (raw ApiObject)': {
    rule: 'values/required',
    object: 'Ingress shop/bare',
    path: 'shop/bare',
    field: 'spec.rules',
    mutate: (f) =>
      new ApiObject(f.chart, 'bare', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {}, spec: {} }),
  },
  // one-of
  'env value and valueFrom (JSON patch)': {
    rule: 'values/one-of',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].env[0].value',
    mutate: (f) => patch(f.web, add(`${C}/env/0/value`, 'info')),
  },
  'volume with two sources (raw Pod)': {
    rule: 'values/one-of',
    object: 'Pod shop/two-sources',
    path: 'shop/two-sources',
    field: 'spec.volumes[0]',
    mutate: (f) =>
      rawPod(f, 'two-sources', {}, { volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'settings' } }] }),
  },
  'PDB with minAvailable and maxUnavailable (JSON patch)': {
    rule: 'values/one-of',
    object: 'PodDisruptionBudget shop/web-pdb',
    path: 'shop/web-pdb/Resource',
    field: 'spec.maxUnavailable',
    mutate: (f) => patch(f.pdb, add('/spec/maxUnavailable', 1)),
  },
  'PDB with minAvailable and maxUnavailable (L1 KubePodDisruptionBudget)': {
    rule: 'values/one-of',
    object: 'PodDisruptionBudget shop/l1-pdb',
    path: 'shop/l1-pdb',
    field: 'spec.maxUnavailable',
    mutate: (f) =>
      new k8s.KubePodDisruptionBudget(f.chart, 'l1-pdb', {
        metadata: {},
        spec: {
          minAvailable: k8s.IntOrString.fromNumber(1),
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: { app: 'web' } },
        },
      }),
  },
  'preStop with two handlers (raw Pod)': {
    rule: 'values/one-of',
    object: 'Pod shop/hooks',
    path: 'shop/hooks',
    field: 'spec.containers[0].lifecycle.preStop',
    mutate: (f) =>
      rawPod(f, 'hooks', { lifecycle: { preStop: { exec: { command: ['true'] }, sleep: { seconds: 1 } } } }),
  },
  // numbers
  'replicas above int32 (JSON patch)': {
    rule: 'values/range',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.replicas',
    mutate: (f) => patch(f.web, add('/spec/replicas', 3000000000)),
  },
  'negative runAsUser (L1 KubeDeployment)': {
    rule: 'values/range',
    object: 'Deployment shop/l1-uid',
    path: 'shop/l1-uid',
    field: 'spec.template.spec.securityContext.runAsUser',
    mutate: (f) =>
      l1Deployment(
        f,
        'l1-uid',
        {},
        { securityContext: { runAsNonRoot: true, runAsUser: -1, seccompProfile: { type: 'RuntimeDefault' } } },
      ),
  },
  'HPA policy periodSeconds 0 (JSON patch)': {
    rule: 'values/range',
    object: 'HorizontalPodAutoscaler shop/web-hpa',
    path: 'shop/web-hpa/Resource',
    field: 'spec.behavior.scaleUp.policies[0].periodSeconds',
    mutate: (f) =>
      patch(f.hpa, add('/spec/behavior', { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 0 }] } })),
  },
  'PDB maxUnavailable 150% (raw ApiObject)': {
    rule: 'values/range',
    object: 'PodDisruptionBudget shop/raw-pdb',
    path: 'shop/raw-pdb',
    field: 'spec.maxUnavailable',
    mutate: (f) =>
      new ApiObject(f.chart, 'raw-pdb', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: {},
        spec: { maxUnavailable: '150%', selector: { matchLabels: { app: 'web' } } },
      }),
  },
  'negative Job parallelism (JSON patch)': {
    rule: 'values/range',
    object: 'Job shop/migrate',
    path: 'shop/migrate/Resource',
    field: 'spec.parallelism',
    mutate: (f) => patch(f.job, add('/spec/parallelism', -1)),
  },
  'maxSurge and maxUnavailable both 0 (JSON patch)': {
    rule: 'values/range',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.strategy.rollingUpdate.maxUnavailable',
    mutate: (f) =>
      patch(
        f.web,
        replace('/spec/strategy', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
      ),
  },
  'negative CPU utilization target (JSON patch)': {
    rule: 'values/range',
    object: 'HorizontalPodAutoscaler shop/web-hpa',
    path: 'shop/web-hpa/Resource',
    field: 'spec.metrics[0].resource.target.averageUtilization',
    mutate: (f) =>
      patch(
        f.hpa,
        add('/spec/metrics', [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: -5 } } },
        ]),
      ),
  },
  // quantities and resources
  'negative emptyDir sizeLimit (JSON patch)': {
    rule: 'values/quantity',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.volumes[0].emptyDir.sizeLimit',
    mutate: (f) => patch(f.web, add(`${POD}/volumes`, [{ name: 'tmp', emptyDir: { sizeLimit: '-1Gi' } }])),
  },
  'malformed emptyDir sizeLimit (raw Pod)': {
    rule: 'values/quantity',
    object: 'Pod shop/size',
    path: 'shop/size',
    field: 'spec.volumes[0].emptyDir.sizeLimit',
    mutate: (f) => rawPod(f, 'size', {}, { volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1 GB' } }] }),
  },
  "resource named 'cpus' (JSON patch)": {
    rule: 'values/resource-name',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].resources.limits.cpus',
    mutate: (f) => patch(f.web, add(`${C}/resources/limits/cpus`, '1')),
  },
  "resource named 'gpu' (L1 KubeDeployment)": {
    rule: 'values/resource-name',
    object: 'Deployment shop/l1-gpu',
    path: 'shop/l1-gpu',
    field: 'spec.template.spec.containers[0].resources.limits.gpu',
    mutate: (f) =>
      l1Deployment(f, 'l1-gpu', {
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi', gpu: '1' } },
      }),
  },
  'LimitRange min above max (raw ApiObject)': {
    rule: 'values/limit-range',
    object: 'LimitRange shop/raw-limits',
    path: 'shop/raw-limits',
    field: 'spec.limits[0].min.cpu',
    mutate: (f) =>
      new ApiObject(f.chart, 'raw-limits', {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: {},
        spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] },
      }),
  },
  'LimitRange default above max (L1 KubeLimitRange)': {
    rule: 'values/limit-range',
    object: 'LimitRange shop/l1-limits',
    path: 'shop/l1-limits',
    field: 'spec.limits[0].default.memory',
    mutate: (f) =>
      new k8s.KubeLimitRange(f.chart, 'l1-limits', {
        metadata: {},
        spec: {
          limits: [
            {
              type: 'Container',
              default: { memory: k8s.Quantity.fromString('2Gi') },
              max: { memory: k8s.Quantity.fromString('1Gi') },
            },
          ],
        },
      }),
  },
  // init containers
  'init container with a liveness probe (JSON patch)': {
    rule: 'values/init-container',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.initContainers[0].livenessProbe',
    mutate: (f) =>
      patch(
        f.web,
        add(`${POD}/initContainers`, [
          { name: 'init', image: 'busybox:1.36', livenessProbe: { exec: { command: ['true'] } } },
        ]),
      ),
  },
  'init container with a lifecycle hook (raw Pod)': {
    rule: 'values/init-container',
    object: 'Pod shop/init-hook',
    path: 'shop/init-hook',
    field: 'spec.initContainers[0].lifecycle',
    mutate: (f) =>
      rawPod(
        f,
        'init-hook',
        {},
        {
          initContainers: [
            { name: 'init', image: 'busybox:1.36', lifecycle: { postStart: { exec: { command: ['true'] } } } },
          ],
        },
      ),
  },
  // Services
  'two Service ports with one number and protocol (JSON patch)': {
    rule: 'values/service',
    object: 'Service shop/web-svc',
    path: SVC,
    field: 'spec.ports[1].port',
    mutate: (f) => patch(f.service, add('/spec/ports/-', { name: 'again', port: 80, targetPort: 8080 })),
  },
  'nodePort on a ClusterIP Service (raw ApiObject)': {
    rule: 'values/service',
    object: 'Service shop/cip',
    path: 'shop/cip',
    field: 'spec.ports[0].nodePort',
    mutate: (f) =>
      new ApiObject(f.chart, 'cip', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {},
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
      }),
  },
  // tolerations
  'toleration with an empty key and Equal (JSON patch)': {
    rule: 'values/toleration',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.tolerations[0].operator',
    mutate: (f) => patch(f.web, add(`${POD}/tolerations`, [{ operator: 'Equal', value: 'x' }])),
  },
  'tolerationSeconds without NoExecute (raw Pod)': {
    rule: 'values/toleration',
    object: 'Pod shop/tolerant',
    path: 'shop/tolerant',
    field: 'spec.tolerations[0].effect',
    mutate: (f) =>
      rawPod(
        f,
        'tolerant',
        {},
        { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] },
      ),
  },
  // labels
  'nodeSelector value with a space (JSON patch)': {
    rule: 'values/label',
    object: 'Deployment shop/web',
    path: WEB,
    field: "spec.template.spec.nodeSelector['disk']",
    mutate: (f) => patch(f.web, add(`${POD}/nodeSelector`, { disk: 'fast ssd' })),
  },
  'nodeSelector value with a space (raw Pod)': {
    rule: 'values/label',
    object: 'Pod shop/picky',
    path: 'shop/picky',
    field: "spec.nodeSelector['disk']",
    mutate: (f) => rawPod(f, 'picky', {}, { nodeSelector: { disk: 'fast ssd' } }),
  },
  'annotations over 256 KiB (JSON patch)': {
    rule: 'values/annotation-size',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'metadata.annotations',
    mutate: (f) => patch(f.web, add('/metadata/annotations', { 'example.com/blob': 'x'.repeat(270000) })),
  },
  'annotations over 256 KiB (cdk8s-plus)': {
    rule: 'values/annotation-size',
    object: 'ConfigMap shop/big',
    path: 'shop/big/Resource',
    field: 'metadata.annotations',
    mutate: (f) =>
      new kplus.ConfigMap(f.chart, 'big', {
        metadata: { annotations: { a: 'x'.repeat(140000), b: 'y'.repeat(140000) } },
      }),
  },
  // downward API
  'env fieldRef to an unsupported path (JSON patch)': {
    rule: 'values/field-ref',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath',
    mutate: (f) =>
      patch(
        f.web,
        add(`${C}/env/-`, { name: 'ALL_LABELS', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }),
      ),
  },
  'volume fieldRef to status.podIP (raw Pod)': {
    rule: 'values/field-ref',
    object: 'Pod shop/downward',
    path: 'shop/downward',
    field: 'spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath',
    mutate: (f) =>
      rawPod(
        f,
        'downward',
        {},
        {
          volumes: [
            { name: 'info', downwardAPI: { items: [{ path: 'ip', fieldRef: { fieldPath: 'status.podIP' } }] } },
          ],
        },
      ),
  },
  // Ingress
  'Ingress host in uppercase (cdk8s-plus)': {
    rule: 'values/ingress',
    object: 'Ingress shop/upper',
    path: 'shop/upper/Resource',
    field: 'spec.rules[0].host',
    mutate: (f) =>
      new kplus.Ingress(f.chart, 'upper', {
        rules: [
          { host: 'Shop.Example.com', path: '/', backend: kplus.IngressBackend.fromService(f.service, { port: 80 }) },
        ],
      }),
  },
  'Ingress Prefix path with // (JSON patch)': {
    rule: 'values/ingress',
    object: 'Ingress shop/web-ingress',
    path: 'shop/web-ingress/Resource',
    field: 'spec.rules[0].http.paths[0].path',
    mutate: (f) => patch(f.ingress, replace('/spec/rules/0/http/paths/0/path', '/api//v1')),
  },
  // NetworkPolicy
  'three policyTypes (JSON patch)': {
    rule: 'values/network-policy',
    object: 'NetworkPolicy shop/web-policy',
    path: 'shop/web-policy/Resource',
    field: 'spec.policyTypes',
    mutate: (f) => patch(f.policy, replace('/spec/policyTypes', ['Ingress', 'Egress', 'Ingress'])),
  },
  'ipBlock except outside its cidr (raw ApiObject)': {
    rule: 'values/network-policy',
    object: 'NetworkPolicy shop/cidr',
    path: 'shop/cidr',
    field: 'spec.egress[0].to[0].ipBlock.except[0]',
    mutate: (f) =>
      new ApiObject(f.chart, 'cidr', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: {},
        spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }] }] },
      }),
  },
  'NetworkPolicy port 0 (JSON patch)': {
    rule: 'values/port',
    object: 'NetworkPolicy shop/web-policy',
    path: 'shop/web-policy/Resource',
    field: 'spec.ingress[0].ports[0].port',
    mutate: (f) => patch(f.policy, replace('/spec/ingress/0/ports/0/port', 0)),
  },
  'NetworkPolicy negative port (raw ApiObject)': {
    rule: 'values/port',
    object: 'NetworkPolicy shop/np-port',
    path: 'shop/np-port',
    field: 'spec.ingress[0].ports[0].port',
    mutate: (f) =>
      new ApiObject(f.chart, 'np-port', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: {},
        spec: { podSelector: {}, ingress: [{ ports: [{ port: -1 }] }] },
      }),
  },
  // security context combinations the server refuses (reported as the server's, whatever policy says)
  'privileged with allowPrivilegeEscalation false (JSON patch)': {
    rule: 'values/security-context',
    object: 'Deployment shop/web',
    path: WEB,
    field: 'spec.template.spec.containers[0].securityContext.privileged',
    mutate: (f) => patch(f.web, replace(`${C}/securityContext/privileged`, true)),
  },
  'CAP_SYS_ADMIN with allowPrivilegeEscalation false (raw Pod)': {
    rule: 'values/security-context',
    object: 'Pod shop/sysadmin',
    path: 'shop/sysadmin',
    field: 'spec.containers[0].securityContext.capabilities.add',
    mutate: (f) =>
      rawPod(f, 'sysadmin', {
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'], add: ['CAP_SYS_ADMIN'] },
        },
      }),
  },
  'hostNetwork with the unprivileged-port sysctl (raw Pod)': {
    rule: 'values/security-context',
    object: 'Pod shop/hostnet',
    path: 'shop/hostnet',
    field: 'spec.securityContext.sysctls[0].name',
    mutate: (f) =>
      rawPod(
        f,
        'hostnet',
        {},
        {
          hostNetwork: true,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
            sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
          },
        },
      ),
  },
  'duplicate sysctl (cdk8s-plus)': {
    rule: 'values/security-context',
    object: 'Deployment shop/sysctl-twice',
    path: 'shop/sysctl-twice/Resource',
    field: 'spec.template.spec.securityContext.sysctls[1].name',
    mutate: (f) =>
      new kplus.Deployment(f.chart, 'sysctl-twice', {
        securityContext: {
          user: 1000,
          sysctls: [
            { name: 'net.ipv4.tcp_syncookies', value: '1' },
            { name: 'net.ipv4.tcp_syncookies', value: '1' },
          ],
        },
        containers: [{ image: 'busybox:1.36', securityContext: NON_ROOT, resources: SMALL }],
      }),
  },
  // CronJob time zones
  'CronJob timeZone Local (JSON patch)': {
    rule: 'values/cron',
    object: 'CronJob shop/report',
    path: 'shop/report/Resource',
    field: 'spec.timeZone',
    mutate: (f) => patch(f.cron, add('/spec/timeZone', 'Local')),
  },
  'CronJob unknown timeZone (cdk8s-plus)': {
    rule: 'values/cron',
    object: 'CronJob shop/mars',
    path: 'shop/mars/Resource',
    field: 'spec.timeZone',
    mutate: (f) =>
      new kplus.CronJob(f.chart, 'mars', {
        schedule: Cron.schedule({ minute: '0', hour: '3' }),
        timeZone: 'Mars/Olympus_Mons',
        containers: [{ image: 'busybox:1.36', securityContext: NON_ROOT, resources: SMALL }],
      }),
  },
  // references the server does not check
  // Pod Security Standards
};
