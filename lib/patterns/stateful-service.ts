import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { knownProps } from '../core/known-props';
import { Policy } from '../validation/policy';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems, portNameProblems, portNumberProblems } from '../values/dns-name';
import { PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { StatefulSet } from '../workloads/stateful-set';
import { AppNetwork } from './app-network';
import { selectingService } from './base/front-service';
import { PatternBase } from './base/pattern-base';
import { PATTERN_PROPS, PatternProps } from './base/pattern-props';
import { probeOrDefault, resolveReplicas } from './base/pattern-resolution';
import { DEFAULT_STATEFUL_RESOURCES } from './pattern-container';
import { containerPorts, PatternPort, servicePorts, validatePorts } from './pattern-port';
import { IServiceEndpoint, serviceDnsName } from './service-endpoint';
import { StatefulSetUpdate, statefulSetStrategy } from './update-strategy';

/**
 * Properties for `StatefulService`.
 */
export interface StatefulServiceProps extends PatternProps {
  /** The port the server listens on (and the Service port). */
  readonly port: number;
  /**
   * Name of the port (e.g. `mysql`, `redis`).
   *
   * @default 'tcp'
   */
  readonly portName?: string;
  /**
   * Number of replicas (ordered: `<name>-0`, `<name>-1`, ...).
   *
   * @default 1
   */
  readonly replicas?: number;
  /** Storage per replica. */
  readonly storage: Size;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /**
   * CPU and memory requests and limits: databases and brokers (MySQL, MongoDB, RabbitMQ) do
   * not start in a web service's 256Mi.
   *
   * @default - DEFAULT_STATEFUL_RESOURCES: cpu 250m request / 1000m limit, memory 512Mi request / 1024Mi (1Gi) limit
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * StorageClass of the data volumes.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Liveness probe, only when asked: a liveness probe restarts a database or ring member that
   * is slow while it bootstraps, replays its log or streams data, often making things worse.
   * Without one the pattern relaxes `policy/probes` for its StatefulSet, with that reason (in
   * the report). Give a `startup` probe with it for servers that start slowly.
   *
   * @default - none
   */
  readonly liveness?: kplus.Probe;
  /**
   * Readiness probe; `false` for none (then relax `policy/probes` yourself).
   *
   * @default - TCP connect to the port, every 5 s
   */
  readonly readiness?: kplus.Probe | false;
  /**
   * More named ports clients use (admin, metrics), on the container and the Service.
   *
   * @default - none
   */
  readonly extraPorts?: readonly PatternPort[];
  /**
   * Ports the replicas use between themselves (gossip, replication, e.g. Cassandra's 7000):
   * on the container, and allowed between the replicas when the namespace is isolated
   * (`AppNetwork.isolate`), so that isolation and clients never cut the ring's own traffic.
   *
   * @default - none
   */
  readonly peerPorts?: readonly PatternPort[];
  /**
   * The name of the volume claim template (PVCs are named `<template>-<statefulset>-<ordinal>`);
   * set it to the installed StatefulSet's to adopt it with its data.
   *
   * @default 'data'
   */
  readonly volumeClaimTemplateName?: string;
  /**
   * How pods are replaced: `{ type: 'OnDelete' }`, or rolling with a `partition`.
   *
   * @default - { type: 'RollingUpdate', partition: 0 }
   */
  readonly updateStrategy?: StatefulSetUpdate;
  /**
   * Start and stop replicas all at once instead of one by one, in order (rings whose members
   * find each other by DNS, like Cassandra with a seed list).
   *
   * @default - false: one by one, in order (Kubernetes' `OrderedReady`; no `podManagementPolicy` rendered)
   */
  readonly parallel?: boolean;
}

/** The props of `StatefulServiceProps`. */
export const STATEFUL_SERVICE_PROPS = knownProps<StatefulServiceProps>('StatefulServiceProps')([
  ...PATTERN_PROPS.names,
  'port',
  'portName',
  'replicas',
  'storage',
  'dataPath',
  'storageClassName',
  'liveness',
  'readiness',
  'extraPorts',
  'peerPorts',
  'volumeClaimTemplateName',
  'updateStrategy',
  'parallel',
]);

/**
 * A stateful server such as a database: a StatefulSet with a per-replica PersistentVolumeClaim,
 * a headless Service (stable DNS names `<name>-0.<name>.<namespace>.svc.cluster.local`), and a
 * PodDisruptionBudget. Clients reach it by the Service's DNS name with `connectTo`. Defaults
 * for servers: `DEFAULT_STATEFUL_RESOURCES` (512Mi / 1Gi memory), a readiness probe and no
 * liveness probe unless asked.
 *
 * ```ts
 * const db = new StatefulService(chart, 'mysql', {
 *   image: 'mysql:8.0.35', port: 3306, storage: Size.gibibytes(10), dataPath: '/var/lib/mysql', user: 999,
 *   env: { MYSQL_ROOT_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: creds, key: 'root-password' }) },
 * });
 * app.connectTo(db);
 * ```
 */
export class StatefulService extends PatternBase implements IServiceEndpoint {
  /** The StatefulSet. */
  public readonly statefulSet: StatefulSet;
  /** The main container. */
  public readonly container: kplus.Container;
  /** The headless Service. */
  public readonly service: kplus.Service;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: PodDisruptionBudget;
  /** The Service port (the same as the container port). */
  public readonly servicePort: number;
  /** The container port. */
  public readonly containerPort: number;
  /** The headless Service's DNS name. */
  public readonly dnsName: string;

  constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id, props, { defaultComponent: 'database', knownProps: STATEFUL_SERVICE_PROPS });
    assertValid(this, 'port', props.port, portNumberProblems(props.port));
    const portName = props.portName ?? 'tcp';
    assertValid(this, 'portName', portName, portNameProblems(portName));
    const replicas = resolveReplicas(this, props.replicas, 1, 1);
    if (!props.dataPath.startsWith('/'))
      throw new ConstructError(this, `must be absolute (is '${props.dataPath}')`, { prop: 'dataPath' });
    Probes.validate(this, 'liveness', props.liveness);
    if (props.readiness) Probes.validate(this, 'readiness', props.readiness);
    this.containerPort = props.port;
    this.servicePort = props.port;
    const clientPorts: PatternPort[] = [{ name: portName, port: props.port }, ...(props.extraPorts ?? [])];
    const peerPorts = props.peerPorts ?? [];
    validatePorts(this, 'extraPorts', props.extraPorts ?? [], clientPorts.slice(0, 1));
    validatePorts(this, 'peerPorts', peerPorts, clientPorts);
    const claimName = props.volumeClaimTemplateName ?? 'data';
    assertValid(this, 'volumeClaimTemplateName', claimName, dns1123LabelProblems(claimName));

    this.service = selectingService(
      this,
      'Service',
      { metadata: this.objectMetadata(), clusterIP: 'None', ports: servicePorts(clientPorts) },
      this.podSelector,
    );
    this.dnsName = serviceDnsName(this.service);

    this.statefulSet = new StatefulSet(this, 'StatefulSet', {
      ...this.workloadProps(),
      service: this.service,
      replicas,
      strategy: props.updateStrategy ? statefulSetStrategy(this, 'updateStrategy', props.updateStrategy) : undefined,
      podManagementPolicy: props.parallel ? kplus.PodManagementPolicy.PARALLEL : undefined,
      volumeClaimTemplates: [
        {
          name: claimName,
          storage: props.storage,
          mountPath: props.dataPath,
          storageClassName: props.storageClassName,
        },
      ],
    });
    // cdk8s-plus-27 adds the StatefulSet's construct-path label to its Service's selector; the
    // Service selects by the pattern's labels only.
    ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/selector/cdk8s.io~1metadata.addr'));
    this.container = this.handOver(this.statefulSet, props, {
      ports: containerPorts([...clientPorts, ...peerPorts]),
      liveness: props.liveness,
      readiness: probeOrDefault(
        props.readiness,
        Probes.tcpSocket({ port: portName, periodSeconds: Duration.seconds(5) }),
      ),
      defaultResources: DEFAULT_STATEFUL_RESOURCES,
    });
    if (props.liveness === undefined) {
      Policy.relax(
        this.statefulSet,
        'policy/probes',
        'StatefulService: no liveness probe unless asked, as restarting a database or ring member while it bootstraps or recovers makes it worse',
      );
    }
    AppNetwork.of(this).allowPeers(
      { name: this.name, labels: this.podSelector, namespace: Chart.of(this).namespace },
      peerPorts.map((p) => p.port),
    );

    this.disruptionBudget = this.disruptionBudgetOf(1);
  }
}
