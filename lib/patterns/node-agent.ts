import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { checkKnownProps, knownProps } from '../core/known-props';
import { Policy } from '../validation/policy';
import { assertValid } from '../values/assert-valid';
import { portNumberProblems } from '../values/dns-name';
import { Probes } from '../workloads/probes';
import { PatternBase } from './base/pattern-base';
import { PATTERN_PROPS, PatternProps } from './base/pattern-props';

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

/** The props of `HostPathMount`. */
export const HOST_PATH_MOUNT_PROPS = knownProps<HostPathMount>('HostPathMount')([
  'hostPath',
  'mountPath',
  'readOnly',
  'reason',
]);

/**
 * Properties for `NodeAgent`.
 */
export interface NodeAgentProps extends PatternProps {
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

/** The props of `NodeAgentProps`. */
export const NODE_AGENT_PROPS = knownProps<NodeAgentProps>('NodeAgentProps')([
  ...PATTERN_PROPS.names,
  'hostPaths',
  'tolerateControlPlane',
  'port',
  'healthCheck',
]);

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
export class NodeAgent extends PatternBase {
  /** The DaemonSet. */
  public readonly daemonSet: kplus.DaemonSet;
  /** The main container. */
  public readonly container: kplus.Container;

  constructor(scope: Construct, id: string, props: NodeAgentProps) {
    // with runAsRootReason the agent runs as root and `user` is ignored
    const asRoot = props.runAsRootReason !== undefined;
    super(scope, id, asRoot ? { ...props, user: undefined } : props, {
      defaultComponent: 'agent',
      knownProps: NODE_AGENT_PROPS,
    });
    (props.hostPaths ?? []).forEach((h, i) => checkKnownProps(this, h, HOST_PATH_MOUNT_PROPS, `hostPaths[${i}]`));
    if (props.port !== undefined) assertValid(this, 'port', props.port, portNumberProblems(props.port));
    if (!props.healthCheck && props.port === undefined)
      throw new ConstructError(this, "nothing to check the agent's health with", {
        prop: 'healthCheck',
        hint: 'give a healthCheck probe, or a port to check',
      });
    Probes.validate(this, 'healthCheck', props.healthCheck);
    const hostPaths = props.hostPaths ?? [];
    hostPaths.forEach((h, i) => {
      if (!h.hostPath.startsWith('/'))
        throw new ConstructError(this, `must be absolute (is '${h.hostPath}')`, { prop: `hostPaths[${i}].hostPath` });
      if (h.reason.trim().length < 10)
        throw new ConstructError(this, `'${h.hostPath}' needs a reason`, {
          prop: `hostPaths[${i}].reason`,
          hint: 'say in a sentence why the agent needs the node directory',
        });
    });
    this.daemonSet = new kplus.DaemonSet(this, 'DaemonSet', {
      ...this.workloadProps(),
      securityContext: this.asRoot ? this.podSecurityContext() : this.podSecurityContext({ ensureNonRoot: true }),
    });
    const probe = props.healthCheck ?? Probes.tcpSocket({ port: 'http' });
    this.container = this.handOver(this.daemonSet, props, {
      ports: props.port !== undefined ? [{ number: props.port, name: 'http' }] : undefined,
      liveness: probe,
      readiness: probe,
    });
    // after the user's own tolerations (handOver applies them)
    if (props.tolerateControlPlane ?? true) {
      for (const key of CONTROL_PLANE_TAINTS) {
        this.daemonSet.scheduling.tolerate(
          kplus.Node.tainted(kplus.NodeTaintQuery.exists(key, { effect: kplus.TaintEffect.NO_SCHEDULE })),
        );
      }
    }

    hostPaths.forEach((h, i) => {
      const volume = kplus.Volume.fromHostPath(this, `host-${i}`, `host-${i}`, { path: h.hostPath });
      this.container.mount(h.mountPath ?? h.hostPath, volume, { readOnly: h.readOnly ?? true });
    });
    if (hostPaths.length > 0) {
      const reasons = hostPaths.map((h) => `${h.hostPath}: ${h.reason}`).join('; ');
      inScope(this, 'hostPaths', () => Policy.relax(this.daemonSet, 'policy/host-path', reasons));
    }
  }
}
