import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { checkKnownProps, knownProps } from '../core/known-props';
import { assertValid } from '../values/assert-valid';
import { labelValueProblems, portNameProblems, portNumberProblems } from '../values/dns-name';
import { PodCount, PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { AppNetwork } from './app-network';
import { Exposure } from './exposure';
import { PATTERN_PROPS, PatternBase, PatternProps } from './pattern-base';
import {
  ADDITIONAL_SERVICE_PROPS,
  AdditionalService,
  containerPorts,
  PatternPort,
  serviceNameProblems,
  servicePorts,
  validatePorts,
} from './pattern-port';
import { IServiceEndpoint, serviceDnsName } from './service-endpoint';
import { DeploymentUpdate, deploymentStrategy, podCountProblem } from './update-strategy';

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

/** The props of `WebServiceAutoscaling`. */
export const WEB_SERVICE_AUTOSCALING_PROPS = knownProps<WebServiceAutoscaling>('WebServiceAutoscaling')([
  'minReplicas',
  'maxReplicas',
  'cpuUtilization',
]);

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
   * The name of `port` (an IANA service name), on the container and the Service. A port named
   * `grpc` gets gRPC health probes by default.
   *
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * The port of the Service.
   *
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * More named ports (gRPC, metrics, admin), on the container and the Service.
   *
   * @default - none
   */
  readonly extraPorts?: readonly PatternPort[];
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
   * More Services in front of the same pods, e.g. an external LoadBalancer beside the
   * internal one.
   *
   * @default - none
   */
  readonly additionalServices?: readonly AdditionalService[];
  /**
   * The Service's selector, when it must select more pods than this pattern's (e.g. every
   * version of an app, `{ app: 'reviews' }`, while the Deployment selects `version: v1` only).
   *
   * @default - the pattern's pod selector
   */
  readonly serviceSelector?: Readonly<Record<string, string>>;
  /**
   * HTTP path of the health endpoint, probed by the default liveness and readiness probes
   * (unused when both `liveness` and `readiness` are given, e.g. for non-HTTP services).
   *
   * @default '/healthz'
   */
  readonly healthPath?: string;
  /**
   * Liveness probe; `false` for none (then relax `policy/probes` with a reason).
   *
   * @default - HTTP GET `healthPath` on the container port (gRPC health on a `grpc` port), every 10 s, after 10 s
   */
  readonly liveness?: kplus.Probe | false;
  /**
   * Readiness probe; `false` for none (then relax `policy/probes` with a reason).
   *
   * @default - HTTP GET `healthPath` on the container port (gRPC health on a `grpc` port), every 5 s
   */
  readonly readiness?: kplus.Probe | false;
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
   * Rolling update: extra pods during an update (a shorthand for
   * `updateStrategy: { type: 'RollingUpdate', maxSurge }`).
   *
   * @default '25%'
   */
  readonly maxSurge?: PodCount;
  /**
   * How pods are replaced: `{ type: 'Recreate' }`, or rolling with `maxSurge` and `maxUnavailable`.
   *
   * @default - { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: 0 }
   */
  readonly updateStrategy?: DeploymentUpdate;
}

/** The props of `WebServiceProps`. */
export const WEB_SERVICE_PROPS = knownProps<WebServiceProps>('WebServiceProps')([
  ...PATTERN_PROPS.names,
  'port',
  'portName',
  'servicePort',
  'extraPorts',
  'replicas',
  'exposure',
  'additionalServices',
  'serviceSelector',
  'healthPath',
  'liveness',
  'readiness',
  'autoscaling',
  'maxUnavailable',
  'maxSurge',
  'updateStrategy',
]);

/**
 * A stateless HTTP (or gRPC) service: a Deployment with readiness and liveness probes and a
 * rolling update, a Service (and optionally more), a PodDisruptionBudget, optionally an
 * autoscaler and an Ingress. Selectors are the recommended labels (name, instance,
 * component), never the construct path, or an installed object's (`selector`) to adopt it.
 *
 * ```ts
 * const api = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:1.4.2', autoscaling: { maxReplicas: 10 } });
 * const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', exposure: Exposure.ingress({ host: 'acme.example.com' }) });
 * web.connectTo(api); // API_HOST, API_PORT, API_ADDR in web's container
 * ```
 */
export class WebService extends PatternBase implements IServiceEndpoint {
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The main container. */
  public readonly container: kplus.Container;
  /** The Service. */
  public readonly service: kplus.Service;
  /** The `additionalServices`, in order. */
  public readonly additionalServices: readonly kplus.Service[];
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
  /** The labels the Service selects. */
  public readonly serviceSelector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props, { defaultComponent: 'web', knownProps: WEB_SERVICE_PROPS });
    checkKnownProps(this, props.autoscaling, WEB_SERVICE_AUTOSCALING_PROPS, 'autoscaling');
    (props.additionalServices ?? []).forEach((extra, i) =>
      checkKnownProps(this, extra, ADDITIONAL_SERVICE_PROPS, `additionalServices[${i}]`),
    );
    this.containerPort = props.port ?? 8080;
    this.servicePort = props.servicePort ?? 80;
    const portName = props.portName ?? 'http';
    assertValid(this, 'port', this.containerPort, portNumberProblems(this.containerPort));
    assertValid(this, 'servicePort', this.servicePort, portNumberProblems(this.servicePort));
    assertValid(this, 'portName', portName, portNameProblems(portName));
    const mainPort: PatternPort = { name: portName, port: this.containerPort, servicePort: this.servicePort };
    validatePorts(this, 'extraPorts', props.extraPorts ?? [], [mainPort]);
    const ports: PatternPort[] = [mainPort, ...(props.extraPorts ?? [])];
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
    if (props.maxSurge !== undefined && props.updateStrategy !== undefined)
      throw new ConstructError(this, 'set either maxSurge or updateStrategy, not both', {
        prop: 'maxSurge',
        hint: "put maxSurge into updateStrategy: { type: 'RollingUpdate', maxSurge }",
      });
    const maxSurge = props.maxSurge ?? '25%';
    const maxSurgeProblem = podCountProblem(maxSurge);
    if (maxSurgeProblem) throw new ConstructError(this, maxSurgeProblem, { prop: 'maxSurge' });
    if (props.liveness) Probes.validate(this, 'liveness', props.liveness);
    if (props.readiness) Probes.validate(this, 'readiness', props.readiness);
    const exposure = props.exposure ?? Exposure.internal();
    exposure.validate(this, 'exposure');
    if (props.serviceSelector !== undefined) {
      for (const [k, v] of Object.entries(props.serviceSelector))
        assertValid(this, `serviceSelector['${k}']`, v, labelValueProblems(v));
      const selected = Object.entries(props.serviceSelector).every(([k, v]) => this.podSelector[k] === v);
      if (!selected)
        throw new ConstructError(this, "the Service would not select the pattern's own pods", {
          prop: 'serviceSelector',
          hint: 'use a subset of the pod selector (selector), e.g. { app } of { app, version }',
        });
    }
    this.serviceSelector = { ...(props.serviceSelector ?? this.podSelector) };

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      ...this.workloadProps(),
      replicas: props.autoscaling ? undefined : replicas,
      strategy: deploymentStrategy(
        this,
        props.updateStrategy ? 'updateStrategy' : 'maxSurge',
        props.updateStrategy ?? { type: 'RollingUpdate', maxSurge },
        { maxSurge: '25%', maxUnavailable: 0 },
      ),
    });
    this.ownPods(this.deployment);
    const grpc = portName === 'grpc';
    const defaultLiveness = grpc
      ? Probes.grpc(this.containerPort, {
          initialDelaySeconds: Duration.seconds(10),
          periodSeconds: Duration.seconds(10),
        })
      : Probes.httpGet(healthPath, {
          port: portName,
          initialDelaySeconds: Duration.seconds(10),
          periodSeconds: Duration.seconds(10),
        });
    const defaultReadiness = grpc
      ? Probes.grpc(this.containerPort, { periodSeconds: Duration.seconds(5) })
      : Probes.httpGet(healthPath, { port: portName, periodSeconds: Duration.seconds(5) });
    this.container = this.addMainContainer(this.deployment, props, {
      ports: containerPorts(ports),
      liveness: props.liveness === false ? undefined : (props.liveness ?? defaultLiveness),
      readiness: props.readiness === false ? undefined : (props.readiness ?? defaultReadiness),
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata: this.objectMetadata(),
      type: exposure.serviceType,
      ports: servicePorts(ports, exposure.nodePort),
    });
    for (const [k, v] of Object.entries(this.serviceSelector)) this.service.selectLabel(k, v);
    this.dnsName = serviceDnsName(this.service);
    this.additionalServices = (props.additionalServices ?? []).map((extra, i) => {
      assertValid(this, `additionalServices[${i}].name`, extra.name, serviceNameProblems(extra.name));
      extra.exposure.validate(this, `additionalServices[${i}].exposure`);
      if (extra.exposure.ingressOptions)
        throw new ConstructError(this, 'an additional Service cannot be exposed through an Ingress', {
          prop: `additionalServices[${i}].exposure`,
          hint: 'use Exposure.internal(), .nodePort() or .loadBalancer()',
        });
      const chosen = extra.ports === undefined ? ports : ports.filter((p) => extra.ports!.includes(p.name));
      (extra.ports ?? []).forEach((n, j) => {
        if (!ports.some((p) => p.name === n))
          throw new ConstructError(this, `no port named '${n}'`, {
            prop: `additionalServices[${i}].ports[${j}]`,
            hint: `use one of ${ports.map((p) => p.name).join(', ')}`,
          });
      });
      const service = new kplus.Service(this, `Service-${extra.name}`, {
        metadata: { name: extra.name, labels: { ...this.labels } },
        type: extra.exposure.serviceType,
        ports: servicePorts(chosen, extra.exposure.nodePort),
      });
      for (const [k, v] of Object.entries(this.serviceSelector)) service.selectLabel(k, v);
      if (extra.exposure.isExternal) {
        for (const p of chosen)
          AppNetwork.of(this).allowFromOutside({ name: this.name, labels: this.serviceSelector }, p.port);
      }
      return service;
    });

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
      AppNetwork.of(this).allowFromOutside({ name: this.name, labels: this.serviceSelector }, this.containerPort, {
        viaIngress: exposure.ingressOptions !== undefined,
      });
    }
  }
}
