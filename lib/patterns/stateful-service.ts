import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { assertNoProblems, portNumberProblems } from '../values/dns-name';
import { PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { StatefulSet } from '../workloads/stateful-set';
import { mountPatternVolumes, PatternContainerOptions, patternContainerProps } from './pattern-container';
import {
  checkIdentity,
  dropConstructPathLabel,
  PatternIdentity,
  recommendedLabels,
  selectorLabels,
} from './recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint, serviceDnsName } from './service-endpoint';

/**
 * Properties for `StatefulService`.
 */
export interface StatefulServiceProps extends PatternContainerOptions {
  /**
   * The name: `app.kubernetes.io/name`, the headless Service's DNS name, and the object names.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * `app.kubernetes.io/instance`.
   *
   * @default - the name
   */
  readonly instance?: string;
  /**
   * `app.kubernetes.io/component`.
   *
   * @default 'database'
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`.
   *
   * @default - not set
   */
  readonly partOf?: string;
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
   * StorageClass of the data volumes.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Liveness probe.
   *
   * @default - TCP connect to the port, every 10 s, after 30 s
   */
  readonly liveness?: kplus.Probe;
  /**
   * Readiness probe.
   *
   * @default - TCP connect to the port, every 5 s
   */
  readonly readiness?: kplus.Probe;
}

/**
 * A stateful server such as a database: a StatefulSet with a per-replica PersistentVolumeClaim,
 * a headless Service (stable DNS names `<name>-0.<name>.<namespace>.svc.cluster.local`), and a
 * PodDisruptionBudget. Clients reach it by the Service's DNS name with `connectTo`.
 *
 * ```ts
 * const db = new StatefulService(chart, 'mysql', {
 *   image: 'mysql:8.0.35', port: 3306, storage: Size.gibibytes(10), dataPath: '/var/lib/mysql', user: 999,
 *   env: { MYSQL_ROOT_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: creds, key: 'root-password' }) },
 * });
 * app.connectTo(db);
 * ```
 */
export class StatefulService extends Construct implements IServiceEndpoint, IServiceClient {
  public readonly name: string;
  /** The StatefulSet. */
  public readonly statefulSet: StatefulSet;
  /** The main container. */
  public readonly container: kplus.Container;
  /** The headless Service. */
  public readonly service: kplus.Service;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: PodDisruptionBudget;
  public readonly labels: Readonly<Record<string, string>>;
  public readonly podSelector: Readonly<Record<string, string>>;
  public readonly servicePort: number;
  public readonly containerPort: number;
  public readonly dnsName: string;

  constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    super(scope, id);
    const identity: PatternIdentity = {
      name: props.name ?? id,
      instance: props.instance ?? props.name ?? id,
      component: props.component ?? 'database',
      partOf: props.partOf,
    };
    checkIdentity(`StatefulService ${this.node.path}`, identity);
    assertNoProblems(`StatefulService ${this.node.path}: port`, props.port, portNumberProblems(props.port));
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 1)
      throw new Error(`StatefulService ${this.node.path}: replicas must be at least 1 (is ${replicas})`);
    if (!props.dataPath.startsWith('/'))
      throw new Error(`StatefulService ${this.node.path}: dataPath must be absolute (is '${props.dataPath}')`);
    this.name = identity.name;
    this.containerPort = props.port;
    this.servicePort = props.port;
    this.labels = recommendedLabels(identity);
    this.podSelector = selectorLabels(identity);
    const portName = props.portName ?? 'tcp';
    const user = props.user ?? 1000;

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: this.name, labels: { ...this.labels } },
      clusterIP: 'None',
      ports: [{ name: portName, port: props.port, targetPort: props.port }],
    });
    for (const [k, v] of Object.entries(this.podSelector)) this.service.selectLabel(k, v);
    this.dnsName = serviceDnsName(this.service);

    this.statefulSet = new StatefulSet(this, 'StatefulSet', {
      metadata: { name: this.name, labels: { ...this.labels } },
      service: this.service,
      replicas,
      select: false,
      podMetadata: { labels: { ...this.labels } },
      securityContext: { user, group: user, fsGroup: user },
      volumeClaimTemplates: [
        { name: 'data', storage: props.storage, mountPath: props.dataPath, storageClassName: props.storageClassName },
      ],
    });
    this.statefulSet.select(kplus.LabelSelector.of({ labels: { ...this.podSelector } }));
    dropConstructPathLabel(this.statefulSet, 'StatefulSet');
    // cdk8s-plus-27 adds the StatefulSet's construct-path label to its Service's selector; the
    // Service selects by the pattern's labels only.
    ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/selector/cdk8s.io~1metadata.addr'));
    this.container = this.statefulSet.addContainer({
      ...patternContainerProps(props),
      name: this.name,
      ports: [{ number: props.port, name: portName }],
      liveness:
        props.liveness ??
        Probes.tcpSocket({
          port: portName,
          initialDelaySeconds: Duration.seconds(30),
          periodSeconds: Duration.seconds(10),
        }),
      readiness: props.readiness ?? Probes.tcpSocket({ port: portName, periodSeconds: Duration.seconds(5) }),
    });
    mountPatternVolumes(this, this.container, props);

    this.disruptionBudget = new PodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: this.name, labels: { ...this.labels } },
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...this.podSelector } }),
      maxUnavailable: 1,
    });
  }

  /** Gives this server the address of `endpoint` and allows that traffic (e.g. a replica to its primary). */
  public connectTo(endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
    connect(this, endpoint, options);
  }
}
