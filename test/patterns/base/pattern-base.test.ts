import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AppNetwork,
  BatchJob,
  BatchJobProps,
  Exposure,
  NodeAgent,
  NodeAgentProps,
  Probes,
  ScheduledJob,
  ScheduledJobProps,
  StatefulService,
  StatefulServiceProps,
  WebService,
  WebServiceProps,
  Worker,
  WorkerProps,
} from '../../../lib';
import { PatternBase } from '../../../lib/patterns/base/pattern-base';
import { DEFAULT_PATTERN_USER } from '../../../lib/patterns/pattern-container';
import { synth } from '../../support/manifests';
import { chartIn, get, valid } from '../support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const DB: StatefulServiceProps = { image: 'redis:7.2.3', port: 6379, storage: Size.gibibytes(1), dataPath: '/data' };

/** Each pattern, built from its smallest valid props plus `extra`. */
const PATTERNS: Record<string, (scope: Construct, extra: object) => PatternBase> = {
  WebService: (s, extra) => new WebService(s, 'app', { image: IMAGE, ...extra }),
  StatefulService: (s, extra) => new StatefulService(s, 'app', { ...DB, ...extra }),
  NodeAgent: (s, extra) => new NodeAgent(s, 'app', { image: IMAGE, port: 9100, ...extra }),
  BatchJob: (s, extra) => new BatchJob(s, 'app', { image: IMAGE, ...extra }),
  ScheduledJob: (s, extra) => new ScheduledJob(s, 'app', { image: IMAGE, schedule: '@daily', ...extra }),
};

describe('PatternBase: one identity, one selector, one security context for every pattern', () => {
  test.each(Object.keys(PATTERNS))('%s takes name, instance, component and partOf', (pattern) => {
    const chart = chartIn();
    const p = PATTERNS[pattern](chart, { name: 'shop-app', instance: 'shop-eu', component: 'core', partOf: 'shop' });
    expect(p.labels).toEqual({
      'app.kubernetes.io/name': 'shop-app',
      'app.kubernetes.io/instance': 'shop-eu',
      'app.kubernetes.io/component': 'core',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'kubecraft',
    });
    expect(p.podSelector).toEqual({
      'app.kubernetes.io/name': 'shop-app',
      'app.kubernetes.io/instance': 'shop-eu',
      'app.kubernetes.io/component': 'core',
    });
    const workloads = synth(chart).filter((m) => m.metadata.name === 'shop-app' && m.kind !== 'Service');
    expect(workloads.length).toBeGreaterThan(0);
    for (const m of workloads) expect(m.metadata.labels).toEqual(p.labels);
  });

  test.each(Object.keys(PATTERNS))('%s runs as DEFAULT_PATTERN_USER unless told otherwise', (pattern) => {
    const chart = chartIn();
    PATTERNS[pattern](chart, {});
    const workload = synth(chart).find((m) => m.metadata.name === 'app' && m.kind !== 'Service' && 'spec' in m)!;
    const json = JSON.stringify(workload);
    expect(json).toContain(`"runAsUser":${DEFAULT_PATTERN_USER}`);
    expect(json).toContain(`"fsGroup":${DEFAULT_PATTERN_USER}`);
  });

  test.each(['BatchJob', 'ScheduledJob'])(
    '%s selects its pods (for connectTo) by the selector labels, not by all labels',
    (pattern) => {
      const chart = chartIn();
      const api = new WebService(chart, 'api', { image: IMAGE });
      const job = PATTERNS[pattern](chart, { partOf: 'shop' });
      job.connectTo(api);
      AppNetwork.isolate(chart);
      const m = valid(chart);
      const expected = {
        'app.kubernetes.io/name': 'app',
        'app.kubernetes.io/instance': 'app',
        'app.kubernetes.io/component': 'batch',
      };
      expect(job.podSelector).toEqual(expected);
      expect(get(m, 'NetworkPolicy', 'allow-app-egress-to-api').spec.podSelector.matchLabels).toEqual(expected);
      expect(get(m, 'NetworkPolicy', 'allow-app-to-api').spec.ingress[0].from[0].podSelector.matchLabels).toEqual(
        expected,
      );
    },
  );

  test('NodeAgent connects too (connectTo is on the base)', () => {
    const chart = chartIn();
    const api = new WebService(chart, 'api', { image: IMAGE });
    const agent = new NodeAgent(chart, 'agent', { image: IMAGE, port: 9100 });
    agent.connectTo(api);
    expect(get(valid(chart), 'DaemonSet', 'agent').spec.template.spec.containers[0].env).toContainEqual({
      name: 'API_HOST',
      value: 'api.shop.svc.cluster.local',
    });
  });
});

/** The optional keys of `T`. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/** Every optional prop of `T`; the compiler fails this file when a pattern gains one not listed here. */
type EveryOptional<T> = Record<OptionalKeys<T>, true>;

const PATTERN_PROPS = {
  name: true,
  instance: true,
  component: true,
  partOf: true,
  serviceAccount: true,
  automountServiceAccountToken: true,
  terminationGracePeriod: true,
  imagePullSecrets: true,
  initContainers: true,
  sidecars: true,
  nodeSelector: true,
  nodeAffinity: true,
  tolerations: true,
  topologySpread: true,
  priorityClassName: true,
  selector: true,
  workloadName: true,
  podAnnotations: true,
  extraContainers: true,
  bindLowPorts: true,
} as const;
const CONTAINER_PROPS = {
  command: true,
  args: true,
  env: true,
  envFrom: true,
  files: true,
  resources: true,
  user: true,
  writablePaths: true,
  mounts: true,
  containerName: true,
  imagePullPolicy: true,
  lifecycle: true,
  startup: true,
  capabilities: true,
  runAsRootReason: true,
  writableRootFilesystemReason: true,
  readOnlyRootFilesystem: true,
} as const;
const JOB_PROPS = {
  ...PATTERN_PROPS,
  ...CONTAINER_PROPS,
  backoffLimit: true,
  activeDeadline: true,
  ttlAfterFinished: true,
  restartPolicy: true,
} as const;

const WEB: EveryOptional<WebServiceProps> = {
  ...PATTERN_PROPS,
  ...CONTAINER_PROPS,
  port: true,
  servicePort: true,
  replicas: true,
  exposure: true,
  healthPath: true,
  liveness: true,
  readiness: true,
  autoscaling: true,
  maxUnavailable: true,
  maxSurge: true,
  portName: true,
  extraPorts: true,
  additionalServices: true,
  serviceSelector: true,
  updateStrategy: true,
};
const STATEFUL: EveryOptional<StatefulServiceProps> = {
  ...PATTERN_PROPS,
  ...CONTAINER_PROPS,
  portName: true,
  replicas: true,
  storageClassName: true,
  liveness: true,
  readiness: true,
  extraPorts: true,
  peerPorts: true,
  volumeClaimTemplateName: true,
  updateStrategy: true,
  parallel: true,
};
const AGENT: EveryOptional<NodeAgentProps> = {
  ...PATTERN_PROPS,
  ...CONTAINER_PROPS,
  hostPaths: true,
  tolerateControlPlane: true,
  port: true,
  healthCheck: true,
};
const WORKER: EveryOptional<WorkerProps> = {
  ...PATTERN_PROPS,
  ...CONTAINER_PROPS,
  replicas: true,
  ports: true,
  liveness: true,
  readiness: true,
  updateStrategy: true,
};
const BATCH: EveryOptional<BatchJobProps> = JOB_PROPS;
const SCHEDULED: EveryOptional<ScheduledJobProps> = {
  ...JOB_PROPS,
  timeZone: true,
  concurrencyPolicy: true,
  startingDeadline: true,
  history: true,
  suspend: true,
};

/** The synthesized chart, or the error building it. */
function outcome(build: (scope: Construct) => void): string {
  const chart = chartIn();
  try {
    build(chart);
    return JSON.stringify(synth(chart));
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

/** Removes `key` from `props`. */
function without<T extends object>(props: T, key: string): T {
  const copy = { ...props } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}

describe('an explicit undefined means the default, as CDK users expect', () => {
  const cases: [string, object, Record<string, true>, (scope: Construct, props: never) => void][] = [
    ['WebService', { image: IMAGE }, WEB, (s, p: WebServiceProps) => new WebService(s, 'app', p)],
    ['StatefulService', DB, STATEFUL, (s, p: StatefulServiceProps) => new StatefulService(s, 'app', p)],
    [
      'NodeAgent',
      { image: IMAGE, port: 9100, healthCheck: Probes.tcpSocket({ port: 9100 }) },
      AGENT,
      (s, p: NodeAgentProps) => new NodeAgent(s, 'app', p),
    ],
    [
      'Worker',
      { image: IMAGE, ports: [{ name: 'metrics', port: 9100 }] },
      WORKER,
      (s, p: WorkerProps) => new Worker(s, 'app', p),
    ],
    ['BatchJob', { image: IMAGE }, BATCH, (s, p: BatchJobProps) => new BatchJob(s, 'app', p)],
    [
      'ScheduledJob',
      { image: IMAGE, schedule: '@daily' },
      SCHEDULED,
      (s, p: ScheduledJobProps) => new ScheduledJob(s, 'app', p),
    ],
  ];
  const rows = cases.flatMap(([pattern, required, optional, build]) =>
    Object.keys(optional).map((prop) => [pattern, prop, required, build] as const),
  );

  test.each(rows)('%s: %s: undefined gives the same output as omitted', (_pattern, prop, required, build) => {
    const omitted = outcome((s) => build(s, without(required, prop) as never));
    const explicit = outcome((s) => build(s, { ...required, [prop]: undefined } as never));
    expect(explicit).toEqual(omitted);
  });

  test.each(Object.keys(PATTERNS))('%s: every optional prop undefined at once gives the defaults', (pattern) => {
    const all = cases.find(([name]) => name === pattern)!;
    const [, required, optional, build] = all;
    const undefinedProps = Object.fromEntries(
      Object.keys(optional)
        .filter((k) => !(k in required))
        .map((k) => [k, undefined]),
    );
    const omitted = outcome((s) => build(s, required as never));
    expect(outcome((s) => build(s, { ...required, ...undefinedProps } as never))).toEqual(omitted);
    expect(omitted).not.toMatch(/^error/);
  });

  test('nested options: autoscaling, history, ingress exposure, health checks', () => {
    const web = (extra: Partial<WebServiceProps>) =>
      outcome((s) => new WebService(s, 'app', { image: IMAGE, ...extra }));
    expect(web({ autoscaling: { maxReplicas: 5, minReplicas: undefined, cpuUtilization: undefined } })).toEqual(
      web({ autoscaling: { maxReplicas: 5 } }),
    );
    const ingress = { host: 'a.example.com' };
    const undefinedIngress = { ...ingress, path: undefined, className: undefined, tlsSecretName: undefined };
    expect(web({ exposure: Exposure.ingress(undefinedIngress) })).toEqual(web({ exposure: Exposure.ingress(ingress) }));
    const probe = (p: kplus.Probe) => web({ liveness: p, readiness: p });
    expect(probe(Probes.httpGet('/', { port: undefined, periodSeconds: undefined }))).toEqual(
      probe(Probes.httpGet('/')),
    );
    const job = (history: ScheduledJobProps['history']) =>
      outcome((s) => new ScheduledJob(s, 'app', { image: IMAGE, schedule: '@daily', history }));
    expect(job({ successful: undefined, failed: undefined })).toEqual(job({}));
    const agent = (hostPaths: NodeAgentProps['hostPaths']) =>
      outcome((s) => new NodeAgent(s, 'app', { image: IMAGE, port: 9100, hostPaths }));
    const reason = 'reads the node logs';
    expect(agent([{ hostPath: '/var/log', reason, mountPath: undefined, readOnly: undefined }])).toEqual(
      agent([{ hostPath: '/var/log', reason }]),
    );
    expect(
      outcome(
        (s) => new BatchJob(s, 'app', { image: IMAGE, activeDeadline: undefined, ttlAfterFinished: Duration.days(1) }),
      ),
    ).toEqual(outcome((s) => new BatchJob(s, 'app', { image: IMAGE })));
  });
});
