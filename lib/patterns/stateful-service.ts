import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { assertValid } from '../values/assert-valid';
import { portNameProblems, portNumberProblems } from '../values/dns-name';
import { PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { StatefulSet } from '../workloads/stateful-set';
import { PatternBase, PatternProps } from './pattern-base';
import { IServiceEndpoint, serviceDnsName } from './service-endpoint';

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
    super(scope, id, props, { defaultComponent: 'database' });
    assertValid(this, 'port', props.port, portNumberProblems(props.port));
    const portName = props.portName ?? 'tcp';
    assertValid(this, 'portName', portName, portNameProblems(portName));
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 1)
      throw new ConstructError(this, `must be at least 1 (is ${replicas})`, { prop: 'replicas' });
    if (!props.dataPath.startsWith('/'))
      throw new ConstructError(this, `must be absolute (is '${props.dataPath}')`, { prop: 'dataPath' });
    Probes.validate(this, 'liveness', props.liveness);
    Probes.validate(this, 'readiness', props.readiness);
    this.containerPort = props.port;
    this.servicePort = props.port;

    this.service = new kplus.Service(this, 'Service', {
      metadata: this.objectMetadata(),
      clusterIP: 'None',
      ports: [{ name: portName, port: props.port, targetPort: props.port }],
    });
    for (const [k, v] of Object.entries(this.podSelector)) this.service.selectLabel(k, v);
    this.dnsName = serviceDnsName(this.service);

    this.statefulSet = new StatefulSet(this, 'StatefulSet', {
      ...this.workloadProps(),
      service: this.service,
      replicas,
      volumeClaimTemplates: [
        { name: 'data', storage: props.storage, mountPath: props.dataPath, storageClassName: props.storageClassName },
      ],
    });
    this.ownPods(this.statefulSet);
    // cdk8s-plus-27 adds the StatefulSet's construct-path label to its Service's selector; the
    // Service selects by the pattern's labels only.
    ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/selector/cdk8s.io~1metadata.addr'));
    this.container = this.addMainContainer(this.statefulSet, props, {
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

    this.disruptionBudget = new PodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: this.objectMetadata(),
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...this.podSelector } }),
      maxUnavailable: 1,
    });
  }
}
