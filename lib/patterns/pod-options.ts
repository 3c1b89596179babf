import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { knownProps } from '../core/known-props';

/** The ServiceAccount a pattern's pods run as. */
export interface PatternServiceAccount {
  /**
   * Its name.
   *
   * @default - the pattern's name
   */
  readonly name?: string;
  /**
   * Create it (true), or reference an existing one by `name` (false).
   *
   * @default true
   */
  readonly create?: boolean;
}

/** A topology spread constraint: spread the pattern's pods evenly over a topology. */
export interface TopologySpread {
  /**
   * The node label whose values are the domains, e.g. `topology.kubernetes.io/zone`.
   *
   * @default 'kubernetes.io/hostname'
   */
  readonly topologyKey?: string;
  /**
   * Largest allowed difference of pod counts between two domains.
   *
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What to do when it cannot be met.
   *
   * @default 'ScheduleAnyway'
   */
  readonly whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
}

/**
 * Pod-level settings every long-running pattern takes (and the jobs, where they apply). Fields
 * cdk8s-plus-27 has are mapped onto its API; the others (`nodeSelector`, `priorityClassName`,
 * several `imagePullSecrets`, `topologySpread`, native sidecars) are added by the pattern to
 * what it renders.
 */
export interface PatternPodOptions {
  /**
   * The ServiceAccount the pods run as: created by the pattern, or an existing one by name.
   *
   * @default - the namespace's `default` ServiceAccount
   */
  readonly serviceAccount?: PatternServiceAccount;
  /**
   * Mount the ServiceAccount token into the pods (only for pods that call the Kubernetes API).
   *
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * How long the pods get to stop after SIGTERM (and the `preStop` hook) before SIGKILL.
   *
   * @default - 30 seconds (Kubernetes' default, rendered as `terminationGracePeriodSeconds: 30`)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Names of existing Secrets (type `kubernetes.io/dockerconfigjson`) to pull images with.
   *
   * @default - none
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * Init containers, run in order to completion before the main container starts. Unless they
   * set their own `securityContext`, they run as the pattern's user, with cdk8s-plus's secure
   * defaults (non-root, read-only root filesystem). Like the main container, they render no
   * `imagePullPolicy` unless they set one (the API server's default applies).
   *
   * @default - none
   */
  readonly initContainers?: readonly kplus.ContainerProps[];
  /**
   * Sidecars (proxies, log shippers), rendered as native sidecars: init containers with
   * `restartPolicy: Always`, started before and stopped after the main container. Needs
   * Kubernetes 1.29 (`FEATURE_SINCE.nativeSidecars`) as the app's `kubernetesVersion`. They run
   * as the pattern's user unless they set their own `securityContext`, and render no
   * `imagePullPolicy` unless they set one. cdk8s-plus-27 refuses probes on init containers, so
   * sidecars take none (the policy does not ask for them).
   *
   * @default - none
   */
  readonly sidecars?: readonly kplus.ContainerProps[];
  /**
   * More regular containers in the pod, after the main one (an exporter next to its server).
   * Unless they set their own `securityContext`, they run as the pattern's user; they render no
   * `imagePullPolicy` unless they set one. From Kubernetes 1.29, prefer `sidecars` for helpers
   * that must outlive the main container.
   *
   * @default - none
   */
  readonly extraContainers?: readonly kplus.ContainerProps[];
  /**
   * Node labels the pods' node must have (`spec.nodeSelector`).
   *
   * @default - any node
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Required node affinity: the pods run only on nodes matching all these label queries
   * (cdk8s-plus's `scheduling.attract`).
   *
   * @default - none
   */
  readonly nodeAffinity?: readonly kplus.NodeLabelQuery[];
  /**
   * Taints the pods tolerate (cdk8s-plus's `scheduling.tolerate`).
   *
   * @default - none (a NodeAgent adds the control-plane taints)
   */
  readonly tolerations?: readonly kplus.NodeTaintQuery[];
  /**
   * Spread the pods over nodes or zones.
   *
   * @default - none
   */
  readonly topologySpread?: readonly TopologySpread[];
  /**
   * Annotations on the pods (e.g. `prometheus.io/scrape`).
   *
   * @default - none
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /**
   * Let the non-root process bind ports below 1024 (e.g. an image hard-wired to port 80), with
   * the namespaced, "safe" sysctl `net.ipv4.ip_unprivileged_port_start=0` (a capability such as
   * NET_BIND_SERVICE is not enough for a non-root process without file capabilities).
   *
   * @default - false: no sysctl rendered
   */
  readonly bindLowPorts?: boolean;
  /**
   * The PriorityClass of the pods.
   *
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
}

/** The props of `PatternServiceAccount`. */
export const PATTERN_SERVICE_ACCOUNT_PROPS = knownProps<PatternServiceAccount>('PatternServiceAccount')([
  'name',
  'create',
]);

/** The props of `TopologySpread`. */
export const TOPOLOGY_SPREAD_PROPS = knownProps<TopologySpread>('TopologySpread')([
  'topologyKey',
  'maxSkew',
  'whenUnsatisfiable',
]);

/** The props of `PatternPodOptions`. */
export const PATTERN_POD_PROPS = knownProps<PatternPodOptions>('PatternPodOptions')([
  'serviceAccount',
  'automountServiceAccountToken',
  'terminationGracePeriod',
  'imagePullSecrets',
  'initContainers',
  'sidecars',
  'extraContainers',
  'nodeSelector',
  'nodeAffinity',
  'tolerations',
  'topologySpread',
  'podAnnotations',
  'bindLowPorts',
  'priorityClassName',
]);
