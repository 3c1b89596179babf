import * as fs from 'fs';
import * as path from 'path';
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AppNetwork,
  BatchJob,
  ExistingSecret,
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
} from '../../lib';
import { ConstructError } from '../../lib/core/errors';
import { chartIn } from './support';

// The throw sites of lib/patterns (`throw`, `assertValid(`, `inScope(`, `Probes.validate(`,
// `exposure.validate(`, `checkKnownProps(`, `unknownProps(`), counted per file by the test at the
// end (THROW_SITES): a new site fails it until it has a row in ROWS and the count is raised.
// A site checking several props has a row per prop. Rows marked `cdk8sPlus` are errors raised
// inside cdk8s-plus, re-thrown by `inScope` naming the pattern and the prop, the original kept as
// `cause`. Sites without a row are unreachable through the patterns' props (kept as a guard): the
// inScope around `addContainer` (base/main-container), the one around `IngressBackend.fromService`
// (exposure: the Service always has the backend's port) and the one around `Policy.relax` for host
// paths (node-agent: every host path has a checked reason). Unknown props are refused with a
// "did you mean" hint when a known name is at most 2 edits away.

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const DB: StatefulServiceProps = { image: 'redis:7.2.3', port: 6379, storage: Size.gibibytes(1), dataPath: '/data' };
const BAD_PROBE = Probes.httpGet('healthz');

const web = (props: Partial<WebServiceProps>) => (s: Construct) => new WebService(s, 'web', { image: IMAGE, ...props });
const db = (props: Partial<StatefulServiceProps>) => (s: Construct) =>
  new StatefulService(s, 'db', { ...DB, ...props });
const agent = (props: Partial<NodeAgentProps>) => (s: Construct) =>
  new NodeAgent(s, 'agent', { image: IMAGE, port: 9100, ...props });
const job = (props: object) => (s: Construct) => new BatchJob(s, 'job', { image: IMAGE, ...props });
const cron = (props: Partial<ScheduledJobProps>) => (s: Construct) =>
  new ScheduledJob(s, 'cron', { image: IMAGE, schedule: '@daily', ...props });
const worker = (props: Partial<WorkerProps>) => (s: Construct) =>
  new Worker(s, 'worker', { image: IMAGE, ports: [{ name: 'http', port: 8080 }], ...props });
/** `props` with members the props type does not have, as an app bundled without a type-check passes them. */
const untyped = <T>(props: object): Partial<T> => props as Partial<T>;

interface Row {
  /** What is wrong. */
  readonly name: string;
  /** Builds it in a chart `shop`. */
  readonly build: (chart: Construct) => unknown;
  /** The construct path the error names. */
  readonly path: string;
  /** The prop the error names. */
  readonly prop: string;
  /** Raised inside cdk8s-plus, re-thrown naming the pattern. */
  readonly cdk8sPlus?: boolean;
  /** What the hint says. */
  readonly hint?: RegExp;
}

const ROWS: Row[] = [
  // pattern-identity.ts, pattern-base.ts: every pattern
  { name: 'invalid name', build: web({ name: 'Web_App' }), path: 'shop/web', prop: 'name' },
  { name: 'invalid instance', build: job({ instance: 'a b' }), path: 'shop/job', prop: 'instance' },
  { name: 'invalid component', build: agent({ component: '-x' }), path: 'shop/agent', prop: 'component' },
  { name: 'invalid partOf', build: cron({ partOf: 'x'.repeat(64) }), path: 'shop/cron', prop: 'partOf' },
  { name: 'root user', build: db({ user: 0 }), path: 'shop/db', prop: 'user' },
  { name: 'fractional user', build: job({ user: 1.5 }), path: 'shop/job', prop: 'user' },
  {
    name: 'relative writable path',
    build: web({ writablePaths: ['tmp'] }),
    path: 'shop/web',
    prop: 'writablePaths[0]',
  },
  {
    name: 'relative file path',
    build: (s) => web({ files: [{ path: 'etc/app', from: new kplus.ConfigMap(s, 'conf') }] })(s),
    path: 'shop/web',
    prop: 'files[0].path',
  },
  // service-endpoint.ts
  {
    name: 'bad envPrefix',
    build: (s) => job({})(s).connectTo(web({})(s), { envPrefix: 'bad-prefix' }),
    path: 'shop/job',
    prop: 'connectTo.envPrefix',
  },
  // existing-secret.ts
  { name: 'no keys', build: (s) => ExistingSecret.fromName(s, 'creds', []), path: 'shop', prop: 'keys' },
  {
    name: 'no reason (External.secret)',
    build: (s) => ExistingSecret.fromName(s, 'creds', ['password'], ''),
    path: 'shop',
    prop: 'reason',
  },
  // web-service.ts
  { name: 'port 0', build: web({ port: 0 }), path: 'shop/web', prop: 'port' },
  { name: 'servicePort 70000', build: web({ servicePort: 70000 }), path: 'shop/web', prop: 'servicePort' },
  { name: 'negative replicas', build: web({ replicas: -1 }), path: 'shop/web', prop: 'replicas' },
  {
    name: 'replicas and autoscaling',
    build: web({ replicas: 3, autoscaling: { maxReplicas: 5 } }),
    path: 'shop/web',
    prop: 'replicas',
  },
  { name: 'relative healthPath', build: web({ healthPath: 'healthz' }), path: 'shop/web', prop: 'healthPath' },
  { name: 'maxSurge 120%', build: web({ maxSurge: '120%' }), path: 'shop/web', prop: 'maxSurge' },
  { name: 'invalid liveness probe', build: web({ liveness: BAD_PROBE }), path: 'shop/web', prop: 'liveness' },
  { name: 'invalid readiness probe', build: web({ readiness: BAD_PROBE }), path: 'shop/web', prop: 'readiness' },
  {
    name: 'node port 80',
    build: web({ exposure: Exposure.nodePort(80) }),
    path: 'shop/web',
    prop: 'exposure.nodePort',
  },
  {
    name: 'ingress host',
    build: web({ exposure: Exposure.ingress({ host: 'Not A Host' }) }),
    path: 'shop/web',
    prop: 'exposure.host',
  },
  {
    name: 'maxSurge 0 with maxUnavailable 0',
    build: web({ maxSurge: 0 }),
    path: 'shop/web',
    prop: 'maxSurge',
    cdk8sPlus: true,
  },
  {
    name: 'minReplicas 0',
    build: web({ autoscaling: { minReplicas: 0, maxReplicas: 3 } }),
    path: 'shop/web',
    prop: 'autoscaling.minReplicas',
  },
  {
    name: 'maxReplicas 0',
    build: web({ autoscaling: { maxReplicas: 0 } }),
    path: 'shop/web',
    prop: 'autoscaling.maxReplicas',
  },
  {
    name: 'cpuUtilization 0',
    build: web({ autoscaling: { maxReplicas: 3, cpuUtilization: 0 } }),
    path: 'shop/web',
    prop: 'autoscaling.cpuUtilization',
  },
  {
    name: 'minReplicas above maxReplicas',
    build: web({ autoscaling: { minReplicas: 5, maxReplicas: 3 } }),
    path: 'shop/web',
    prop: 'autoscaling',
    cdk8sPlus: true,
  },
  {
    name: 'ingress path without /',
    build: web({ exposure: Exposure.ingress({ host: 'a.example.com', path: 'app' }) }),
    path: 'shop/web',
    prop: 'exposure.path',
    cdk8sPlus: true,
  },
  // stateful-service.ts
  { name: 'port 0', build: db({ port: 0 }), path: 'shop/db', prop: 'port' },
  { name: 'port name too long', build: db({ portName: 'a-very-long-port-name' }), path: 'shop/db', prop: 'portName' },
  { name: 'zero replicas', build: db({ replicas: 0 }), path: 'shop/db', prop: 'replicas' },
  { name: 'relative dataPath', build: db({ dataPath: 'data' }), path: 'shop/db', prop: 'dataPath' },
  { name: 'invalid liveness probe', build: db({ liveness: BAD_PROBE }), path: 'shop/db', prop: 'liveness' },
  { name: 'invalid readiness probe', build: db({ readiness: BAD_PROBE }), path: 'shop/db', prop: 'readiness' },
  // node-agent.ts
  { name: 'port 0', build: agent({ port: 0 }), path: 'shop/agent', prop: 'port' },
  { name: 'no port and no health check', build: agent({ port: undefined }), path: 'shop/agent', prop: 'healthCheck' },
  { name: 'invalid health check', build: agent({ healthCheck: BAD_PROBE }), path: 'shop/agent', prop: 'healthCheck' },
  {
    name: 'relative host path',
    build: agent({ hostPaths: [{ hostPath: 'var/log', reason: 'reads the node logs' }] }),
    path: 'shop/agent',
    prop: 'hostPaths[0].hostPath',
  },
  {
    name: 'host path without a reason',
    build: agent({ hostPaths: [{ hostPath: '/var/log', reason: 'logs' }] }),
    path: 'shop/agent',
    prop: 'hostPaths[0].reason',
  },
  {
    name: 'short runAsRootReason (Policy.relax)',
    build: agent({ runAsRootReason: 'root' }),
    path: 'shop/agent',
    prop: 'runAsRootReason',
  },
  // job-options.ts: BatchJob and ScheduledJob
  { name: 'negative backoffLimit', build: job({ backoffLimit: -1 }), path: 'shop/job', prop: 'backoffLimit' },
  {
    name: 'zero activeDeadline',
    build: cron({ activeDeadline: Duration.seconds(0) }),
    path: 'shop/cron',
    prop: 'activeDeadline',
  },
  {
    name: 'restartPolicy Always',
    build: job({ restartPolicy: kplus.RestartPolicy.ALWAYS }),
    path: 'shop/job',
    prop: 'restartPolicy',
  },
  // scheduled-job.ts
  { name: 'schedule with three fields', build: cron({ schedule: '* * *' }), path: 'shop/cron', prop: 'schedule' },
  { name: 'bad time zone', build: cron({ timeZone: 'Mars/Olympus' }), path: 'shop/cron', prop: 'timeZone' },
  {
    name: 'a TTL',
    build: cron({ ttlAfterFinished: Duration.hours(1) }),
    path: 'shop/cron',
    prop: 'ttlAfterFinished',
  },
  {
    name: 'negative successful history',
    build: cron({ history: { successful: -1 } }),
    path: 'shop/cron',
    prop: 'history.successful',
  },
  {
    name: 'negative failed history',
    build: cron({ history: { failed: -1 } }),
    path: 'shop/cron',
    prop: 'history.failed',
  },
  {
    name: 'startingDeadline under 10 s',
    build: cron({ startingDeadline: Duration.seconds(5) }),
    path: 'shop/cron',
    prop: 'startingDeadline',
    cdk8sPlus: true,
  },
  // unknown props (core/known-props.ts `checkKnownProps`, called by pattern-base.ts for every
  // pattern and its shared nested objects, by each pattern for its own, by pattern-port.ts,
  // update-strategy.ts, service-endpoint.ts and app-network.ts; exposure.ts records them)
  {
    name: 'misspelt replicas',
    build: web(untyped<WebServiceProps>({ replicaz: 3 })),
    path: 'shop/web',
    prop: 'replicaz',
    hint: /did you mean 'replicas'\?$/,
  },
  {
    name: 'a prop of another pattern',
    build: worker(untyped<WorkerProps>({ port: 80 })),
    path: 'shop/worker',
    prop: 'port',
    hint: /did you mean 'ports'\?$/,
  },
  {
    name: 'nothing close',
    build: db(untyped<StatefulServiceProps>({ diskSize: '10Gi' })),
    path: 'shop/db',
    prop: 'diskSize',
    hint: /StatefulServiceProps in the API reference/,
  },
  {
    name: 'misspelt hostPaths',
    build: agent(untyped<NodeAgentProps>({ hostPath: [] })),
    path: 'shop/agent',
    prop: 'hostPath',
    hint: /did you mean 'hostPaths'\?$/,
  },
  {
    name: 'misspelt backoffLimit',
    build: job({ backofLimit: 2 }),
    path: 'shop/job',
    prop: 'backofLimit',
    hint: /did you mean 'backoffLimit'\?$/,
  },
  {
    name: 'timezone in lower case',
    build: cron(untyped<ScheduledJobProps>({ timezone: 'Europe/Berlin' })),
    path: 'shop/cron',
    prop: 'timezone',
    hint: /did you mean 'timeZone'\?$/,
  },
  {
    name: 'serviceAccount',
    build: web(untyped<WebServiceProps>({ serviceAccount: { nmae: 'web' } })),
    path: 'shop/web',
    prop: 'serviceAccount.nmae',
    hint: /did you mean 'name'\?$/,
  },
  {
    name: 'lifecycle',
    build: worker(untyped<WorkerProps>({ lifecycle: { preStart: kplus.Handler.fromCommand(['true']) } })),
    path: 'shop/worker',
    prop: 'lifecycle.preStart',
    hint: /PatternLifecycle takes postStart, preStop$/,
  },
  {
    name: 'capabilities',
    build: db(untyped<StatefulServiceProps>({ capabilities: { add: ['IPC_LOCK'], reasons: 'locks its memory' } })),
    path: 'shop/db',
    prop: 'capabilities.reasons',
    hint: /did you mean 'reason'\?$/,
  },
  {
    name: 'files',
    build: (s) =>
      web(untyped<WebServiceProps>({ files: [{ path: '/etc/app', form: new kplus.ConfigMap(s, 'conf') }] }))(s),
    path: 'shop/web',
    prop: 'files[0].form',
    hint: /did you mean 'from'\?$/,
  },
  {
    name: 'mounts',
    build: (s) =>
      job({ mounts: [{ path: '/cache', volume: kplus.Volume.fromEmptyDir(s, 'cache', 'cache'), readonly: true }] })(s),
    path: 'shop/job',
    prop: 'mounts[0].readonly',
    hint: /did you mean 'readOnly'\?$/,
  },
  {
    name: 'topologySpread',
    build: web(untyped<WebServiceProps>({ topologySpread: [{ topologykey: 'topology.kubernetes.io/zone' }] })),
    path: 'shop/web',
    prop: 'topologySpread[0].topologykey',
    hint: /did you mean 'topologyKey'\?$/,
  },
  {
    name: 'autoscaling',
    build: web(untyped<WebServiceProps>({ autoscaling: { maxReplicas: 5, minReplica: 3 } })),
    path: 'shop/web',
    prop: 'autoscaling.minReplica',
    hint: /did you mean 'minReplicas'\?$/,
  },
  {
    name: 'extraPorts',
    build: web(untyped<WebServiceProps>({ extraPorts: [{ name: 'grpc', port: 9090, servicePorts: 90 }] })),
    path: 'shop/web',
    prop: 'extraPorts[0].servicePorts',
    hint: /did you mean 'servicePort'\?$/,
  },
  {
    name: 'peerPorts',
    build: db(untyped<StatefulServiceProps>({ peerPorts: [{ name: 'gossip', port: 7000, protocl: 'TCP' }] })),
    path: 'shop/db',
    prop: 'peerPorts[0].protocl',
    hint: /did you mean 'protocol'\?$/,
  },
  {
    name: 'ports',
    build: worker(untyped<WorkerProps>({ ports: [{ name: 'http', containerPort: 8080 }] })),
    path: 'shop/worker',
    prop: 'ports[0].containerPort',
    hint: /PatternPort takes name, port, servicePort, protocol$/,
  },
  {
    name: 'additionalServices',
    build: web(
      untyped<WebServiceProps>({
        additionalServices: [{ name: 'web-lb', exposure: Exposure.loadBalancer(), type: 'x' }],
      }),
    ),
    path: 'shop/web',
    prop: 'additionalServices[0].type',
    hint: /AdditionalService takes name, exposure, ports$/,
  },
  {
    name: 'ingress exposure',
    build: web({ exposure: Exposure.ingress({ host: 'a.example.com', ...untyped<object>({ classname: 'nginx' }) }) }),
    path: 'shop/web',
    prop: 'exposure.classname',
    hint: /did you mean 'className'\?$/,
  },
  {
    name: 'a Recreate update with rolling parameters',
    build: web(untyped<WebServiceProps>({ updateStrategy: { type: 'Recreate', maxSurge: 1 } })),
    path: 'shop/web',
    prop: 'updateStrategy.maxSurge',
    hint: /DeploymentUpdate \(type 'Recreate'\) takes type$/,
  },
  {
    name: 'a rolling Deployment update',
    build: worker(untyped<WorkerProps>({ updateStrategy: { type: 'RollingUpdate', maxUnavaliable: 0 } })),
    path: 'shop/worker',
    prop: 'updateStrategy.maxUnavaliable',
    hint: /did you mean 'maxUnavailable'\?$/,
  },
  {
    name: 'an OnDelete update with a partition',
    build: db(untyped<StatefulServiceProps>({ updateStrategy: { type: 'OnDelete', partition: 0 } })),
    path: 'shop/db',
    prop: 'updateStrategy.partition',
    hint: /StatefulSetUpdate \(type 'OnDelete'\) takes type$/,
  },
  {
    name: 'a rolling StatefulSet update',
    build: db(untyped<StatefulServiceProps>({ updateStrategy: { type: 'RollingUpdate', partion: 1 } })),
    path: 'shop/db',
    prop: 'updateStrategy.partion',
    hint: /did you mean 'partition'\?$/,
  },
  {
    name: 'hostPaths',
    build: agent(untyped<NodeAgentProps>({ hostPaths: [{ path: '/var/log', reason: 'reads the node logs' }] })),
    path: 'shop/agent',
    prop: 'hostPaths[0].path',
    hint: /HostPathMount takes hostPath, mountPath, readOnly, reason$/,
  },
  {
    name: 'history',
    build: cron(untyped<ScheduledJobProps>({ history: { succesful: 5 } })),
    path: 'shop/cron',
    prop: 'history.succesful',
    hint: /did you mean 'successful'\?$/,
  },
  {
    name: 'connectTo options',
    build: (s) => job({})(s).connectTo(web({})(s), untyped<{ envPrefix: string }>({ prefix: 'API' })),
    path: 'shop/job',
    prop: 'connectTo.prefix',
    hint: /ConnectOptions takes envPrefix$/,
  },
  {
    name: 'isolation options',
    build: (s) => AppNetwork.isolate(s, untyped<{ egress: [] }>({ ingressControllerNamespce: 'ingress-nginx' })),
    path: 'shop/kubecraft-network',
    prop: 'ingressControllerNamespce',
    hint: /did you mean 'ingressControllerNamespace'\?$/,
  },
  {
    name: 'isolation egress',
    build: (s) =>
      AppNetwork.isolate(s, {
        egress: [untyped<{ cidr: string }>({ cidr: '0.0.0.0/0', port: [443] }) as { cidr: string }],
      }),
    path: 'shop/kubecraft-network',
    prop: 'egress[0].port',
    hint: /did you mean 'ports'\?$/,
  },
  // nested patterns: the path is the pattern's, wherever it sits
  {
    name: 'nested pattern',
    build: (s) => web({ port: 0 })(new Construct(new Construct(s, 'team'), 'tier')),
    path: 'shop/team/tier/web',
    prop: 'port',
  },
  {
    name: 'custom id',
    build: (s) => new BatchJob(s, 'migrate-v2', { image: IMAGE, name: 'migrate', backoffLimit: -2 }),
    path: 'shop/migrate-v2',
    prop: 'backoffLimit',
  },
];

/** The error `build` throws, or fails. */
function errorOf(build: () => unknown): ConstructError {
  try {
    build();
  } catch (err) {
    expect(err).toBeInstanceOf(ConstructError);
    return err as ConstructError;
  }
  throw new Error('expected an error, got none');
}

describe('every error raised while a pattern is built names the construct path and the prop', () => {
  test.each(ROWS.map((r) => [r.path, r.prop, r.name, r] as const))('%s (%s): %s', (path, prop, _name, row) => {
    const err = errorOf(() => row.build(chartIn()));
    expect(err.constructPath).toBe(path);
    expect(err.prop).toBe(prop);
    expect(err.message.startsWith(`${path} (${prop}): `)).toBe(true);
    if (row.hint) expect(err.hint).toMatch(row.hint);
    if (row.cdk8sPlus) {
      expect(err.cause).toBeInstanceOf(Error);
      expect(err.cause).not.toBeInstanceOf(ConstructError);
      expect(err.message).toContain((err.cause as Error).message);
    }
  });

  test('hints say how to fix it', () => {
    expect(errorOf(() => web({ replicas: 2, autoscaling: { maxReplicas: 3 } })(chartIn())).message).toMatch(
      /\. Fix: remove replicas/,
    );
  });
});

/** Throw sites per file of lib/patterns (see the comment at the top): raise a count only with a row. */
const THROW_SITES: Readonly<Record<string, number>> = {
  'additional-services.ts': 3,
  'app-network.ts': 4,
  'base/adoption.ts': 3,
  'base/apply-pod-options.ts': 9,
  'base/main-container.ts': 7,
  'base/pattern-base.ts': 2,
  'base/pattern-props.ts': 7,
  'base/pattern-resolution.ts': 1,
  'base/reasoned-exceptions.ts': 7,
  'existing-secret.ts': 2,
  'exposure.ts': 4,
  'job-options.ts': 4,
  'node-agent.ts': 7,
  'pattern-identity.ts': 2,
  'pattern-port.ts': 6,
  'scheduled-job.ts': 6,
  'service-endpoint.ts': 2,
  'stateful-service.ts': 6,
  'update-strategy.ts': 9,
  'web-service-autoscaling.ts': 4,
  'web-service.ts': 14,
  'worker.ts': 3,
};

test('the throw sites of lib/patterns are the ones counted here (each new one needs a row)', () => {
  const dir = path.join(__dirname, '..', '..', 'lib', 'patterns');
  const files = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : [],
      );
  const site = /throw |assertValid\(|inScope\(|validate\(this|checkKnownProps\(|unknownProps\(/;
  const counts: Record<string, number> = {};
  for (const f of files(dir)) {
    const n = fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l) && site.test(l)).length;
    if (n > 0) counts[path.relative(dir, f).split(path.sep).join('/')] = n;
  }
  expect(counts).toEqual(THROW_SITES);
});
