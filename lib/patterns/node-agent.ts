import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Policy } from '../validation/policy';
import { Probes } from '../workloads/probes';
import { mountPatternVolumes, PatternContainerOptions, patternContainerProps } from './pattern-container';
import {
  checkIdentity,
  dropConstructPathLabel,
  PatternIdentity,
  recommendedLabels,
  selectorLabels,
} from './recommended-labels';

/** A directory of the node the agent reads (or writes). */
export interface HostPathMount {
  /** The path on the node, e.g. `/var/log`. */
  readonly hostPath: string;
  /**
   * Where it appears in the container.
   *
   * @default - the same path as on the node
   */
  readonly mountPath?: string;
  /**
   * Mount read-only.
   *
   * @default true
   */
  readonly readOnly?: boolean;
  /** Why the agent needs it; recorded as the `policy/host-path` relaxation's reason. */
  readonly reason: string;
}

/**
 * Properties for `NodeAgent`.
 */
export interface NodeAgentProps extends PatternContainerOptions {
  /**
   * The name (`app.kubernetes.io/name`) and object names.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * `app.kubernetes.io/component`.
   *
   * @default 'agent'
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`.
   *
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * Node directories the agent needs, each with its reason.
   *
   * @default - none
   */
  readonly hostPaths?: readonly HostPathMount[];
  /**
   * Also run on control-plane nodes (tolerating their NoSchedule taints).
   *
   * @default true
   */
  readonly tolerateControlPlane?: boolean;
  /**
   * Run as root, with the reason (e.g. to read root-owned log files). Recorded as the
   * `policy/run-as-non-root` relaxation.
   *
   * @default - runs as `user` (non-root)
   */
  readonly runAsRootReason?: string;
  /**
   * A port the agent serves (metrics, health), named `http`.
   *
   * @default - none
   */
  readonly port?: number;
  /**
   * Liveness and readiness probe.
   *
   * @default - TCP connect to `port`; required when there is no port
   */
  readonly healthCheck?: kplus.Probe;
}

const CONTROL_PLANE_TAINTS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

/**
 * A per-node agent (log collector, metrics exporter): a DaemonSet that tolerates the
 * control-plane taints, with resource limits, and with every host path declared explicitly:
 * each carries its reason, which becomes the `policy/host-path` relaxation in the report.
 *
 * ```ts
 * new NodeAgent(chart, 'fluentd', {
 *   image: 'fluent/fluentd:v1.16.2-1.0', healthCheck: Probes.exec(['pgrep', 'fluentd']),
 *   hostPaths: [{ hostPath: '/var/log', reason: 'collects container logs from the node' }],
 * });
 * ```
 */
export class NodeAgent extends Construct {
  public readonly name: string;
  /** The DaemonSet. */
  public readonly daemonSet: kplus.DaemonSet;
  /** The main container. */
  public readonly container: kplus.Container;
  public readonly labels: Readonly<Record<string, string>>;
  public readonly podSelector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: NodeAgentProps) {
    super(scope, id);
    const identity: PatternIdentity = {
      name: props.name ?? id,
      instance: props.name ?? id,
      component: props.component ?? 'agent',
      partOf: props.partOf,
    };
    checkIdentity(`NodeAgent ${this.node.path}`, identity);
    if (!props.healthCheck && props.port === undefined)
      throw new Error(`NodeAgent ${this.node.path}: give a healthCheck probe, or a port to check`);
    this.name = identity.name;
    this.labels = recommendedLabels(identity);
    this.podSelector = selectorLabels(identity);
    const asRoot = props.runAsRootReason !== undefined;
    const user = asRoot ? 0 : (props.user ?? 1000);

    this.daemonSet = new kplus.DaemonSet(this, 'DaemonSet', {
      metadata: { name: this.name, labels: { ...this.labels } },
      select: false,
      podMetadata: { labels: { ...this.labels } },
      securityContext: { user, group: user, ensureNonRoot: !asRoot },
    });
    this.daemonSet.select(kplus.LabelSelector.of({ labels: { ...this.podSelector } }));
    dropConstructPathLabel(this.daemonSet, 'DaemonSet');
    if (props.tolerateControlPlane ?? true) {
      for (const key of CONTROL_PLANE_TAINTS) {
        this.daemonSet.scheduling.tolerate(
          kplus.Node.tainted(kplus.NodeTaintQuery.exists(key, { effect: kplus.TaintEffect.NO_SCHEDULE })),
        );
      }
    }
    // the container runs as `user`, or as root when runAsRootReason says why (securityContext below)
    const base = patternContainerProps({ ...props, user: asRoot ? 1000 : props.user });
    const probe = props.healthCheck ?? Probes.tcpSocket({ port: 'http' });
    this.container = this.daemonSet.addContainer({
      ...base,
      name: this.name,
      securityContext: asRoot ? { user: 0, group: 0, ensureNonRoot: false } : base.securityContext,
      ports: props.port !== undefined ? [{ number: props.port, name: 'http' }] : undefined,
      liveness: probe,
      readiness: probe,
    });
    mountPatternVolumes(this, this.container, props);

    const hostPaths = props.hostPaths ?? [];
    hostPaths.forEach((h, i) => {
      if (!h.hostPath.startsWith('/'))
        throw new Error(`NodeAgent ${this.node.path}: hostPaths[${i}].hostPath must be absolute (is '${h.hostPath}')`);
      if (h.reason.trim().length < 10)
        throw new Error(`NodeAgent ${this.node.path}: hostPaths[${i}] (${h.hostPath}) needs a reason`);
      const volume = kplus.Volume.fromHostPath(this, `host-${i}`, `host-${i}`, { path: h.hostPath });
      this.container.mount(h.mountPath ?? h.hostPath, volume, { readOnly: h.readOnly ?? true });
    });
    if (hostPaths.length > 0)
      Policy.relax(this.daemonSet, 'policy/host-path', hostPaths.map((h) => `${h.hostPath}: ${h.reason}`).join('; '));
    if (asRoot) Policy.relax(this.daemonSet, 'policy/run-as-non-root', props.runAsRootReason!);
  }
}
