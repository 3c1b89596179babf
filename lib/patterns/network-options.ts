import { knownProps } from '../core/known-props';

/** A group of pods: a pattern's name, pod labels and namespace. */
export interface PodGroup {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace?: string;
}

/** Traffic the isolated pods may send outside the cluster. */
export interface EgressCidr {
  /** The destination, e.g. `10.0.0.0/8`, or `0.0.0.0/0` for the internet. */
  readonly cidr: string;
  /**
   * Addresses inside `cidr` that stay forbidden (e.g. the cloud metadata endpoint `169.254.169.254/32`).
   *
   * @default - none
   */
  readonly except?: readonly string[];
  /**
   * TCP ports allowed.
   *
   * @default - every port
   */
  readonly ports?: readonly number[];
}

/** How a namespace's pattern pods are isolated (`AppNetwork.isolate`). */
export interface IsolationOptions {
  /**
   * Namespace of the ingress controller: pods exposed with `Exposure.ingress` accept traffic
   * from that namespace only. LoadBalancer and NodePort exposures always accept traffic from
   * anywhere (the client addresses are not known in advance).
   *
   * @default - Ingress-exposed pods accept traffic from anywhere (0.0.0.0/0), like LoadBalancer ones
   */
  readonly ingressControllerNamespace?: string;
  /**
   * Destinations outside the cluster every pattern pod may reach.
   *
   * @default - none: only DNS and the Services given with `connectTo`
   */
  readonly egress?: readonly EgressCidr[];
}

/** The props of `EgressCidr`. */
export const EGRESS_CIDR_PROPS = knownProps<EgressCidr>('EgressCidr')(['cidr', 'except', 'ports']);

/** The props of `IsolationOptions`. */
export const ISOLATION_PROPS = knownProps<IsolationOptions>('IsolationOptions')([
  'ingressControllerNamespace',
  'egress',
]);
