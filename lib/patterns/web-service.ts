import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { assertValid } from '../values/assert-valid';
import { portNumberProblems } from '../values/dns-name';
import { PodCount, PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { AppNetwork } from './app-network';
import { Exposure } from './exposure';
import { PatternBase, PatternProps } from './pattern-base';
import { IServiceEndpoint, serviceDnsName } from './service-endpoint';

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
export interface WebServiceProps extends PatternProps {
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
   * HTTP path of the health endpoint, probed by the default liveness and readiness probes
   * (unused when both `liveness` and `readiness` are given, e.g. for non-HTTP services).
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
  readonly maxSurge?: PodCount;
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
export class WebService extends PatternBase implements IServiceEndpoint {
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
  /** The Service port. */
  public readonly servicePort: number;
  /** The container port. */
  public readonly containerPort: number;
  /** The Service's DNS name. */
  public readonly dnsName: string;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props, { defaultComponent: 'web' });
    this.containerPort = props.port ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    assertValid(this, 'port', this.containerPort, portNumberProblems(this.containerPort));
    assertValid(this, 'servicePort', this.servicePort, portNumberProblems(this.servicePort));
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 0)
      throw new ConstructError(this, `must be a non-negative integer (is ${replicas})`, { prop: 'replicas' });
    if (props.autoscaling && props.replicas !== undefined)
      throw new ConstructError(this, 'set either replicas or autoscaling, not both', {
        prop: 'replicas',
        hint: 'remove replicas: the autoscaler owns the replica count',
      });
    const healthPath = props.healthPath ?? '/healthz';
    if (!healthPath.startsWith('/'))
      throw new ConstructError(this, `must start with '/' (is '${healthPath}')`, { prop: 'healthPath' });
    const maxSurge = props.maxSurge ?? '25%';
    const maxSurgeProblem = podCountProblem(maxSurge);
    if (maxSurgeProblem) throw new ConstructError(this, maxSurgeProblem, { prop: 'maxSurge' });
    Probes.validate(this, 'liveness', props.liveness);
    Probes.validate(this, 'readiness', props.readiness);
    const exposure = props.exposure ?? Exposure.internal();
    exposure.validate(this, 'exposure');

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      ...this.workloadProps(),
      replicas: props.autoscaling ? undefined : replicas,
      securityContext: this.podSecurityContext({
        sysctls: props.bindLowPorts ? [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] : undefined,
      }),
      strategy: inScope(this, 'maxSurge', () =>
        kplus.DeploymentStrategy.rollingUpdate({
          maxSurge: toPercentOrAbsolute(maxSurge),
          maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
        }),
      ),
    });
    this.ownPods(this.deployment);
    this.container = this.addMainContainer(this.deployment, props, {
      ports: [{ number: this.containerPort, name: 'http' }],
      liveness:
        props.liveness ??
        Probes.httpGet(healthPath, {
          port: 'http',
          initialDelaySeconds: Duration.seconds(10),
          periodSeconds: Duration.seconds(10),
        }),
      readiness: props.readiness ?? Probes.httpGet(healthPath, { port: 'http', periodSeconds: Duration.seconds(5) }),
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata: this.objectMetadata(),
      type: exposure.serviceType,
      ports: [{ name: 'http', port: this.servicePort, targetPort: this.containerPort, nodePort: exposure.nodePort }],
    });
    for (const [k, v] of Object.entries(this.podSelector)) this.service.selectLabel(k, v);
    this.dnsName = serviceDnsName(this.service);

    this.disruptionBudget = new PodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: this.objectMetadata(),
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...this.podSelector } }),
      maxUnavailable: props.maxUnavailable ?? 1,
    });

    if (props.autoscaling) {
      const a = props.autoscaling;
      const min = a.minReplicas ?? 2;
      if (!(Number.isInteger(min) && min >= 1))
        throw new ConstructError(this, `must be an integer of at least 1 (is ${min})`, {
          prop: 'autoscaling.minReplicas',
        });
      if (!(Number.isInteger(a.maxReplicas) && a.maxReplicas >= 1))
        throw new ConstructError(this, `must be an integer of at least 1 (is ${a.maxReplicas})`, {
          prop: 'autoscaling.maxReplicas',
        });
      const cpu = a.cpuUtilization ?? 70;
      if (!(Number.isInteger(cpu) && cpu > 0 && cpu <= 100))
        throw new ConstructError(this, `must be from 1 to 100 (is ${cpu})`, { prop: 'autoscaling.cpuUtilization' });
      // cdk8s-plus checks minReplicas <= maxReplicas
      this.autoscaler = inScope(
        this,
        'autoscaling',
        () =>
          new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
            metadata: this.objectMetadata(),
            target: this.deployment,
            minReplicas: min,
            maxReplicas: a.maxReplicas,
            metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(cpu))],
          }),
      );
    }

    if (exposure.ingressOptions) {
      const o = exposure.ingressOptions;
      const backend = inScope(this, 'servicePort', () =>
        kplus.IngressBackend.fromService(this.service, { port: this.servicePort }),
      );
      // cdk8s-plus checks that the path starts with '/'
      this.ingress = inScope(
        this,
        'exposure.path',
        () =>
          new kplus.Ingress(this, 'Ingress', {
            metadata: this.objectMetadata(),
            className: o.className,
            rules: [{ host: o.host, path: o.path ?? '/', pathType: kplus.HttpIngressPathType.PREFIX, backend }],
            tls: o.tlsSecretName
              ? [{ hosts: [o.host], secret: kplus.Secret.fromSecretName(this, 'TlsSecret', o.tlsSecretName) }]
              : undefined,
          }),
      );
    }
    if (exposure.isExternal) {
      AppNetwork.of(this).allowFromOutside({ name: this.name, labels: this.podSelector }, this.containerPort);
    }
  }
}

/** What is wrong with a pod count (`2`, `'25%'`), or undefined. */
function podCountProblem(value: PodCount): string | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? undefined : `must be a non-negative integer (is ${value})`;
  }
  const m = /^(\d+)%$/.exec(value);
  return m && Number(m[1]) <= 100 ? undefined : `must be a percentage from '0%' to '100%' (is '${value}')`;
}

function toPercentOrAbsolute(value: PodCount): kplus.PercentOrAbsolute {
  if (typeof value === 'number') return kplus.PercentOrAbsolute.absolute(value);
  return kplus.PercentOrAbsolute.percent(Number(value.slice(0, -1)));
}
