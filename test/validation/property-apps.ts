// The random apps and mutations of property.test.ts (also read by the findings baseline,
// baseline.test.ts).
import * as os from 'os';
import * as path from 'path';
import { Cron, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import fc from 'fast-check';
import { KubecraftApp, KubecraftChart, PodDisruptionBudget, Probes, ReplicaSet, RuleId, StatefulSet } from '../../lib';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
type Kind = (typeof KINDS)[number];
const LONG_RUNNING: readonly Kind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** One random workload. */
export interface WorkloadSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly replicas: number;
  readonly port: number;
  readonly probe: 'http' | 'tcp' | 'grpc' | 'exec';
  readonly cpu: number;
  readonly memory: number;
  readonly withService: boolean;
  readonly withConfig: boolean;
  readonly withBudget: boolean;
  readonly schedule: string;
  readonly user: number;
}

const dnsName = fc.stringMatching(/^[a-z]([a-z0-9]{1,3}-?){0,5}[a-z0-9]$/);
const workload: fc.Arbitrary<WorkloadSpec> = fc.record({
  name: dnsName,
  kind: fc.constantFrom(...KINDS),
  replicas: fc.integer({ min: 0, max: 5 }),
  port: fc.integer({ min: 1024, max: 65535 }),
  probe: fc.constantFrom('http', 'tcp', 'grpc', 'exec'),
  cpu: fc.integer({ min: 10, max: 2000 }),
  memory: fc.integer({ min: 16, max: 4096 }),
  withService: fc.boolean(),
  withConfig: fc.boolean(),
  withBudget: fc.boolean(),
  schedule: fc.constantFrom('*/5 * * * *', '0 3 * * *', '@hourly', '30 2 1 * *', '0 0 * * MON-FRI'),
  user: fc.integer({ min: 1, max: 65534 }),
});
/** A random valid app: a namespace and one to six workloads. */
export const appSpec = fc.record({
  namespace: dnsName,
  workloads: fc.uniqueArray(workload, { selector: (w) => w.name, minLength: 1, maxLength: 6 }),
});

/** A built app and its workloads by name. */
export interface Built {
  readonly app: KubecraftApp;
  readonly workloads: Map<string, { spec: WorkloadSpec; construct: kplus.AbstractPod; service?: kplus.Service }>;
}

/** Builds the app of `spec`. */
export function build(spec: { namespace: string; workloads: WorkloadSpec[] }): Built {
  const app = new KubecraftApp({ outdir: path.join(os.tmpdir(), 'kc-prop-unused'), printReport: false });
  const chart = new KubecraftChart(app, 'random', { namespace: spec.namespace });
  new kplus.Namespace(chart, 'ns', { metadata: { name: spec.namespace } });
  const workloads: Built['workloads'] = new Map();
  for (const w of spec.workloads) {
    const labels = { 'app.kubernetes.io/name': w.name };
    const runs = LONG_RUNNING.includes(w.kind);
    const probe = (): kplus.Probe => {
      switch (w.probe) {
        case 'http':
          return Probes.httpGet('/healthz', { port: 'main' });
        case 'tcp':
          return Probes.tcpSocket({ port: w.port });
        case 'grpc':
          return Probes.grpc(w.port, { periodSeconds: Duration.seconds(5) });
        default:
          return Probes.exec(['/bin/check']);
      }
    };
    const config = w.withConfig ? new kplus.ConfigMap(chart, `cfg-${w.name}`, { data: { MODE: 'prod' } }) : undefined;
    const container: kplus.ContainerProps = {
      name: 'main',
      image: `registry.example.com/${w.name}:1.${w.port % 10}.0`,
      ports: [{ number: w.port, name: 'main' }],
      securityContext: { user: w.user, group: w.user },
      resources: {
        cpu: { request: kplus.Cpu.millis(w.cpu), limit: kplus.Cpu.millis(w.cpu * 2) },
        memory: { request: Size.mebibytes(w.memory), limit: Size.mebibytes(w.memory) },
      },
      envVariables: config ? { MODE: kplus.EnvValue.fromConfigMap(config, 'MODE') } : undefined,
      liveness: runs ? probe() : undefined,
      readiness: runs ? probe() : undefined,
    };
    const common = {
      select: false,
      podMetadata: { labels },
      securityContext: { user: w.user, group: w.user },
      containers: [container],
    };
    let construct: kplus.AbstractPod;
    let service: kplus.Service | undefined;
    switch (w.kind) {
      case 'Deployment':
        construct = new kplus.Deployment(chart, `wl-${w.name}`, { ...common, replicas: w.replicas });
        break;
      case 'ReplicaSet':
        construct = new ReplicaSet(chart, `wl-${w.name}`, { ...common, replicas: w.replicas });
        break;
      case 'DaemonSet':
        construct = new kplus.DaemonSet(chart, `wl-${w.name}`, common);
        break;
      case 'StatefulSet': {
        service = new kplus.Service(chart, `hl-${w.name}`, {
          clusterIP: 'None',
          ports: [{ port: w.port, name: 'main' }],
        });
        service.selectLabel('app.kubernetes.io/name', w.name);
        construct = new StatefulSet(chart, `wl-${w.name}`, {
          ...common,
          service,
          replicas: w.replicas,
          volumeClaimTemplates: [{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data' }],
        });
        break;
      }
      case 'Job':
        construct = new kplus.Job(chart, `wl-${w.name}`, { ...common, backoffLimit: w.replicas });
        break;
      default:
        construct = new kplus.CronJob(chart, `wl-${w.name}`, {
          ...common,
          schedule: Cron.schedule(cronOptions(w.schedule)),
        });
        break;
    }
    if ('select' in construct) (construct as kplus.Workload).select(kplus.LabelSelector.of({ labels }));
    if (w.withService && runs && !service) {
      service = new kplus.Service(chart, `svc-${w.name}`, { ports: [{ port: 80, targetPort: w.port, name: 'http' }] });
      service.selectLabel('app.kubernetes.io/name', w.name);
    }
    if (w.withBudget && runs)
      new PodDisruptionBudget(chart, `pdb-${w.name}`, { selector: construct as kplus.Workload, maxUnavailable: 1 });
    workloads.set(w.name, { spec: w, construct, service });
  }
  return { app, workloads };
}

function cronOptions(schedule: string) {
  if (schedule.startsWith('@')) return { minute: '0', hour: '*', day: '*', month: '*', weekDay: '*' };
  const [minute, hour, day, month, weekDay] = schedule.split(' ');
  return { minute, hour, day, month, weekDay };
}

function podPath(kind: Kind): string {
  return kind === 'CronJob' ? '/spec/jobTemplate/spec/template/spec' : '/spec/template/spec';
}

/** A single change that breaks one rule. */
export interface Mutation {
  readonly name: string;
  readonly rule: RuleId;
  readonly applies: (w: WorkloadSpec, hasService: boolean) => boolean;
  readonly ops: (w: WorkloadSpec) => JsonPatch[];
  readonly onService?: boolean;
}

/** The mutations of the property test. */
export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'image :latest',
    rule: 'policy/image-pinned',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/image`, `registry.example.com/${w.name}:latest`)],
  },
  {
    name: 'image without tag',
    rule: 'policy/image-pinned',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/image`, `registry.example.com:5000/${w.name}`)],
  },
  {
    name: 'root user',
    rule: 'policy/run-as-non-root',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/securityContext/runAsUser`, 0)],
  },
  {
    name: 'privileged',
    rule: 'policy/privileged',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/securityContext/privileged`, true)],
  },
  {
    name: 'hostNetwork',
    rule: 'policy/host-namespaces',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/hostNetwork`, true)],
  },
  {
    name: 'request above limit',
    rule: 'values/requests-limits',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/resources/requests/memory`, `${w.memory * 2}Mi`)],
  },
  {
    name: 'unknown field',
    rule: 'schema/invalid',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/containers/0/livenesProbe`, {})],
  },
  {
    name: 'container port 0',
    rule: 'values/port',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/ports/0/containerPort`, 0)],
  },
  {
    name: 'duplicate container',
    rule: 'values/duplicate',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/initContainers`, [{ name: 'main', image: 'busybox:1.36' }])],
  },
  {
    name: 'missing config key',
    rule: 'refs/config',
    applies: (w) => w.withConfig,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/env/0/valueFrom/configMapKeyRef/key`, 'NOPE')],
  },
  {
    name: 'selector mismatch',
    rule: 'refs/selector-template',
    applies: (w) => LONG_RUNNING.includes(w.kind),
    ops: () => [JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'someone-else')],
  },
  {
    name: 'negative replicas',
    rule: 'values/replicas',
    applies: (w) => w.kind === 'Deployment' || w.kind === 'ReplicaSet' || w.kind === 'StatefulSet',
    ops: () => [JsonPatch.replace('/spec/replicas', -1)],
  },
  {
    name: 'liveness probe removed',
    rule: 'policy/probes',
    applies: (w) => LONG_RUNNING.includes(w.kind),
    ops: (w) => [JsonPatch.remove(`${podPath(w.kind)}/containers/0/livenessProbe`)],
  },
  {
    name: 'image removed',
    rule: 'values/required',
    applies: () => true,
    ops: (w) => [JsonPatch.remove(`${podPath(w.kind)}/containers/0/image`)],
  },
  {
    name: 'container name with an underscore',
    rule: 'values/field-name',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/name`, 'main_container')],
  },
  {
    name: "env name with '=' (refused by every version)",
    rule: 'values/env-name',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/containers/0/env`, [{ name: 'NINE=LIVES', value: 'x' }])],
  },
  {
    name: 'privileged without privilege escalation',
    rule: 'values/security-context',
    applies: () => true,
    ops: (w) => [
      JsonPatch.add(`${podPath(w.kind)}/containers/0/securityContext/allowPrivilegeEscalation`, false),
      JsonPatch.replace(`${podPath(w.kind)}/containers/0/securityContext/privileged`, true),
    ],
  },
  {
    name: 'negative runAsUser',
    rule: 'values/range',
    applies: () => true,
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/securityContext/runAsUser`, -5)],
  },
  {
    name: 'replicas above int32',
    rule: 'values/range',
    applies: (w) => w.kind === 'Deployment' || w.kind === 'ReplicaSet' || w.kind === 'StatefulSet',
    ops: () => [JsonPatch.add('/spec/replicas', 2147483648)],
  },
  {
    name: 'toleration with an empty key and a value',
    rule: 'values/toleration',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/tolerations`, [{ operator: 'Equal', value: 'x' }])],
  },
  {
    name: 'init container with a probe',
    rule: 'values/init-container',
    applies: () => true,
    ops: (w) => [
      JsonPatch.add(`${podPath(w.kind)}/initContainers`, [
        { name: 'setup', image: 'busybox:1.36', readinessProbe: { exec: { command: ['true'] } } },
      ]),
    ],
  },
  {
    name: 'unsafe sysctl',
    rule: 'policy/sysctls',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/securityContext/sysctls`, [{ name: 'kernel.msgmax', value: '1' }])],
  },
  {
    name: 'AppArmor unconfined',
    rule: 'policy/apparmor',
    applies: () => true,
    ops: (w) => [
      JsonPatch.add(`${podPath(w.kind).replace(/\/spec$/, '')}/metadata/annotations`, {
        'container.apparmor.security.beta.kubernetes.io/main': 'unconfined',
      }),
    ],
  },
  {
    name: 'procMount Unmasked',
    rule: 'policy/proc-mount',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/containers/0/securityContext/procMount`, 'Unmasked')],
  },
  {
    name: 'nfs volume',
    rule: 'policy/volume-types',
    applies: () => true,
    ops: (w) => [JsonPatch.add(`${podPath(w.kind)}/volumes`, [{ name: 'nfs', nfs: { server: 'nfs', path: '/x' } }])],
  },
  {
    name: 'probe on an undeclared named port',
    rule: 'refs/probe-port',
    applies: (w) => LONG_RUNNING.includes(w.kind) && w.probe === 'http',
    ops: (w) => [JsonPatch.replace(`${podPath(w.kind)}/containers/0/livenessProbe/httpGet/port`, 'nope')],
  },
  {
    name: 'two Service ports with one number',
    rule: 'values/service',
    applies: (_w, svc) => svc,
    onService: true,
    ops: () => [JsonPatch.copy('/spec/ports/0', '/spec/ports/-')],
  },
  {
    name: 'service target port not exposed',
    rule: 'refs/service-target-port',
    applies: (_w, svc) => svc,
    onService: true,
    ops: (w) => [JsonPatch.replace('/spec/ports/0/targetPort', w.port === 65535 ? 1024 : w.port + 1)],
  },
  {
    name: 'service selects nothing',
    rule: 'refs/service-selector',
    applies: (_w, svc) => svc,
    onService: true,
    ops: () => [JsonPatch.replace('/spec/selector', { 'app.kubernetes.io/name': 'nobody-here' })],
  },
];

/** A random app, one of its workloads and a mutation: what one run of the mutation property draws. */
export const mutatedApp = appSpec.chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    target: fc.constantFrom(...spec.workloads.map((w) => w.name)),
    mutation: fc.constantFrom(...MUTATIONS),
  }),
);
