// The malformed-input manifests and arbitraries of malformed-input.test.ts (also read by the
// findings baseline, baseline.test.ts).
import fc from 'fast-check';
import { Manifest } from '../../lib';

const CONTAINER = {
  name: 'main',
  image: 'busybox:1.36',
  command: ['sleep', '1'],
  ports: [{ containerPort: 8080, name: 'http', hostPort: 0, protocol: 'TCP' }],
  env: [
    { name: 'A', value: 'x' },
    { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
    { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'D', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
  ],
  envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'P_' }],
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
  resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  securityContext: {
    runAsUser: 1000,
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    seccompProfile: { type: 'RuntimeDefault' },
    seLinuxOptions: { type: 'container_t' },
    appArmorProfile: { type: 'RuntimeDefault' },
    windowsOptions: { hostProcess: false },
    procMount: 'Default',
  },
  livenessProbe: { httpGet: { path: '/', port: 'http', host: '' }, periodSeconds: 10 },
  readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 1 },
  startupProbe: { exec: { command: ['true'] } },
  lifecycle: { preStop: { exec: { command: ['true'] } }, postStart: { httpGet: { port: 8080 } } },
};

const POD_SPEC = {
  containers: [CONTAINER],
  initContainers: [{ ...CONTAINER, name: 'init', restartPolicy: 'Always' }],
  volumes: [
    { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'k', path: 'k' }] } },
    { name: 'info', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
    { name: 'proj', projected: { sources: [{ downwardAPI: { items: [] } }, { secret: { name: 's' } }] } },
  ],
  tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 5 }],
  nodeSelector: { disk: 'ssd' },
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 1000,
    fsGroup: 1000,
    supplementalGroups: [1000],
    seccompProfile: { type: 'RuntimeDefault' },
    sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
  },
  hostname: 'h',
  serviceAccountName: 'sa',
  imagePullSecrets: [{ name: 'pull' }],
  restartPolicy: 'Always',
};

export const TEMPLATE = { metadata: { labels: { app: 'a' }, annotations: { note: 'x' } }, spec: POD_SPEC };
const SELECTOR = { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] };

/** Full-featured manifests of every kind the checks read. */
export const MANIFESTS: readonly Manifest[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', labels: { app: 'a' } }, spec: POD_SPEC },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'ns' },
    spec: {
      replicas: 2,
      selector: SELECTOR,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: TEMPLATE,
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 's', namespace: 'ns' },
    spec: {
      serviceName: 'svc',
      selector: SELECTOR,
      template: TEMPLATE,
      updateStrategy: { rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c', namespace: 'ns' },
    spec: {
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      jobTemplate: {
        spec: {
          parallelism: 1,
          completions: 1,
          template: { ...TEMPLATE, spec: { ...POD_SPEC, restartPolicy: 'Never' } },
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc', namespace: 'ns' },
    spec: {
      type: 'NodePort',
      clusterIP: 'None',
      selector: { app: 'a' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'i', namespace: 'ns' },
    spec: {
      defaultBackend: { service: { name: 'svc', port: { number: 80 } } },
      tls: [{ hosts: ['a.example.com'], secretName: 'tls' }],
      rules: [
        {
          host: 'a.example.com',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc', port: { name: 'http' } } } }],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'h', namespace: 'ns' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
      minReplicas: 1,
      maxReplicas: 3,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      ],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 1, periodSeconds: 15 }] },
      },
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'n', namespace: 'ns' },
    spec: {
      podSelector: SELECTOR,
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: SELECTOR, namespaceSelector: {} }], ports: [{ port: 80, endPort: 90 }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
    },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'b', namespace: 'ns' },
    spec: { minAvailable: '50%', selector: SELECTOR },
  },
  {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'l', namespace: 'ns' },
    spec: {
      limits: [
        {
          type: 'Container',
          min: { cpu: '1m' },
          max: { cpu: '2' },
          default: { cpu: '1' },
          maxLimitRequestRatio: { cpu: '2' },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'ns', annotations: { a: 'b' } },
    data: { k: 'v' },
    binaryData: { b: 'eA==' },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'pvc', namespace: 'ns' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'rb', namespace: 'ns' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    subjects: [{ kind: 'ServiceAccount', name: 'sa' }],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'] },
      scope: 'Namespaced',
      conversion: {
        strategy: 'Webhook',
        webhook: {
          clientConfig: { service: { name: 's', namespace: 'ns', path: '/c' } },
          conversionReviewVersions: ['v1'],
        },
      },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {}, scale: { specReplicasPath: '.spec.n', statusReplicasPath: '.status.n' } },
          additionalPrinterColumns: [{ name: 'N', type: 'integer', jsonPath: '.spec.n' }],
          selectableFields: [{ jsonPath: '.spec.color' }],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 20 } } },
                spec: {
                  type: 'object',
                  required: ['color'],
                  'x-kubernetes-validations': [{ rule: 'self.n >= 0', message: 'n' }],
                  properties: {
                    n: { type: 'integer', default: 1 },
                    color: { type: 'string', enum: ['red'], pattern: '^[a-z]+$' },
                    port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                    ports: {
                      type: 'array',
                      'x-kubernetes-list-type': 'map',
                      'x-kubernetes-list-map-keys': ['name'],
                      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
                    },
                    labels: {
                      type: 'object',
                      additionalProperties: { type: 'string' },
                      'x-kubernetes-map-type': 'atomic',
                    },
                    template: {
                      type: 'object',
                      'x-kubernetes-embedded-resource': true,
                      'x-kubernetes-preserve-unknown-fields': true,
                    },
                    limits: { type: 'object', default: { cpu: '1' }, properties: { cpu: { type: 'string' } } },
                  },
                  allOf: [{ properties: { n: { minimum: 0 } } }],
                },
                status: { type: 'object', properties: { n: { type: 'integer' } } },
              },
            },
          },
        },
      ],
    },
  },
];

/** Every path (list of keys and indexes) inside a JSON value, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

/** A deep copy of `value` with the value at `path` replaced by `replacement`. */
function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

/** Wrong-typed values: scalars of every kind, empty and odd containers, and random JSON. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', 'x', -1, 0, 2147483648, 1.5, true, false, [], {}, [null], [{}], { a: 1 }, ['x'], [1]),
  fc.jsonValue({ maxDepth: 3 }),
);

/** One of MANIFESTS with one to four values replaced by wrong-typed ones. */
export const mutated = fc
  .constantFrom(...MANIFESTS)
  .chain((manifest) => {
    const paths = pathsOf(manifest).filter(
      (p) => p.length > 0 && !(p.length === 1 && (p[0] === 'kind' || p[0] === 'apiVersion')),
    );
    return fc.record({
      manifest: fc.constant(manifest),
      changes: fc.array(fc.tuple(fc.constantFrom(...paths), wrongValue), { minLength: 1, maxLength: 4 }),
    });
  })
  .map(
    ({ manifest, changes }) => changes.reduce<unknown>((m, [path, v]) => replaceAt(m, path, v), manifest) as Manifest,
  );

/** What one run of the property test validates: one to three malformed manifests. */
export const malformedManifests: fc.Arbitrary<Manifest[]> = fc.array(mutated, { minLength: 1, maxLength: 3 });
