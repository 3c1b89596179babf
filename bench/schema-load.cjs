// One benchmark process for bench/run.mjs: loads schema validators and reports, as a JSON line,
// the time to load them and to validate a small app's objects the first time, then the time per
// validation of a Deployment.
//
//   node bench/schema-load.cjs baseline <validators.generated.js> all|app
//   node bench/schema-load.cjs store <bundled lib/validation/schema> <version> all|app
//
// `all` loads every validator of the version (the baseline's single file holds all of them);
// `app` loads only what validating the objects below needs.
const t0 = performance.now();
const c0 = process.cpuUsage();
const cpuMs = () => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const [mode, fileArg, ...rest] = process.argv.slice(2);
const file = require('node:path').resolve(fileArg);
const version = mode === 'store' ? rest[0] : '1.27';
const scope = mode === 'store' ? rest[1] : rest[0];

const labels = { app: 'web' };
const container = {
  name: 'web',
  image: 'nginx:1.25.3',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  env: [
    { name: 'MODE', value: 'prod' },
    { name: 'KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
  ],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 },
  livenessProbe: { tcpSocket: { port: 8080 } },
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
  volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
};
const meta = (name) => ({ name, namespace: 'default', labels });
const objects = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          serviceAccountName: 'web',
          securityContext: { runAsNonRoot: true, fsGroup: 1000 },
          containers: [container],
          volumes: [{ name: 'config', configMap: { name: 'web' } }],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: labels },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web'),
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web'), data: { a: 'b' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('web'), automountServiceAccountToken: false },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('web'),
    spec: { minAvailable: 1, selector: { matchLabels: labels } },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('web'),
    spec: {
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
          },
        },
      ],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('web'),
    spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }] },
  },
];

let validatorFor;
let count = 0;
if (mode === 'baseline') {
  const g = require(file);
  validatorFor = (apiVersion, kind) => g[g.VALIDATOR_NAMES[`${apiVersion}/${kind}`]];
  count = g.SCHEMA_KINDS.length;
} else {
  const s = require(file);
  validatorFor = (apiVersion, kind) => s.schemaValidatorFor(apiVersion, kind, version);
  if (scope === 'all') count = s.preloadSchemas(version);
}
const loaded = performance.now();
const cpuLoaded = cpuMs();
for (const o of objects) {
  const validate = validatorFor(o.apiVersion, o.kind);
  if (!validate(o)) throw new Error(`${o.kind} invalid for ${version}: ${JSON.stringify(validate.errors)}`);
}
const firstUse = performance.now();
const cpuFirstUse = cpuMs();
const validate = validatorFor('apps/v1', 'Deployment');
const n = 20000;
for (let i = 0; i < n; i++) validate(objects[0]);
const perObject = ((performance.now() - firstUse) * 1000) / n;
console.log(
  JSON.stringify({
    load: loaded - t0,
    cpuLoad: cpuLoaded,
    cpuFirstUse: cpuFirstUse - cpuLoaded,
    firstUse: firstUse - loaded,
    perObjectMicros: perObject,
    count,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
