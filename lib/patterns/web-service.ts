import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { assertNoProblems, portNumberProblems } from '../values/dns-name';
import { PodCount, PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { AppNetwork } from './app-network';
import { Exposure } from './exposure';
import { mountPatternVolumes, PatternContainerOptions, patternContainerProps } from './pattern-container';
import {
  checkIdentity,
  dropConstructPathLabel,
  PatternIdentity,
  recommendedLabels,
  selectorLabels,
} from './recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint, serviceDnsName } from './service-endpoint';

/** Horizontal autoscaling of a `WebService`. */
export interface WebServiceAutoscaling {
  /**
   * Fewest replicas.
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization, in percent of the request.
   *
   * @default 70
   */
  readonly cpuUtilization?: number;
}

/**
 * Properties for `WebService`.
 */
export interface WebServiceProps extends PatternContainerOptions {
  /**
   * The service's name: `app.kubernetes.io/name`, the Service's DNS name, and the name of
   * every object it creates.
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
   * @default 'web'
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`: the application it belongs to.
   *
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * The port the container listens on.
   *
   * @default 8080
   */
  readonly port?: number;
  /**
   * The port of the Service.
   *
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Number of replicas; ignored when `autoscaling` is set.
   *
   * @default 2
   */
  readonly replicas?: number;
  /**
   * How it is reached from outside the cluster.
   *
   * @default Exposure.internal()
   */
  readonly exposure?: Exposure;
  /**
   * HTTP path of the health endpoint, used by the readiness probe (and the liveness probe
   * unless `liveness` is given). Set `healthPath: undefined` with explicit probes for non-HTTP
   * services.
   *
   * @default '/healthz'
   */
  readonly healthPath?: string;
  /**
   * Liveness probe.
   *
   * @default - HTTP GET `healthPath` on the container port, every 10 s, after 10 s
   */
  readonly liveness?: kplus.Probe;
  /**
   * Readiness probe.
   *
   * @default - HTTP GET `healthPath` on the container port, every 5 s
   */
  readonly readiness?: kplus.Probe;
  /**
   * Horizontal autoscaling on CPU.
   *
   * @default - no autoscaler
   */
  readonly autoscaling?: WebServiceAutoscaling;
  /**
   * Pods that may be down at once during voluntary disruptions (drains, upgrades).
   *
   * @default 1
   */
  readonly maxUnavailable?: PodCount;
  /**
   * Rolling update: extra pods during an update.
   *
   * @default '25%'
   */
  readonly maxSurge?: `${number}%` | number;
  /**
   * Let the non-root process bind ports below 1024 (e.g. an image hard-wired to port 80), with
   * the namespaced, "safe" sysctl `net.ipv4.ip_unprivileged_port_start=0`.
   *
   * @default false
   */
  readonly bindLowPorts?: boolean;
}

/**
 * A stateless HTTP service: a Deployment with readiness and liveness probes and a rolling
 * update, a Service, a PodDisruptionBudget, optionally an autoscaler and an Ingress, and
 * NetworkPolicies allowing exactly the traffic it is given. Selectors are the recommended
 * labels (name, instance, component), never the construct path.
 *
 * ```ts
 * const api = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:1.4.2', autoscaling: { maxReplicas: 10 } });
 * const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', exposure: Exposure.ingress({ host: 'acme.example.com' }) });
 * web.connectTo(api); // API_HOST, API_PORT, API_ADDR in web's container; web -> api allowed
 * ```
 */
export class WebService extends Construct implements IServiceEndpoint, IServiceClient {
  /** The name (`app.kubernetes.io/name`). */
  public readonly name: string;
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The main container. */
  public readonly container: kplus.Container;
  /** The Service. */
  public readonly service: kplus.Service;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: PodDisruptionBudget;
  /** The autoscaler, when `autoscaling` is set. */
  public readonly autoscaler?: kplus.HorizontalPodAutoscaler;
  /** The Ingress, when exposed through one. */
  public readonly ingress?: kplus.Ingress;
  /** The recommended labels on every object. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The pod selector. */
  public readonly podSelector: Readonly<Record<string, string>>;
  /** The Service port. */
  public readonly servicePort: number;
  /** The container port. */
  public readonly containerPort: number;
  /** The Service's DNS name. */
  public readonly dnsName: string;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const identity: PatternIdentity = {
      name: props.name ?? id,
      instance: props.instance ?? props.name ?? id,
      component: props.component ?? 'web',
      partOf: props.partOf,
    };
    checkIdentity(`WebService ${this.node.path}`, identity);
    this.name = identity.name;
    this.containerPort = props.port ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    assertNoProblems(`WebService ${this.node.path}: port`, this.containerPort, portNumberProblems(this.containerPort));
    assertNoProblems(
      `WebService ${this.node.path}: servicePort`,
      this.servicePort,
      portNumberProblems(this.servicePort),
    );
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 0)
      throw new Error(`WebService ${this.node.path}: replicas must be a non-negative integer (is ${replicas})`);
    if (props.autoscaling && props.replicas !== undefined)
      throw new Error(
        `WebService ${this.node.path}: set either replicas or autoscaling, not both (the autoscaler owns the replica count)`,
      );
    const healthPath = 'healthPath' in props ? props.healthPath : '/healthz';
    if ((!props.liveness || !props.readiness) && healthPath === undefined) {
      throw new Error(`WebService ${this.node.path}: without healthPath, give both liveness and readiness probes`);
    }
    this.labels = recommendedLabels(identity);
    this.podSelector = selectorLabels(identity);

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: this.name, labels: { ...this.labels } },
      replicas: props.autoscaling ? undefined : replicas,
      select: false,
      podMetadata: { labels: { ...this.labels } },
      securityContext: {
        user: props.user ?? 1000,
        group: props.user ?? 1000,
        fsGroup: props.user ?? 1000,
        sysctls: props.bindLowPorts ? [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] : undefined,
      },
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: toPercentOrAbsolute(props.maxSurge ?? '25%'),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...this.podSelector } }));
    dropConstructPathLabel(this.deployment, 'Deployment');
    this.container = this.deployment.addContainer({
      ...patternContainerProps(props),
      name: this.name,
      ports: [{ number: this.containerPort, name: 'http' }],
      liveness:
        props.liveness ??
        Probes.httpGet(healthPath!, {
          port: 'http',
          initialDelaySeconds: Duration.seconds(10),
          periodSeconds: Duration.seconds(10),
        }),
      readiness: props.readiness ?? Probes.httpGet(healthPath!, { port: 'http', periodSeconds: Duration.seconds(5) }),
    });
    mountPatternVolumes(this, this.container, props);

    const exposure = props.exposure ?? Exposure.internal();
    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: this.name, labels: { ...this.labels } },
      type: exposure.serviceType,
      ports: [{ name: 'http', port: this.servicePort, targetPort: this.containerPort, nodePort: exposure.nodePort }],
    });
    for (const [k, v] of Object.entries(this.podSelector)) this.service.selectLabel(k, v);
    this.dnsName = serviceDnsName(this.service);

    this.disruptionBudget = new PodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: { name: this.name, labels: { ...this.labels } },
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...this.podSelector } }),
      maxUnavailable: props.maxUnavailable ?? 1,
    });

    if (props.autoscaling) {
      const a = props.autoscaling;
      const min = a.minReplicas ?? 2;
      if (!(Number.isInteger(min) && min >= 1 && Number.isInteger(a.maxReplicas) && a.maxReplicas >= min)) {
        throw new Error(
          `WebService ${this.node.path}: autoscaling needs 1 <= minReplicas (${min}) <= maxReplicas (${a.maxReplicas})`,
        );
      }
      const cpu = a.cpuUtilization ?? 70;
      if (!(Number.isInteger(cpu) && cpu > 0 && cpu <= 100))
        throw new Error(`WebService ${this.node.path}: cpuUtilization must be from 1 to 100 (is ${cpu})`);
      this.autoscaler = new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
        metadata: { name: this.name, labels: { ...this.labels } },
        target: this.deployment,
        minReplicas: min,
        maxReplicas: a.maxReplicas,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(cpu))],
      });
    }

    if (exposure.ingressOptions) {
      const o = exposure.ingressOptions;
      this.ingress = new kplus.Ingress(this, 'Ingress', {
        metadata: { name: this.name, labels: { ...this.labels } },
        className: o.className,
        rules: [
          {
            host: o.host,
            path: o.path ?? '/',
            pathType: kplus.HttpIngressPathType.PREFIX,
            backend: kplus.IngressBackend.fromService(this.service, { port: this.servicePort }),
          },
        ],
        tls: o.tlsSecretName
          ? [{ hosts: [o.host], secret: kplus.Secret.fromSecretName(this, 'TlsSecret', o.tlsSecretName) }]
          : undefined,
      });
    }
    if (exposure.isExternal) {
      AppNetwork.of(this).allowFromOutside({ name: this.name, labels: this.podSelector }, this.containerPort);
    }
  }

  /**
   * Gives this service the address of `endpoint` (`<NAME>_HOST`, `<NAME>_PORT`, `<NAME>_ADDR`,
   * by Service DNS name) and allows exactly that traffic with NetworkPolicies.
   */
  public connectTo(endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
    connect(this, endpoint, options);
  }
}

function toPercentOrAbsolute(value: `${number}%` | number): kplus.PercentOrAbsolute {
  if (typeof value === 'number') return kplus.PercentOrAbsolute.absolute(value);
  return kplus.PercentOrAbsolute.percent(Number(value.slice(0, -1)));
}
