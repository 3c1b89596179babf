import * as kplus from 'cdk8s-plus-27';
import { knownProps } from '../core/known-props';
import { PodCount } from '../workloads/pod-disruption-budget';
import { PATTERN_PROPS, PatternProps } from './base/pattern-props';
import { Exposure } from './exposure';
import { AdditionalService, PatternPort } from './pattern-port';
import { DeploymentUpdate } from './update-strategy';
import { WebServiceAutoscaling } from './web-service-autoscaling';

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
