// The bad-input table of bad-input.test.ts (also read by the findings baseline, baseline.test.ts),
// and the helpers its rows use. The rows of the refs/* and policy/* rules are kept beside their
// rule, in rules/<id>.cases.ts (app).
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { stringify } from 'yaml';
import { CephCluster } from '../../imports/ceph.rook.io';
import { KubernetesVersion, RULES, UpstreamManifests } from '../../lib';
import { FixtureApp, NON_ROOT, patch, SMALL } from './fixture-app';

export const C = '/spec/template/spec/containers/0';
export const POD = '/spec/template/spec';
export const WEB = 'shop/web/Resource';
export const { add, replace, remove } = JsonPatch;

/** A bad-input row. */
export interface BadInputCase {
  readonly rule: keyof typeof RULES;
  readonly path: string;
  readonly field?: string;
  readonly mutate: (f: FixtureApp) => void;
  /** The Kubernetes version the fixture app targets (default: the library's default). */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** The bad-input table: one broken thing per row, with the rule, construct path and field it is refused with. */
export const BAD_INPUT_CASES: Record<string, BadInputCase> = {
  // schema
  'a native sidecar below 1.29 (by JSON patch)': {
    rule: 'values/native-sidecar',
    path: WEB,
    field: 'spec.template.spec.initContainers[0].restartPolicy',
    kubernetesVersion: '1.28',
    mutate: (f) =>
      patch(
        f.web,
        add(`${POD}/initContainers`, [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', restartPolicy: 'Always' }]),
      ),
  },
  'a native sidecar below 1.29 (raw ApiObject Pod)': {
    rule: 'values/native-sidecar',
    path: 'shop/sidecar-pod',
    field: 'spec.initContainers[0].restartPolicy',
    kubernetesVersion: '1.28',
    mutate: (f) =>
      new ApiObject(f.chart, 'sidecar-pod', {
        apiVersion: 'v1',
        kind: 'Pod',
        spec: {
          initContainers: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', restartPolicy: 'Always' }],
          containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0' }],
        },
      }),
  },
  'a removed apiVersion (apps/v1beta1 Deployment, by JSON patch)': {
    rule: 'schema/removed-api',
    path: WEB,
    field: 'apiVersion',
    mutate: (f) => patch(f.web, replace('/apiVersion', 'apps/v1beta1')),
  },
  'a removed apiVersion (policy/v1beta1 PodDisruptionBudget, raw ApiObject)': {
    rule: 'schema/removed-api',
    path: 'shop/old-pdb',
    field: 'apiVersion',
    mutate: (f) =>
      new ApiObject(f.chart, 'old-pdb', {
        apiVersion: 'policy/v1beta1',
        kind: 'PodDisruptionBudget',
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      }),
  },
  'unknown container field': {
    rule: 'schema/invalid',
    path: WEB,
    field: 'spec.template.spec.containers[0]',
    mutate: (f) => patch(f.web, add(`${C}/imagePullPolicyy`, 'Always')),
  },
  'wrong type for replicas': {
    rule: 'schema/invalid',
    path: WEB,
    field: 'spec.replicas',
    mutate: (f) => patch(f.web, replace('/spec/replicas', 'two')),
  },
  'invalid enum imagePullPolicy': {
    rule: 'schema/invalid',
    path: WEB,
    field: 'spec.template.spec.containers[0].imagePullPolicy',
    mutate: (f) => patch(f.web, replace(`${C}/imagePullPolicy`, 'Sometimes')),
  },
  'missing required container name': {
    rule: 'schema/invalid',
    path: WEB,
    field: 'spec.template.spec.containers[0]',
    mutate: (f) => patch(f.web, remove(`${C}/name`)),
  },
  'unknown Service spec field': {
    rule: 'schema/invalid',
    path: 'shop/web-svc/Resource',
    field: 'spec',
    mutate: (f) => patch(f.service, add('/spec/loadBalancerClassName', 'x')),
  },
  'invalid Service type': {
    rule: 'schema/invalid',
    path: 'shop/web-svc/Resource',
    field: 'spec.type',
    mutate: (f) => patch(f.service, replace('/spec/type', 'Public')),
  },
  'invalid Ingress pathType': {
    rule: 'schema/invalid',
    path: 'shop/web-ingress/Resource',
    field: 'spec.rules[0].http.paths[0].pathType',
    mutate: (f) => patch(f.ingress, replace('/spec/rules/0/http/paths/0/pathType', 'Sometimes')),
  },
  'CephCluster spec of the wrong type (CRD schema)': {
    rule: 'schema/invalid',
    path: 'shop/ceph',
    field: 'spec.mon.count',
    mutate: (f) =>
      new CephCluster(f.chart, 'ceph', { metadata: {}, spec: { mon: { count: 'one' as unknown as number } } }),
  },
  'CephCluster unknown field (CRD schema, strict)': {
    rule: 'schema/invalid',
    path: 'shop/ceph2',
    field: 'spec.dashboard',
    mutate: (f) => {
      const c = new CephCluster(f.chart, 'ceph2', { metadata: {}, spec: { dashboard: { enabled: true } } });
      ApiObject.of(c).addJsonPatch(add('/spec/dashboard/sslPort', 8443));
    },
  },
  // values
  'invalid object name': {
    rule: 'values/name',
    path: 'shop/bad-name/Resource',
    field: 'metadata.name',
    mutate: (f) => new kplus.ConfigMap(f.chart, 'bad-name', { metadata: { name: 'Web_Config' } }),
  },
  'Service name with a dot': {
    rule: 'values/name',
    path: 'shop/web-svc/Resource',
    field: 'metadata.name',
    mutate: (f) => patch(f.service, replace('/metadata/name', 'web.svc')),
  },
  'name over 253 characters': {
    rule: 'values/name',
    path: 'shop/long/Resource',
    field: 'metadata.name',
    mutate: (f) => new kplus.ConfigMap(f.chart, 'long', { metadata: { name: 'a'.repeat(254) } }),
  },
  'label value over 63 characters': {
    rule: 'values/label',
    path: WEB,
    field: "spec.template.metadata.labels['version']",
    mutate: (f) => f.web.podMetadata.addLabel('version', 'v'.repeat(64)),
  },
  'label key with two slashes': {
    rule: 'values/label',
    path: 'shop/labelled/Resource',
    field: "metadata.labels['a/b/c']",
    mutate: (f) => new kplus.ConfigMap(f.chart, 'labelled', { metadata: { labels: { 'a/b/c': 'x' } } }),
  },
  'invalid annotation key': {
    rule: 'values/label',
    path: 'shop/annotated/Resource',
    field: "metadata.annotations['-note']",
    mutate: (f) => new kplus.ConfigMap(f.chart, 'annotated', { metadata: { annotations: { '-note': 'x' } } }),
  },
  'containerPort 70000': {
    rule: 'values/port',
    path: WEB,
    field: 'spec.template.spec.containers[0].ports[0].containerPort',
    mutate: (f) => patch(f.web, replace(`${C}/ports/0/containerPort`, 70000)),
  },
  'Service port 0': {
    rule: 'values/port',
    path: 'shop/web-svc/Resource',
    field: 'spec.ports[0].port',
    mutate: (f) => patch(f.service, replace('/spec/ports/0/port', 0)),
  },
  'nodePort above 65535': {
    rule: 'values/port',
    path: 'shop/web-svc/Resource',
    field: 'spec.ports[0].nodePort',
    mutate: (f) => patch(f.service, replace('/spec/type', 'NodePort'), add('/spec/ports/0/nodePort', 70000)),
  },
  'targetPort 99999': {
    rule: 'values/port',
    path: 'shop/web-svc/Resource',
    field: 'spec.ports[0].targetPort',
    mutate: (f) => patch(f.service, replace('/spec/ports/0/targetPort', 99999)),
  },
  'probe port 0': {
    rule: 'values/port',
    path: WEB,
    field: 'spec.template.spec.containers[0].livenessProbe.tcpSocket.port',
    mutate: (f) => patch(f.web, replace(`${C}/livenessProbe/tcpSocket/port`, 0)),
  },
  'invalid container port name': {
    rule: 'values/port-name',
    path: WEB,
    field: 'spec.template.spec.containers[0].ports[0].name',
    mutate: (f) =>
      patch(
        f.web,
        replace(`${C}/ports/0/name`, 'HTTP_PORT'),
        replace(`${C}/livenessProbe/tcpSocket/port`, 8080),
        replace(`${C}/readinessProbe/httpGet/port`, 8080),
      ),
  },
  'duplicate port name in a container': {
    rule: 'values/port-name',
    path: WEB,
    field: 'spec.template.spec.containers[0].ports[1].name',
    mutate: (f) => patch(f.web, add(`${C}/ports/-`, { containerPort: 9901, name: 'http' })),
  },
  'multi-port Service without names': {
    rule: 'values/port-name',
    path: 'shop/multi/Resource',
    field: 'spec.ports[0].name',
    mutate: (f) => {
      const s = new kplus.Service(f.chart, 'multi', {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 81, targetPort: 8080 },
        ],
      });
      s.selectLabel('app', 'web');
    },
  },
  'duplicate Service port names': {
    rule: 'values/port-name',
    path: 'shop/web-svc/Resource',
    field: 'spec.ports[1].name',
    mutate: (f) => patch(f.service, add('/spec/ports/-', { name: 'http', port: 81, targetPort: 8080 })),
  },
  'malformed memory quantity': {
    rule: 'values/quantity',
    path: WEB,
    field: 'spec.template.spec.containers[0].resources.limits.memory',
    mutate: (f) => patch(f.web, replace(`${C}/resources/limits/memory`, '512MB')),
  },
  'malformed cpu quantity': {
    rule: 'values/quantity',
    path: WEB,
    field: 'spec.template.spec.containers[0].resources.requests.cpu',
    mutate: (f) => patch(f.web, replace(`${C}/resources/requests/cpu`, 'one')),
  },
  'malformed claim storage': {
    rule: 'values/quantity',
    path: 'shop/data/Resource',
    field: 'spec.resources.requests.storage',
    mutate: (f) => patch(f.claim, replace('/spec/resources/requests/storage', '10 GB')),
  },
  'cpu request above limit': {
    rule: 'values/requests-limits',
    path: WEB,
    field: 'spec.template.spec.containers[0].resources.requests.cpu',
    mutate: (f) => patch(f.web, replace(`${C}/resources/requests/cpu`, '2')),
  },
  'memory request above limit': {
    rule: 'values/requests-limits',
    path: WEB,
    field: 'spec.template.spec.containers[0].resources.requests.memory',
    mutate: (f) => patch(f.web, replace(`${C}/resources/requests/memory`, '1Gi')),
  },
  'cron with three fields': {
    rule: 'values/cron',
    path: 'shop/report/Resource',
    field: 'spec.schedule',
    mutate: (f) => patch(f.cron, replace('/spec/schedule', '* * *')),
  },
  'cron minute 61': {
    rule: 'values/cron',
    path: 'shop/report/Resource',
    field: 'spec.schedule',
    mutate: (f) => patch(f.cron, replace('/spec/schedule', '61 * * * *')),
  },
  'cron unknown descriptor': {
    rule: 'values/cron',
    path: 'shop/report/Resource',
    field: 'spec.schedule',
    mutate: (f) => patch(f.cron, replace('/spec/schedule', '@every5m')),
  },
  'cron L, a day-of-month other cron dialects accept (JSON patch)': {
    rule: 'values/cron',
    path: 'shop/report/Resource',
    field: 'spec.schedule',
    mutate: (f) => patch(f.cron, replace('/spec/schedule', '0 0 L * *')),
  },
  'cron 7 for Sunday (raw ApiObject CronJob)': {
    rule: 'values/cron',
    path: 'shop/raw-cron',
    field: 'spec.schedule',
    mutate: (f) => rawCronJob(f, '0 3 * * 7'),
  },
  'cron CRON_TZ= in the schedule (raw ApiObject CronJob)': {
    rule: 'values/cron',
    path: 'shop/raw-cron',
    field: 'spec.schedule',
    mutate: (f) => rawCronJob(f, 'CRON_TZ=Europe/Berlin 0 3 * * *'),
  },
  'negative probe failureThreshold': {
    rule: 'values/probe',
    path: WEB,
    field: 'spec.template.spec.containers[0].livenessProbe.failureThreshold',
    mutate: (f) => patch(f.web, replace(`${C}/livenessProbe/failureThreshold`, -1)),
  },
  'liveness successThreshold 2': {
    rule: 'values/probe',
    path: WEB,
    field: 'spec.template.spec.containers[0].livenessProbe.successThreshold',
    mutate: (f) => patch(f.web, add(`${C}/livenessProbe/successThreshold`, 2)),
  },
  'probe with two handlers': {
    rule: 'values/probe',
    path: WEB,
    field: 'spec.template.spec.containers[0].livenessProbe',
    mutate: (f) => patch(f.web, add(`${C}/livenessProbe/exec`, { command: ['true'] })),
  },
  'probe without a handler': {
    rule: 'values/probe',
    path: WEB,
    field: 'spec.template.spec.containers[0].readinessProbe',
    mutate: (f) => patch(f.web, replace(`${C}/readinessProbe`, { periodSeconds: 5 })),
  },
  'duplicate container name': {
    rule: 'values/duplicate',
    path: WEB,
    field: 'spec.template.spec.containers[1].name',
    mutate: (f) =>
      f.web.addContainer({
        name: 'web',
        image: 'nginx:1.25.3',
        securityContext: NON_ROOT,
        resources: SMALL,
        liveness: kplus.Probe.fromTcpSocket({ port: 8081 }),
        readiness: kplus.Probe.fromTcpSocket({ port: 8081 }),
      }),
  },
  'init container named like a container': {
    rule: 'values/duplicate',
    path: WEB,
    field: 'spec.template.spec.containers[0].name',
    mutate: (f) =>
      f.web.addInitContainer({ name: 'web', image: 'busybox:1.36', securityContext: NON_ROOT, resources: SMALL }),
  },
  'duplicate volume name': {
    rule: 'values/duplicate',
    path: WEB,
    field: 'spec.template.spec.volumes[1].name',
    mutate: (f) =>
      patch(
        f.web,
        add(`${POD}/volumes`, [
          { name: 'tmp', emptyDir: {} },
          { name: 'tmp', emptyDir: {} },
        ]),
      ),
  },
  'duplicate mount path': {
    rule: 'values/duplicate',
    path: WEB,
    field: 'spec.template.spec.containers[0].volumeMounts[1].mountPath',
    mutate: (f) => {
      const c = f.web.containers[0];
      c.mount('/tmp', kplus.Volume.fromEmptyDir(f.chart, 'a', 'a'));
      c.mount('/tmp', kplus.Volume.fromEmptyDir(f.chart, 'b', 'b'));
    },
  },
  'Job with restartPolicy Always': {
    rule: 'values/restart-policy',
    path: 'shop/migrate/Resource',
    field: 'spec.template.spec.restartPolicy',
    mutate: (f) => patch(f.job, replace(`${POD}/restartPolicy`, 'Always')),
  },
  'Deployment with restartPolicy Never': {
    rule: 'values/restart-policy',
    path: WEB,
    field: 'spec.template.spec.restartPolicy',
    mutate: (f) => patch(f.web, replace(`${POD}/restartPolicy`, 'Never')),
  },
  'In without values': {
    rule: 'values/selector',
    path: WEB,
    field: 'spec.selector',
    mutate: (f) => patch(f.web, add('/spec/selector/matchExpressions', [{ key: 'tier', operator: 'In', values: [] }])),
  },
  'Exists with values': {
    rule: 'values/selector',
    path: WEB,
    field: 'spec.selector',
    mutate: (f) =>
      patch(f.web, add('/spec/selector/matchExpressions', [{ key: 'app', operator: 'Exists', values: ['web'] }])),
  },
  'empty workload selector': {
    rule: 'values/selector',
    path: WEB,
    field: 'spec.selector',
    mutate: (f) => patch(f.web, replace('/spec/selector', {})),
  },
  'NetworkPolicy NotIn without values': {
    rule: 'values/selector',
    path: 'shop/web-policy/Resource',
    field: 'spec.podSelector',
    mutate: (f) => patch(f.policy, add('/spec/podSelector/matchExpressions', [{ key: 'tier', operator: 'NotIn' }])),
  },
  'negative replicas': {
    rule: 'values/replicas',
    path: WEB,
    field: 'spec.replicas',
    mutate: (f) => patch(f.web, replace('/spec/replicas', -1)),
  },
  'HPA min above max': {
    rule: 'values/replicas',
    path: 'shop/web-hpa/Resource',
    field: 'spec.maxReplicas',
    mutate: (f) => patch(f.hpa, replace('/spec/minReplicas', 5), replace('/spec/maxReplicas', 3)),
  },
  'negative backoffLimit': {
    rule: 'values/replicas',
    path: 'shop/migrate/Resource',
    field: 'spec.backoffLimit',
    mutate: (f) => patch(f.job, replace('/spec/backoffLimit', -1)),
  },
  // references
  // policy
  'an RBAC rule with no verbs (JSON patch on a cdk8s-plus Role)': {
    rule: 'values/required',
    path: 'shop/reader/Resource',
    field: 'rules[0].verbs',
    mutate: (f) => patch(f.role, replace('/rules/0/verbs', [])),
  },
  'an RBAC rule naming resources with no apiGroups (JSON patch)': {
    rule: 'values/required',
    path: 'shop/reader/Resource',
    field: 'rules[0].apiGroups',
    mutate: (f) => patch(f.role, remove('/rules/0/apiGroups')),
  },
  'an RBAC rule with apiGroups but no resources (raw ApiObject ClusterRole)': {
    rule: 'values/required',
    path: 'shop/raw-cluster-role',
    field: 'rules[0].resources',
    mutate: (f) =>
      new ApiObject(f.chart, 'raw-cluster-role', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'raw-cluster-role' },
        rules: [{ apiGroups: [''], verbs: ['get'] }],
      }),
  },
  'non-resource URLs in a namespaced Role (raw ApiObject)': {
    rule: 'values/one-of',
    path: 'shop/raw-role',
    field: 'rules[0].nonResourceURLs',
    mutate: (f) =>
      new ApiObject(f.chart, 'raw-role', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'raw-role' },
        rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }],
      }),
  },
  'an RBAC rule with both resources and non-resource URLs (JSON patch)': {
    rule: 'values/one-of',
    path: 'shop/reader/Resource',
    field: 'rules[0].nonResourceURLs',
    mutate: (f) => patch(f.role, add('/rules/0/nonResourceURLs', ['/metrics'])),
  },
  'an RBAC rule with no verbs (included YAML)': {
    rule: 'values/required',
    path: 'shop/upstream/Role-shop-yaml-role',
    field: 'rules[0].verbs',
    mutate: (f) =>
      new UpstreamManifests(f.chart, 'upstream', {
        text: stringify({
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'yaml-role', namespace: 'shop' },
          rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }],
        }),
      }),
  },
  'an RBAC rule naming resources with no apiGroups (L1 class)': {
    rule: 'values/required',
    path: 'shop/l1-role',
    field: 'rules[0].apiGroups',
    mutate: (f) =>
      new k8s.KubeClusterRole(f.chart, 'l1-role', {
        metadata: { name: 'l1-role' },
        rules: [{ resources: ['nodes'], verbs: ['get'] }],
      }),
  },
  'non-resource URLs in a namespaced Role (cdk8s-plus Role, then a JSON patch)': {
    rule: 'values/one-of',
    path: 'shop/reader/Resource',
    field: 'rules[1].nonResourceURLs',
    mutate: (f) => patch(f.role, add('/rules/-', { nonResourceURLs: ['/healthz'], verbs: ['get'] })),
  },
  // through cdk8s-plus props (minReady above progressDeadline) cdk8s-plus refuses it itself, when built
  'a progress deadline not above minReadySeconds (L1 class)': {
    rule: 'values/range',
    path: 'shop/l1-deployment',
    field: 'spec.progressDeadlineSeconds',
    mutate: (f) =>
      new k8s.KubeDeployment(f.chart, 'l1-deployment', {
        metadata: { name: 'l1-deployment' },
        spec: {
          minReadySeconds: 60,
          progressDeadlineSeconds: 30,
          selector: { matchLabels: { app: 'l1' } },
          template: {
            metadata: { labels: { app: 'l1' } },
            spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0' }] },
          },
        },
      }),
  },
  'a Deployment progress deadline not above minReadySeconds (JSON patch)': {
    rule: 'values/range',
    path: WEB,
    field: 'spec.progressDeadlineSeconds',
    mutate: (f) => patch(f.web, add('/spec/minReadySeconds', 600), add('/spec/progressDeadlineSeconds', 600)),
  },
  'minReadySeconds above the default progress deadline of 600 (JSON patch)': {
    rule: 'values/range',
    path: WEB,
    field: 'spec.progressDeadlineSeconds',
    mutate: (f) => patch(f.web, add('/spec/minReadySeconds', 900), remove('/spec/progressDeadlineSeconds')),
  },
  // integer bounds: the server's id range (IsValidUserID/IsValidGroupID), and every integer field's format
  'runAsGroup above 2147483647 (JSON patch; ValidatePodSecurityContext)': {
    rule: 'values/range',
    path: WEB,
    field: 'spec.template.spec.securityContext.runAsGroup',
    mutate: (f) => patch(f.web, add(`${POD}/securityContext/runAsGroup`, 2147483648)),
  },
  'container runAsUser above 2147483647 (raw ApiObject Pod; ValidateSecurityContext)': {
    rule: 'values/range',
    path: 'shop/ids-pod',
    field: 'spec.containers[0].securityContext.runAsUser',
    mutate: (f) =>
      new ApiObject(f.chart, 'ids-pod', {
        apiVersion: 'v1',
        kind: 'Pod',
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0', securityContext: { runAsUser: 4294967295 } }],
        },
      }),
  },
  'terminationGracePeriodSeconds beyond int64 (JSON patch)': {
    rule: 'schema/invalid',
    path: WEB,
    field: 'spec.template.spec.terminationGracePeriodSeconds',
    mutate: (f) => patch(f.web, add(`${POD}/terminationGracePeriodSeconds`, 1e19)),
  },
  'startingDeadlineSeconds beyond int64 (raw ApiObject CronJob)': {
    rule: 'schema/invalid',
    path: 'shop/raw-cron',
    field: 'spec.startingDeadlineSeconds',
    mutate: (f) => ApiObject.of(rawCronJob(f, '0 3 * * *')).addJsonPatch(add('/spec/startingDeadlineSeconds', 1e19)),
  },
  'an int32 field beyond int32: a Service session affinity timeout (JSON patch)': {
    rule: 'schema/invalid',
    path: 'shop/web-svc/Resource',
    field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
    mutate: (f) =>
      patch(
        f.service,
        add('/spec/sessionAffinity', 'ClientIP'),
        add('/spec/sessionAffinityConfig', { clientIP: { timeoutSeconds: 2147483648 } }),
      ),
  },
  'an IntOrString beyond int32: a PodDisruptionBudget minAvailable (L1 KubePodDisruptionBudget)': {
    rule: 'schema/invalid',
    path: 'shop/l1-pdb',
    field: 'spec.minAvailable',
    mutate: (f) =>
      new k8s.KubePodDisruptionBudget(f.chart, 'l1-pdb', {
        spec: { minAvailable: k8s.IntOrString.fromNumber(2147483648), selector: { matchLabels: { app: 'web' } } },
      }),
  },
  // duplicate env names: accepted by the API server, refused by server-side apply
  // CustomResourceDefinitions (more in bad-input-crd.test.ts)
  'a CRD whose listKind is its kind (raw ApiObject)': {
    rule: 'values/crd',
    path: 'shop/raw-crd',
    field: 'spec.names.listKind',
    mutate: (f) => rawCrd(f, (names) => ({ ...names, listKind: 'Gadget' })),
  },
  'a CRD schema without a type at the root (raw ApiObject)': {
    rule: 'values/crd-schema',
    path: 'shop/raw-crd',
    field: 'spec.versions[0].schema.openAPIV3Schema.type',
    mutate: (f) => rawCrd(f, (names) => names, { properties: { spec: { type: 'object' } } }),
  },
};

/** A small CRD (gadgets.example.com) as a raw ApiObject, with its names and root schema as given. */
/** A raw CustomResourceDefinition object in the fixture chart. */
export function rawCrd(
  f: FixtureApp,
  names: (n: Record<string, string>) => Record<string, string>,
  openAPIV3Schema: Record<string, unknown> = { type: 'object' },
): ApiObject {
  return new ApiObject(f.chart, 'raw-crd', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.example.com' },
    spec: {
      group: 'example.com',
      names: names({ plural: 'gadgets', kind: 'Gadget' }),
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema } }],
    },
  });
}

/** A CronJob as a raw ApiObject, valid but for its schedule. */
/** A raw CronJob object in the fixture chart with `schedule`. */
export function rawCronJob(f: FixtureApp, schedule: string): ApiObject {
  return new ApiObject(f.chart, 'raw-cron', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'raw-cron' },
    spec: {
      schedule,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'Never',
              securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [
                {
                  name: 'report',
                  image: 'busybox:1.36',
                  command: ['true'],
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ['ALL'] },
                  },
                  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
                },
              ],
            },
          },
        },
      },
    },
  });
}
