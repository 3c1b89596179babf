// Every documented default of the patterns' props is what renders. The `@default` tags are read
// from lib/patterns with the TypeScript compiler; each optional prop has a row below that
// quotes its tag and checks, on a pattern built with its required props only (plus, for a
// nested object, that object with its required members only), the concrete rendered value.
// A prop added without a row, a tag changed without its row, or a default changed in the code
// without its tag, fails here.
import * as fs from 'fs';
import * as path from 'path';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import {
  AppNetwork,
  BatchJob,
  Exposure,
  Manifest,
  NodeAgent,
  PatternBase,
  Policy,
  Probes,
  ScheduledJob,
  StatefulService,
  WebService,
  Worker,
} from '../../lib';
import { chartIn, get, valid } from './support';

type PatternName = 'WebService' | 'StatefulService' | 'Worker' | 'NodeAgent' | 'BatchJob' | 'ScheduledJob';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const spec = (m: any) => m.spec.template.spec;
const NAME = 'app';

/** Each pattern, its props interface, and how to build it with its required props (and `extra`). */
const PATTERNS: Record<
  PatternName,
  { readonly props: string; readonly build: (s: Construct, extra: object) => PatternBase }
> = {
  WebService: { props: 'WebServiceProps', build: (s, extra) => new WebService(s, NAME, { image: IMAGE, ...extra }) },
  StatefulService: {
    props: 'StatefulServiceProps',
    build: (s, extra) =>
      new StatefulService(s, NAME, {
        image: IMAGE,
        port: 6379,
        storage: Size.gibibytes(1),
        dataPath: '/data',
        ...extra,
      }),
  },
  // without a port, a Worker needs its probes
  Worker: {
    props: 'WorkerProps',
    build: (s, extra) =>
      new Worker(s, NAME, {
        image: IMAGE,
        liveness: Probes.exec(['true']),
        readiness: Probes.exec(['true']),
        ...extra,
      }),
  },
  // without a port, a NodeAgent needs its health check
  NodeAgent: {
    props: 'NodeAgentProps',
    build: (s, extra) => new NodeAgent(s, NAME, { image: IMAGE, port: 9100, ...extra }),
  },
  BatchJob: { props: 'BatchJobProps', build: (s, extra) => new BatchJob(s, NAME, { image: IMAGE, ...extra }) },
  ScheduledJob: {
    props: 'ScheduledJobProps',
    build: (s, extra) => new ScheduledJob(s, NAME, { image: IMAGE, schedule: '@daily', ...extra }),
  },
};
const ALL = Object.keys(PATTERNS) as PatternName[];
const WORKLOAD_KIND: Record<PatternName, string> = {
  WebService: 'Deployment',
  StatefulService: 'StatefulSet',
  Worker: 'Deployment',
  NodeAgent: 'DaemonSet',
  BatchJob: 'Job',
  ScheduledJob: 'CronJob',
};
const JOBS: readonly PatternName[] = ['BatchJob', 'ScheduledJob'];

/** What a pattern rendered. */
interface Rendered {
  readonly pattern: PatternName;
  readonly construct: PatternBase;
  readonly manifests: readonly Manifest[];
  /** The workload (Deployment, StatefulSet, DaemonSet, Job, CronJob). */
  readonly workload: any;
  /** Its pod template. */
  readonly template: any;
  /** Its pod spec. */
  readonly pod: any;
  /** The main container. */
  readonly container: any;
  /** The object of `kind` named `name` (default: the pattern's), or undefined. */
  find(kind: string, name?: string): any;
}

interface Row {
  /** The `@default` tag, exactly. */
  readonly documented: string;
  /** For a nested object's props: the patterns that take it (a pattern's own props: every pattern that has the prop). */
  readonly patterns?: readonly PatternName[];
  /** What to give besides the pattern's required props: the nested object, with its required members only. */
  readonly props?: (scope: Construct) => object;
  /** Something to do with the built pattern (`connectTo`, `AppNetwork.isolate`). */
  readonly after?: (pattern: PatternBase, scope: Construct) => void;
  /** Checks what renders. */
  readonly renders: (r: Rendered) => void;
}

const componentOf: Record<PatternName, string> = {
  WebService: 'web',
  StatefulService: 'database',
  Worker: 'worker',
  NodeAgent: 'agent',
  BatchJob: 'batch',
  ScheduledJob: 'batch',
};

const none = (value: unknown) => expect(value).toBeUndefined();
const mountPaths = (r: Rendered) => (r.container.volumeMounts ?? []).map((m: any) => m.mountPath);
/** The mounts of the main container besides `mounts`: the writable path, and a StatefulService's data. */
const ownMounts = (r: Rendered) => (r.pattern === 'StatefulService' ? ['/tmp', '/data'] : ['/tmp']);
const noLabel = (r: Rendered, label: string) => expect(r.workload.metadata.labels).not.toHaveProperty(label);

/** One row per optional prop: `<interface>.<prop>`. */
const ROWS: Record<string, Row> = {
  // PatternIdentityProps
  'PatternIdentityProps.name': {
    documented: '- the construct id',
    renders: (r) => {
      expect(r.workload.metadata.name).toBe(NAME);
      expect(r.workload.metadata.labels['app.kubernetes.io/name']).toBe(NAME);
    },
  },
  'PatternIdentityProps.instance': {
    documented: '- the name',
    renders: (r) => expect(r.workload.metadata.labels['app.kubernetes.io/instance']).toBe(NAME),
  },
  'PatternIdentityProps.component': {
    documented:
      "- the pattern's own: 'web' (WebService), 'database' (StatefulService), 'worker' (Worker), 'agent' (NodeAgent), 'batch' (BatchJob, ScheduledJob)",
    renders: (r) => expect(r.workload.metadata.labels['app.kubernetes.io/component']).toBe(componentOf[r.pattern]),
  },
  'PatternIdentityProps.partOf': {
    documented: '- no `app.kubernetes.io/part-of` label',
    renders: (r) => noLabel(r, 'app.kubernetes.io/part-of'),
  },

  // PatternContainerOptions
  'PatternContainerOptions.command': {
    documented: "- the image's ENTRYPOINT",
    renders: (r) => none(r.container.command),
  },
  'PatternContainerOptions.args': { documented: "- the image's CMD", renders: (r) => none(r.container.args) },
  'PatternContainerOptions.env': { documented: '- none', renders: (r) => none(r.container.env) },
  'PatternContainerOptions.envFrom': { documented: '- none', renders: (r) => none(r.container.envFrom) },
  'PatternContainerOptions.files': {
    documented: '- none',
    renders: (r) => expect(r.pod.volumes.filter((v: any) => v.configMap || v.secret)).toEqual([]),
  },
  'PatternContainerOptions.resources': {
    documented:
      '- DEFAULT_PATTERN_RESOURCES: cpu 100m request / 500m limit, memory 128Mi request / 256Mi limit (a StatefulService has its own)',
    renders: (r) =>
      expect(r.container.resources).toEqual({
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      }),
  },
  'PatternContainerOptions.user': {
    documented: 'DEFAULT_PATTERN_USER (1000)',
    renders: (r) => {
      expect(r.pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
      expect(r.container.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
    },
  },
  'PatternContainerOptions.writablePaths': {
    documented: "['/tmp']",
    renders: (r) => {
      expect(r.container.volumeMounts).toContainEqual({ mountPath: '/tmp', name: 'writable-0' });
      expect(r.pod.volumes).toContainEqual({ name: 'writable-0', emptyDir: {} });
    },
  },
  'PatternContainerOptions.mounts': {
    documented:
      "- none besides `writablePaths` and `files` (and a StatefulService's `dataPath`, a NodeAgent's `hostPaths`)",
    renders: (r) => expect(mountPaths(r)).toEqual(ownMounts(r)),
  },
  'PatternContainerOptions.containerName': {
    documented: "- the pattern's name",
    renders: (r) => expect(r.pod.containers.map((c: any) => c.name)).toEqual([NAME]),
  },
  'PatternContainerOptions.imagePullPolicy': {
    documented: "- no `imagePullPolicy` rendered: the API server's default, `IfNotPresent` for a pinned tag or digest",
    renders: (r) => expect(r.container).not.toHaveProperty('imagePullPolicy'),
  },
  'PatternContainerOptions.lifecycle': { documented: '- none', renders: (r) => none(r.container.lifecycle) },
  'PatternContainerOptions.startup': { documented: '- none', renders: (r) => none(r.container.startupProbe) },
  'PatternContainerOptions.capabilities': {
    documented: '- none added; ALL dropped',
    renders: (r) => expect(r.container.securityContext.capabilities).toEqual({ drop: ['ALL'] }),
  },
  'PatternContainerOptions.runAsRootReason': {
    documented: '- runs as `user`, never as root',
    renders: (r) => {
      expect(r.pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(r.container.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    },
  },
  'PatternContainerOptions.writableRootFilesystemReason': {
    documented: '- the root filesystem is read-only; `writablePaths` get `emptyDir`s',
    renders: (r) => {
      expect(r.container.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(r.pod.volumes).toContainEqual({ name: 'writable-0', emptyDir: {} });
    },
  },
  'PatternContainerOptions.readOnlyRootFilesystem': {
    documented: 'true',
    renders: (r) => expect(r.container.securityContext.readOnlyRootFilesystem).toBe(true),
  },

  // PatternPodOptions
  'PatternPodOptions.serviceAccount': {
    documented: "- the namespace's `default` ServiceAccount",
    renders: (r) => {
      none(r.pod.serviceAccountName);
      expect(r.manifests.filter((m) => m.kind === 'ServiceAccount')).toEqual([]);
    },
  },
  'PatternPodOptions.automountServiceAccountToken': {
    documented: 'false',
    renders: (r) => expect(r.pod.automountServiceAccountToken).toBe(false),
  },
  'PatternPodOptions.terminationGracePeriod': {
    documented: "- 30 seconds (Kubernetes' default, rendered as `terminationGracePeriodSeconds: 30`)",
    renders: (r) => expect(r.pod.terminationGracePeriodSeconds).toBe(30),
  },
  'PatternPodOptions.imagePullSecrets': { documented: '- none', renders: (r) => none(r.pod.imagePullSecrets) },
  'PatternPodOptions.initContainers': { documented: '- none', renders: (r) => none(r.pod.initContainers) },
  'PatternPodOptions.sidecars': { documented: '- none', renders: (r) => none(r.pod.initContainers) },
  'PatternPodOptions.extraContainers': {
    documented: '- none',
    renders: (r) => expect(r.pod.containers).toHaveLength(1),
  },
  'PatternPodOptions.nodeSelector': { documented: '- any node', renders: (r) => none(r.pod.nodeSelector) },
  'PatternPodOptions.nodeAffinity': { documented: '- none', renders: (r) => none(r.pod.affinity) },
  'PatternPodOptions.tolerations': {
    documented: '- none (a NodeAgent adds the control-plane taints)',
    renders: (r) =>
      r.pattern === 'NodeAgent'
        ? expect(r.pod.tolerations.map((t: any) => t.key)).toEqual([
            'node-role.kubernetes.io/control-plane',
            'node-role.kubernetes.io/master',
          ])
        : none(r.pod.tolerations),
  },
  'PatternPodOptions.topologySpread': { documented: '- none', renders: (r) => none(r.pod.topologySpreadConstraints) },
  'PatternPodOptions.podAnnotations': { documented: '- none', renders: (r) => none(r.template.metadata.annotations) },
  'PatternPodOptions.bindLowPorts': {
    documented: '- false: no sysctl rendered',
    renders: (r) => none(r.pod.securityContext.sysctls),
  },
  'PatternPodOptions.priorityClassName': {
    documented: "- the cluster's default priority",
    renders: (r) => none(r.pod.priorityClassName),
  },

  // AdoptionOptions
  'AdoptionOptions.selector': {
    documented: '- name, instance and component (`app.kubernetes.io/*`)',
    renders: (r) =>
      JOBS.includes(r.pattern)
        ? none(r.pattern === 'BatchJob' ? r.workload.spec.selector : r.workload.spec.jobTemplate.spec.selector)
        : expect(r.workload.spec.selector).toEqual({
            matchLabels: {
              'app.kubernetes.io/name': NAME,
              'app.kubernetes.io/instance': NAME,
              'app.kubernetes.io/component': componentOf[r.pattern],
            },
          }),
  },
  'AdoptionOptions.workloadName': {
    documented: "- the pattern's name",
    renders: (r) => expect(r.workload.metadata.name).toBe(NAME),
  },

  // PatternServiceAccount: serviceAccount: {}
  'PatternServiceAccount.name': {
    documented: "- the pattern's name",
    patterns: ALL,
    props: () => ({ serviceAccount: {} }),
    renders: (r) => {
      expect(r.pod.serviceAccountName).toBe(NAME);
      expect(r.find('ServiceAccount')).toBeDefined();
    },
  },
  'PatternServiceAccount.create': {
    documented: 'true',
    patterns: ALL,
    props: () => ({ serviceAccount: {} }),
    renders: (r) => expect(r.find('ServiceAccount')).toMatchObject({ automountServiceAccountToken: false }),
  },

  // TopologySpread: topologySpread: [{}]
  'TopologySpread.topologyKey': {
    documented: "'kubernetes.io/hostname'",
    patterns: ALL,
    props: () => ({ topologySpread: [{}] }),
    renders: (r) => expect(r.pod.topologySpreadConstraints[0].topologyKey).toBe('kubernetes.io/hostname'),
  },
  'TopologySpread.maxSkew': {
    documented: '1',
    patterns: ALL,
    props: () => ({ topologySpread: [{}] }),
    renders: (r) => expect(r.pod.topologySpreadConstraints[0].maxSkew).toBe(1),
  },
  'TopologySpread.whenUnsatisfiable': {
    documented: "'ScheduleAnyway'",
    patterns: ALL,
    props: () => ({ topologySpread: [{}] }),
    renders: (r) => expect(r.pod.topologySpreadConstraints[0].whenUnsatisfiable).toBe('ScheduleAnyway'),
  },

  // PatternMount: mounts: [{ path, volume }]
  'PatternMount.readOnly': {
    documented: '- read-write: no `readOnly` rendered',
    patterns: ALL,
    props: (s) => ({ mounts: [{ path: '/cache', volume: kplus.Volume.fromEmptyDir(s, 'cache', 'cache') }] }),
    renders: (r) => expect(r.container.volumeMounts).toContainEqual({ mountPath: '/cache', name: 'cache' }),
  },
  'PatternMount.subPath': {
    documented: "- the volume's root",
    patterns: ALL,
    props: (s) => ({ mounts: [{ path: '/cache', volume: kplus.Volume.fromEmptyDir(s, 'cache', 'cache') }] }),
    renders: (r) =>
      expect(r.container.volumeMounts.find((m: any) => m.mountPath === '/cache')).not.toHaveProperty('subPath'),
  },

  // PatternLifecycle: lifecycle: {}
  'PatternLifecycle.postStart': {
    documented: '- none',
    patterns: ALL,
    props: () => ({ lifecycle: {} }),
    renders: (r) => none(r.container.lifecycle?.postStart),
  },
  'PatternLifecycle.preStop': {
    documented: '- none',
    patterns: ALL,
    props: () => ({ lifecycle: {} }),
    renders: (r) => none(r.container.lifecycle?.preStop),
  },

  // PatternCapabilities: capabilities: { add }
  'PatternCapabilities.reason': {
    documented: '- none',
    patterns: ALL,
    props: () => ({ capabilities: { add: ['NET_BIND_SERVICE'] } }),
    renders: (r) => {
      expect(r.container.securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] });
      expect(Policy.relaxationsOf(r.construct).map((x) => x.rule)).not.toContain('policy/capabilities');
    },
  },

  // ConnectOptions: connectTo(endpoint)
  'ConnectOptions.envPrefix': {
    documented: "- the endpoint's name in UPPER_SNAKE_CASE (`user-db` gives `USER_DB`)",
    patterns: ALL,
    after: (p, s) => p.connectTo(new WebService(s, 'user-db', { image: IMAGE })),
    renders: (r) =>
      expect(r.container.env.map((e: any) => e.name)).toEqual(['USER_DB_HOST', 'USER_DB_PORT', 'USER_DB_ADDR']),
  },

  // WebServiceProps
  'WebServiceProps.port': {
    documented: '8080',
    renders: (r) => {
      expect(r.container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
      expect(r.find('Service').spec.ports[0].targetPort).toBe(8080);
    },
  },
  'WebServiceProps.portName': {
    documented: "'http'",
    renders: (r) => expect(r.find('Service').spec.ports[0].name).toBe('http'),
  },
  'WebServiceProps.servicePort': {
    documented: '80',
    renders: (r) => expect(r.find('Service').spec.ports[0].port).toBe(80),
  },
  'WebServiceProps.extraPorts': {
    documented: '- none',
    renders: (r) => expect(r.find('Service').spec.ports).toHaveLength(1),
  },
  'WebServiceProps.replicas': { documented: '2', renders: (r) => expect(r.workload.spec.replicas).toBe(2) },
  'WebServiceProps.exposure': {
    documented: 'Exposure.internal()',
    renders: (r) => {
      expect(r.find('Service').spec.type).toBe('ClusterIP');
      none(r.find('Ingress'));
    },
  },
  'WebServiceProps.additionalServices': {
    documented: '- none',
    renders: (r) => expect(r.manifests.filter((m) => m.kind === 'Service')).toHaveLength(1),
  },
  'WebServiceProps.serviceSelector': {
    documented: "- the pattern's pod selector",
    renders: (r) => expect(r.find('Service').spec.selector).toEqual(r.workload.spec.selector.matchLabels),
  },
  'WebServiceProps.healthPath': {
    documented: "'/healthz'",
    renders: (r) => {
      expect(r.container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(r.container.readinessProbe.httpGet.path).toBe('/healthz');
    },
  },
  'WebServiceProps.liveness': {
    documented: '- HTTP GET `healthPath` on the container port (gRPC health on a `grpc` port), every 10 s, after 10 s',
    renders: (r) =>
      expect(r.container.livenessProbe).toEqual({
        httpGet: { path: '/healthz', port: 'http' },
        periodSeconds: 10,
        initialDelaySeconds: 10,
        failureThreshold: 3,
      }),
  },
  'WebServiceProps.readiness': {
    documented: '- HTTP GET `healthPath` on the container port (gRPC health on a `grpc` port), every 5 s',
    renders: (r) =>
      expect(r.container.readinessProbe).toEqual({
        httpGet: { path: '/healthz', port: 'http' },
        periodSeconds: 5,
        failureThreshold: 3,
      }),
  },
  'WebServiceProps.autoscaling': {
    documented: '- no autoscaler',
    renders: (r) => {
      none(r.find('HorizontalPodAutoscaler'));
      expect(r.workload.spec.replicas).toBe(2);
    },
  },
  'WebServiceProps.maxUnavailable': {
    documented: '1',
    renders: (r) => expect(r.find('PodDisruptionBudget').spec.maxUnavailable).toBe(1),
  },
  'WebServiceProps.maxSurge': {
    documented: "'25%'",
    renders: (r) => expect(r.workload.spec.strategy.rollingUpdate.maxSurge).toBe('25%'),
  },
  'WebServiceProps.updateStrategy': {
    documented: "- { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: 0 }",
    renders: (r) =>
      expect(r.workload.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
      }),
  },

  // WebServiceAutoscaling: autoscaling: { maxReplicas }
  'WebServiceAutoscaling.minReplicas': {
    documented: '2',
    patterns: ['WebService'],
    props: () => ({ autoscaling: { maxReplicas: 5 } }),
    renders: (r) => {
      expect(r.find('HorizontalPodAutoscaler').spec.minReplicas).toBe(2);
      expect(r.workload.spec).not.toHaveProperty('replicas');
    },
  },
  'WebServiceAutoscaling.cpuUtilization': {
    documented: '70',
    patterns: ['WebService'],
    props: () => ({ autoscaling: { maxReplicas: 5 } }),
    renders: (r) =>
      expect(r.find('HorizontalPodAutoscaler').spec.metrics).toEqual([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ]),
  },

  // PatternPort: extraPorts: [{ name, port }]
  'PatternPort.servicePort': {
    documented: '- the same as `port`',
    patterns: ['WebService', 'StatefulService'],
    props: () => ({ extraPorts: [{ name: 'metrics', port: 9090 }] }),
    renders: (r) => expect(r.find('Service').spec.ports[1]).toEqual({ name: 'metrics', port: 9090, targetPort: 9090 }),
  },
  'PatternPort.protocol': {
    documented: "- no `protocol` rendered: the API server's default, TCP",
    patterns: ['WebService', 'StatefulService'],
    props: () => ({ extraPorts: [{ name: 'metrics', port: 9090 }] }),
    renders: (r) => {
      expect(r.container.ports[1]).toEqual({ containerPort: 9090, name: 'metrics' });
      expect(r.find('Service').spec.ports[1]).not.toHaveProperty('protocol');
    },
  },

  // AdditionalService: additionalServices: [{ name, exposure }]
  'AdditionalService.ports': {
    documented: "- every port of the pattern's Service: `port` and `extraPorts`",
    patterns: ['WebService'],
    props: () => ({
      extraPorts: [{ name: 'metrics', port: 9090 }],
      additionalServices: [{ name: 'app-lb', exposure: Exposure.loadBalancer() }],
    }),
    renders: (r) =>
      expect(r.find('Service', 'app-lb').spec.ports.map((p: any) => p.name)).toEqual(
        r.find('Service').spec.ports.map((p: any) => p.name),
      ),
  },

  // IngressExposureOptions: exposure: Exposure.ingress({ host })
  'IngressExposureOptions.path': {
    documented: "'/'",
    patterns: ['WebService'],
    props: () => ({ exposure: Exposure.ingress({ host: 'shop.example.com' }) }),
    renders: (r) => expect(r.find('Ingress').spec.rules[0].http.paths[0].path).toBe('/'),
  },
  'IngressExposureOptions.className': {
    documented: "- the cluster's default IngressClass",
    patterns: ['WebService'],
    props: () => ({ exposure: Exposure.ingress({ host: 'shop.example.com' }) }),
    renders: (r) => expect(r.find('Ingress').spec).not.toHaveProperty('ingressClassName'),
  },
  'IngressExposureOptions.tlsSecretName': {
    documented: '- no TLS',
    patterns: ['WebService'],
    props: () => ({ exposure: Exposure.ingress({ host: 'shop.example.com' }) }),
    renders: (r) => expect(r.find('Ingress').spec).not.toHaveProperty('tls'),
  },

  // DeploymentUpdate: updateStrategy: { type: 'RollingUpdate' }
  'DeploymentUpdate.maxSurge': {
    documented: "'25%'",
    patterns: ['WebService', 'Worker'],
    props: () => ({ updateStrategy: { type: 'RollingUpdate' } }),
    renders: (r) => expect(r.workload.spec.strategy.rollingUpdate.maxSurge).toBe('25%'),
  },
  'DeploymentUpdate.maxUnavailable': {
    documented: "0 for a WebService, '25%' for a Worker",
    patterns: ['WebService', 'Worker'],
    props: () => ({ updateStrategy: { type: 'RollingUpdate' } }),
    renders: (r) =>
      expect(r.workload.spec.strategy.rollingUpdate.maxUnavailable).toBe(r.pattern === 'WebService' ? 0 : '25%'),
  },

  // StatefulSetUpdate: updateStrategy: { type: 'RollingUpdate' }
  'StatefulSetUpdate.partition': {
    documented: '0',
    patterns: ['StatefulService'],
    props: () => ({ updateStrategy: { type: 'RollingUpdate' } }),
    renders: (r) =>
      expect(r.workload.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } }),
  },

  // StatefulServiceProps
  'StatefulServiceProps.portName': {
    documented: "'tcp'",
    renders: (r) => {
      expect(r.container.ports).toEqual([{ containerPort: 6379, name: 'tcp' }]);
      expect(r.find('Service').spec.ports).toEqual([{ name: 'tcp', port: 6379, targetPort: 6379 }]);
    },
  },
  'StatefulServiceProps.replicas': { documented: '1', renders: (r) => expect(r.workload.spec.replicas).toBe(1) },
  'StatefulServiceProps.resources': {
    documented:
      '- DEFAULT_STATEFUL_RESOURCES: cpu 250m request / 1000m limit, memory 512Mi request / 1024Mi (1Gi) limit',
    renders: (r) =>
      expect(r.container.resources).toEqual({
        requests: { cpu: '250m', memory: '512Mi' },
        limits: { cpu: '1000m', memory: '1024Mi' },
      }),
  },
  'StatefulServiceProps.storageClassName': {
    documented: "- the cluster's default StorageClass",
    renders: (r) => expect(r.workload.spec.volumeClaimTemplates[0].spec).not.toHaveProperty('storageClassName'),
  },
  'StatefulServiceProps.liveness': { documented: '- none', renders: (r) => none(r.container.livenessProbe) },
  'StatefulServiceProps.readiness': {
    documented: '- TCP connect to the port, every 5 s',
    renders: (r) =>
      expect(r.container.readinessProbe).toEqual({ tcpSocket: { port: 'tcp' }, periodSeconds: 5, failureThreshold: 3 }),
  },
  'StatefulServiceProps.extraPorts': {
    documented: '- none',
    renders: (r) => expect(r.find('Service').spec.ports).toHaveLength(1),
  },
  'StatefulServiceProps.peerPorts': { documented: '- none', renders: (r) => expect(r.container.ports).toHaveLength(1) },
  'StatefulServiceProps.volumeClaimTemplateName': {
    documented: "'data'",
    renders: (r) => {
      expect(r.workload.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
      expect(r.container.volumeMounts).toContainEqual({ mountPath: '/data', name: 'data' });
    },
  },
  'StatefulServiceProps.updateStrategy': {
    documented: "- { type: 'RollingUpdate', partition: 0 }",
    renders: (r) =>
      expect(r.workload.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } }),
  },
  'StatefulServiceProps.parallel': {
    documented: "- false: one by one, in order (Kubernetes' `OrderedReady`; no `podManagementPolicy` rendered)",
    renders: (r) => expect(r.workload.spec).not.toHaveProperty('podManagementPolicy'),
  },

  // WorkerProps (built with exec probes: without a port it needs them)
  'WorkerProps.replicas': { documented: '1', renders: (r) => expect(r.workload.spec.replicas).toBe(1) },
  'WorkerProps.ports': { documented: '- none', renders: (r) => none(r.container.ports) },
  'WorkerProps.liveness': {
    documented: '- TCP connect to the first port; required when there is no port',
    props: () => ({ ports: [{ name: 'http', port: 8080 }], liveness: undefined, readiness: undefined }),
    renders: (r) => expect(r.container.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, failureThreshold: 3 }),
  },
  'WorkerProps.readiness': {
    documented: '- TCP connect to the first port; required when there is no port',
    props: () => ({ ports: [{ name: 'http', port: 8080 }], liveness: undefined, readiness: undefined }),
    renders: (r) => expect(r.container.readinessProbe).toEqual({ tcpSocket: { port: 'http' }, failureThreshold: 3 }),
  },
  'WorkerProps.updateStrategy': {
    documented: "- { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }",
    renders: (r) =>
      expect(r.workload.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      }),
  },

  // NodeAgentProps (built with a port: without one it needs a health check)
  'NodeAgentProps.hostPaths': {
    documented: '- none',
    renders: (r) => expect(r.pod.volumes.filter((v: any) => v.hostPath)).toEqual([]),
  },
  'NodeAgentProps.tolerateControlPlane': {
    documented: 'true',
    renders: (r) =>
      expect(r.pod.tolerations).toEqual([
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
      ]),
  },
  'NodeAgentProps.port': {
    documented: '- none',
    props: () => ({ port: undefined, healthCheck: Probes.exec(['true']) }),
    renders: (r) => none(r.container.ports),
  },
  'NodeAgentProps.healthCheck': {
    documented: '- TCP connect to `port`; required when there is no port',
    renders: (r) => {
      expect(r.container.ports).toEqual([{ containerPort: 9100, name: 'http' }]);
      expect(r.container.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, failureThreshold: 3 });
      expect(r.container.readinessProbe).toEqual({ tcpSocket: { port: 'http' }, failureThreshold: 3 });
    },
  },

  // HostPathMount: hostPaths: [{ hostPath, reason }]
  'HostPathMount.mountPath': {
    documented: '- the same path as on the node',
    patterns: ['NodeAgent'],
    props: () => ({ hostPaths: [{ hostPath: '/var/log', reason: 'reads the container logs of the node' }] }),
    renders: (r) => expect(mountPaths(r)).toContain('/var/log'),
  },
  'HostPathMount.readOnly': {
    documented: 'true',
    patterns: ['NodeAgent'],
    props: () => ({ hostPaths: [{ hostPath: '/var/log', reason: 'reads the container logs of the node' }] }),
    renders: (r) => expect(r.container.volumeMounts.find((m: any) => m.mountPath === '/var/log').readOnly).toBe(true),
  },

  // JobOptions
  'JobOptions.backoffLimit': { documented: '3', renders: (r) => expect(jobSpec(r).backoffLimit).toBe(3) },
  'JobOptions.activeDeadline': {
    documented: 'Duration.hours(1)',
    renders: (r) => expect(jobSpec(r).activeDeadlineSeconds).toBe(3600),
  },
  'JobOptions.ttlAfterFinished': {
    documented: 'Duration.days(1)',
    renders: (r) =>
      r.pattern === 'BatchJob'
        ? expect(r.workload.spec.ttlSecondsAfterFinished).toBe(86400)
        : expect(jobSpec(r)).not.toHaveProperty('ttlSecondsAfterFinished'), // a ScheduledJob keeps its history
  },
  'JobOptions.restartPolicy': {
    documented: 'kplus.RestartPolicy.NEVER',
    renders: (r) => expect(r.pod.restartPolicy).toBe('Never'),
  },

  // ScheduledJobProps
  'ScheduledJobProps.timeZone': {
    documented: "- the controller's time zone (usually UTC)",
    renders: (r) => expect(r.workload.spec).not.toHaveProperty('timeZone'),
  },
  'ScheduledJobProps.concurrencyPolicy': {
    documented: 'kplus.ConcurrencyPolicy.FORBID',
    renders: (r) => expect(r.workload.spec.concurrencyPolicy).toBe('Forbid'),
  },
  'ScheduledJobProps.startingDeadline': {
    documented: 'Duration.minutes(5)',
    renders: (r) => expect(r.workload.spec.startingDeadlineSeconds).toBe(300),
  },
  'ScheduledJobProps.history': {
    documented: '- 3 successful and 1 failed',
    renders: (r) => expect(r.workload.spec).toMatchObject({ successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 }),
  },
  'ScheduledJobProps.suspend': {
    documented: "- false: runs on schedule (no `suspend` rendered, Kubernetes' false)",
    renders: (r) => expect(r.workload.spec).not.toHaveProperty('suspend'),
  },

  // JobHistory: history: {}
  'JobHistory.successful': {
    documented: '3',
    patterns: ['ScheduledJob'],
    props: () => ({ history: {} }),
    renders: (r) => expect(r.workload.spec.successfulJobsHistoryLimit).toBe(3),
  },
  'JobHistory.failed': {
    documented: '1',
    patterns: ['ScheduledJob'],
    props: () => ({ history: {} }),
    renders: (r) => expect(r.workload.spec.failedJobsHistoryLimit).toBe(1),
  },

  // IsolationOptions: AppNetwork.isolate(chart), for a WebService behind an Ingress
  'IsolationOptions.ingressControllerNamespace': {
    documented: '- Ingress-exposed pods accept traffic from anywhere (0.0.0.0/0), like LoadBalancer ones',
    patterns: ['WebService'],
    props: () => ({ exposure: Exposure.ingress({ host: 'shop.example.com' }) }),
    after: (_p, s) => AppNetwork.isolate(s),
    renders: (r) =>
      expect(r.find('NetworkPolicy', `allow-outside-to-${NAME}`).spec.ingress[0].from).toEqual([
        { ipBlock: { cidr: '0.0.0.0/0' } },
      ]),
  },
  'IsolationOptions.egress': {
    documented: '- none: only DNS and the Services given with `connectTo`',
    patterns: ['WebService'],
    after: (_p, s) => AppNetwork.isolate(s),
    renders: (r) =>
      expect(r.manifests.filter((m) => m.kind === 'NetworkPolicy').map((m) => m.metadata.name)).toEqual([
        'kubecraft-default-deny',
        'kubecraft-allow-dns',
      ]),
  },

  // EgressCidr: AppNetwork.isolate(chart, { egress: [{ cidr }] })
  'EgressCidr.except': {
    documented: '- none',
    patterns: ['WebService'],
    after: (_p, s) => AppNetwork.isolate(s, { egress: [{ cidr: '10.0.0.0/8' }] }),
    renders: (r) =>
      expect(r.find('NetworkPolicy', 'kubecraft-allow-egress').spec.egress[0].to).toEqual([
        { ipBlock: { cidr: '10.0.0.0/8' } },
      ]),
  },
  'EgressCidr.ports': {
    documented: '- every port',
    patterns: ['WebService'],
    after: (_p, s) => AppNetwork.isolate(s, { egress: [{ cidr: '10.0.0.0/8' }] }),
    renders: (r) =>
      expect(r.find('NetworkPolicy', 'kubecraft-allow-egress').spec.egress[0]).not.toHaveProperty('ports'),
  },
};

/** The spec of the Job (a CronJob's job template). */
function jobSpec(r: Rendered): any {
  return r.pattern === 'ScheduledJob' ? r.workload.spec.jobTemplate.spec : r.workload.spec;
}

/** The nested option interfaces whose optional props have rows, and the pattern props interfaces. */
const NESTED = [
  'PatternServiceAccount',
  'TopologySpread',
  'PatternMount',
  'PatternLifecycle',
  'PatternCapabilities',
  'ConnectOptions',
  'WebServiceAutoscaling',
  'PatternPort',
  'AdditionalService',
  'IngressExposureOptions',
  'DeploymentUpdate',
  'StatefulSetUpdate',
  'HostPathMount',
  'JobHistory',
  'IsolationOptions',
  'EgressCidr',
];

/** An optional prop of an interface and its `@default` tag, read from the sources. */
interface DocumentedProp {
  /** `<declaring interface>.<prop>`, the row key. */
  readonly key: string;
  readonly prop: string;
  readonly documented: string | undefined;
}

/** The optional props of the interfaces (and type aliases) `names` of lib/patterns, by name. */
function documentedProps(names: readonly string[]): Map<string, DocumentedProp[]> {
  const dir = path.join(__dirname, '../../lib/patterns');
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const found = new Map<string, DocumentedProp[]>();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(dir)) continue;
    ts.forEachChild(sf, (node) => {
      if (!(ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))) return;
      if (!names.includes(node.name.text)) return;
      const type = checker.getTypeAtLocation(node.name);
      const props: DocumentedProp[] = [];
      for (const member of type.isUnion() ? type.types : [type]) {
        for (const symbol of checker.getPropertiesOfType(member)) {
          if (!(symbol.flags & ts.SymbolFlags.Optional)) continue;
          const decl = symbol.declarations![0];
          const owner = ts.isInterfaceDeclaration(decl.parent) ? decl.parent.name.text : node.name.text;
          const tag = ts.getJSDocTags(decl).find((t) => t.tagName.text === 'default');
          props.push({
            key: `${owner}.${symbol.name}`,
            prop: symbol.name,
            documented: tag ? ts.getTextOfJSDocComment(tag.comment) : undefined,
          });
        }
      }
      found.set(node.name.text, props);
    });
  }
  for (const n of names) if (!found.has(n)) throw new Error(`no interface ${n} in lib/patterns`);
  return found;
}

const DOCUMENTED = documentedProps([...ALL.map((p) => PATTERNS[p].props), ...NESTED]);

/** Every (pattern, row) to check: a pattern's own props, and the nested rows' patterns. */
const CASES: [PatternName, string][] = [
  ...ALL.flatMap((p) => DOCUMENTED.get(PATTERNS[p].props)!.map((d): [PatternName, string] => [p, d.key])),
  ...NESTED.flatMap((n) =>
    DOCUMENTED.get(n)!.flatMap((d) => (ROWS[d.key]?.patterns ?? []).map((p): [PatternName, string] => [p, d.key])),
  ),
];

const renderings = new Map<string, Rendered>();

/** `pattern` built with its required props and `row`'s, rendered and validated (cached when the row adds nothing). */
function render(pattern: PatternName, row: Row): Rendered {
  const shared = !row.props && !row.after;
  const cached = shared ? renderings.get(pattern) : undefined;
  if (cached) return cached;
  const chart = chartIn();
  const construct = PATTERNS[pattern].build(chart, row.props?.(chart) ?? {});
  row.after?.(construct, chart);
  const manifests = valid(chart);
  const find = (kind: string, name = NAME) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const workload: any = find(WORKLOAD_KIND[pattern]);
  const template = pattern === 'ScheduledJob' ? workload.spec.jobTemplate.spec.template : workload.spec.template;
  const pod = template.spec;
  const rendered: Rendered = {
    pattern,
    construct,
    manifests,
    workload,
    template,
    pod,
    container: pod.containers.find((c: any) => c.name === NAME),
    find,
  };
  if (shared) renderings.set(pattern, rendered);
  return rendered;
}

describe('every documented default of a pattern prop is what renders', () => {
  test('every optional prop has a row quoting its @default, and every row is a prop', () => {
    const documented = new Map<string, string | undefined>();
    for (const props of DOCUMENTED.values()) for (const d of props) documented.set(d.key, d.documented);
    const missing = [...documented.keys()].filter((k) => !(k in ROWS));
    const stale = Object.keys(ROWS).filter((k) => !documented.has(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    const differing = [...documented]
      .filter(([k, doc]) => ROWS[k].documented !== doc)
      .map(([k, doc]) => `${k}: ${doc}`);
    expect(differing).toEqual([]);
  });

  test('a nested object has rows for the patterns that take it', () => {
    for (const n of NESTED)
      for (const d of DOCUMENTED.get(n)!) expect([d.key, ROWS[d.key]?.patterns?.length ?? 0]).not.toEqual([d.key, 0]);
  });

  test.each(CASES)('%s: %s', (pattern, key) => {
    const row = ROWS[key];
    row.renders(render(pattern, row));
  });
});

describe('defaults said out loud', () => {
  test('StatefulService: 512Mi/1Gi, a readiness probe, no liveness probe (relaxed with its reason)', () => {
    const chart = chartIn();
    const db = new StatefulService(chart, 'db', {
      image: 'postgres:16.1',
      port: 5432,
      storage: Size.gibibytes(1),
      dataPath: '/var/lib/postgresql/data',
      user: 999,
    });
    const c = spec(get(valid(chart), 'StatefulSet', 'db')).containers[0];
    expect(c.resources).toEqual({
      limits: { cpu: '1000m', memory: '1024Mi' },
      requests: { cpu: '250m', memory: '512Mi' },
    });
    expect(c.livenessProbe).toBeUndefined();
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'tcp' });
    expect(Policy.relaxationsOf(db.statefulSet).map((r) => r.rule)).toEqual(['policy/probes']);
  });
});
