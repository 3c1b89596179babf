import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { knownProps } from '../core/known-props';
import { Probes } from '../workloads/probes';
import { PatternBase } from './base/pattern-base';
import { PATTERN_PROPS, PatternProps } from './base/pattern-props';
import { probeOrDefault, resolveReplicas } from './base/pattern-resolution';
import { containerPorts, PatternPort, validatePorts } from './pattern-port';
import { DeploymentUpdate, deploymentStrategy } from './update-strategy';

/**
 * Properties for `Worker`.
 */
export interface WorkerProps extends PatternProps {
  /**
   * Number of replicas.
   *
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Named ports the container listens on (metrics, health), without a Service.
   *
   * @default - none
   */
  readonly ports?: readonly PatternPort[];
  /**
   * Liveness probe; `false` for none (then relax `policy/probes` with a reason).
   *
   * @default - TCP connect to the first port; required when there is no port
   */
  readonly liveness?: kplus.Probe | false;
  /**
   * Readiness probe; `false` for none (then relax `policy/probes` with a reason).
   *
   * @default - TCP connect to the first port; required when there is no port
   */
  readonly readiness?: kplus.Probe | false;
  /**
   * How pods are replaced.
   *
   * @default - { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' }
   */
  readonly updateStrategy?: DeploymentUpdate;
}

/** The props of `WorkerProps`. */
export const WORKER_PROPS = knownProps<WorkerProps>('WorkerProps')([
  ...PATTERN_PROPS.names,
  'replicas',
  'ports',
  'liveness',
  'readiness',
  'updateStrategy',
]);

/**
 * A long-running process nobody connects to (a queue consumer, a load generator, a
 * controller): a Deployment with no Service, running as non-root with explicit resources. It
 * reaches services with `connectTo`, as every pattern does.
 *
 * ```ts
 * const consumer = new Worker(chart, 'queue-master', {
 *   image: 'weaveworksdemos/queue-master:0.3.1',
 *   liveness: Probes.exec(['pgrep', 'java']), readiness: Probes.exec(['pgrep', 'java']),
 * });
 * consumer.connectTo(rabbitmq);
 * ```
 */
export class Worker extends PatternBase {
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The main container. */
  public readonly container: kplus.Container;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, { defaultComponent: 'worker', knownProps: WORKER_PROPS });
    const replicas = resolveReplicas(this, props.replicas, 1);
    const ports = props.ports ?? [];
    validatePorts(this, 'ports', ports);
    if (props.liveness) Probes.validate(this, 'liveness', props.liveness);
    if (props.readiness) Probes.validate(this, 'readiness', props.readiness);
    const first = ports[0];
    const fallback = first ? Probes.tcpSocket({ port: first.name }) : undefined;
    for (const prop of ['liveness', 'readiness'] as const) {
      if (props[prop] === undefined && fallback === undefined)
        throw new ConstructError(this, `nothing to probe for ${prop}: the worker has no port`, {
          prop,
          hint: `give ${prop}: Probes.exec([...]), or a port; or ${prop}: false and relax policy/probes with a reason`,
        });
    }

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      ...this.workloadProps(),
      replicas,
      strategy: deploymentStrategy(this, 'updateStrategy', props.updateStrategy ?? { type: 'RollingUpdate' }, {
        maxSurge: '25%',
        maxUnavailable: '25%',
      }),
    });
    this.container = this.handOver(this.deployment, props, {
      ports: ports.length > 0 ? containerPorts(ports) : undefined,
      liveness: probeOrDefault(props.liveness, fallback),
      readiness: probeOrDefault(props.readiness, fallback),
    });
  }
}
