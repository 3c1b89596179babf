import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { checkKnownProps } from '../core/known-props';
import { assertValid } from '../values/assert-valid';
import { labelValueProblems, portNameProblems, portNumberProblems } from '../values/dns-name';
import { PodDisruptionBudget } from '../workloads/pod-disruption-budget';
import { Probes } from '../workloads/probes';
import { addAdditionalServices } from './additional-services';
import { AppNetwork } from './app-network';
import { selectingService } from './base/front-service';
import { PatternBase } from './base/pattern-base';
import { probeOrDefault, resolveReplicas } from './base/pattern-resolution';
import { Exposure, ingressFor } from './exposure';
import { ADDITIONAL_SERVICE_PROPS, containerPorts, PatternPort, servicePorts, validatePorts } from './pattern-port';
import { IServiceEndpoint, serviceDnsName } from './service-endpoint';
import { deploymentStrategy, podCountProblem } from './update-strategy';
import { WEB_SERVICE_AUTOSCALING_PROPS, webServiceAutoscaler } from './web-service-autoscaling';
import { WEB_SERVICE_PROPS, WebServiceProps } from './web-service-props';

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
    const replicas = resolveReplicas(this, props.replicas, 2);
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
    this.serviceSelector = resolveServiceSelector(this, props.serviceSelector, this.podSelector);

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
    const defaults = defaultProbes(portName, this.containerPort, healthPath);
    this.container = this.handOver(this.deployment, props, {
      ports: containerPorts(ports),
      liveness: probeOrDefault(props.liveness, defaults.liveness),
      readiness: probeOrDefault(props.readiness, defaults.readiness),
    });

    this.service = selectingService(
      this,
      'Service',
      { metadata: this.objectMetadata(), type: exposure.serviceType, ports: servicePorts(ports, exposure.nodePort) },
      this.serviceSelector,
    );
    this.dnsName = serviceDnsName(this.service);
    this.additionalServices = addAdditionalServices(
      { scope: this, name: this.name, labels: this.labels, selector: this.serviceSelector, ports },
      props.additionalServices ?? [],
    );
    this.disruptionBudget = this.disruptionBudgetOf(props.maxUnavailable ?? 1);
    if (props.autoscaling)
      this.autoscaler = webServiceAutoscaler(this, this.objectMetadata(), this.deployment, props.autoscaling);
    if (exposure.ingressOptions)
      this.ingress = ingressFor(this, this.objectMetadata(), this.service, this.servicePort, exposure.ingressOptions);
    if (exposure.isExternal) {
      AppNetwork.of(this).allowFromOutside({ name: this.name, labels: this.serviceSelector }, this.containerPort, {
        viaIngress: exposure.ingressOptions !== undefined,
      });
    }
  }
}

/** The Service's selector: `given` (a subset of the pods' selector, checked), else the pods' selector. */
function resolveServiceSelector(
  scope: Construct,
  given: Readonly<Record<string, string>> | undefined,
  podSelector: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  if (given === undefined) return { ...podSelector };
  for (const [k, v] of Object.entries(given)) assertValid(scope, `serviceSelector['${k}']`, v, labelValueProblems(v));
  if (!Object.entries(given).every(([k, v]) => podSelector[k] === v))
    throw new ConstructError(scope, "the Service would not select the pattern's own pods", {
      prop: 'serviceSelector',
      hint: 'use a subset of the pod selector (selector), e.g. { app } of { app, version }',
    });
  return { ...given };
}

/** A WebService's probes when not given: gRPC health on a port named `grpc`, else GET `healthPath`. */
function defaultProbes(
  portName: string,
  port: number,
  healthPath: string,
): { liveness: kplus.Probe; readiness: kplus.Probe } {
  const live = { initialDelaySeconds: Duration.seconds(10), periodSeconds: Duration.seconds(10) };
  const ready = { periodSeconds: Duration.seconds(5) };
  return portName === 'grpc'
    ? { liveness: Probes.grpc(port, live), readiness: Probes.grpc(port, ready) }
    : {
        liveness: Probes.httpGet(healthPath, { port: portName, ...live }),
        readiness: Probes.httpGet(healthPath, { port: portName, ...ready }),
      };
}
