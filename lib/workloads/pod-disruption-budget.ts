import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';

/** A number of pods (`2`) or a percentage of the selected pods (`'50%'`). */
export type PodCount = number | `${number}%`;

/** What the eviction API may do with pods that are running but not yet healthy. */
export enum UnhealthyPodEvictionPolicy {
  /** Unhealthy running pods may be evicted only while the budget is met. */
  IF_HEALTHY_BUDGET = 'IfHealthyBudget',
  /** Unhealthy running pods may always be evicted, regardless of the budget. */
  ALWAYS_ALLOW = 'AlwaysAllow',
}

/**
 * Properties for `PodDisruptionBudget`.
 */
export interface PodDisruptionBudgetProps extends kplus.ResourceProps {
  /**
   * The pods the budget protects: a workload (its selector is used) or any pod selector.
   */
  readonly selector: kplus.IPodSelector;

  /**
   * Pods that must remain available during a voluntary disruption (drain, upgrade).
   * Exactly one of `minAvailable` and `maxUnavailable` must be set.
   *
   * @default - not set; `maxUnavailable` must be set
   */
  readonly minAvailable?: PodCount;

  /**
   * Pods that may be unavailable during a voluntary disruption.
   * Exactly one of `minAvailable` and `maxUnavailable` must be set.
   *
   * @default - not set; `minAvailable` must be set
   */
  readonly maxUnavailable?: PodCount;

  /**
   * Whether running-but-unhealthy pods may be evicted when the budget is not met.
   *
   * @default - the cluster's default (IfHealthyBudget)
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/**
 * A PodDisruptionBudget limits how many pods of a replicated application are down at once
 * because of voluntary disruptions such as node drains.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export class PodDisruptionBudget extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'poddisruptionbudgets';
  /** Minimum available pods, if set. */
  public readonly minAvailable?: PodCount;
  /** Maximum unavailable pods, if set. */
  public readonly maxUnavailable?: PodCount;
  private readonly selector: kplus.IPodSelector;
  private readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;

  constructor(scope: Construct, id: string, props: PodDisruptionBudgetProps) {
    super(scope, id);
    if ((props.minAvailable === undefined) === (props.maxUnavailable === undefined)) {
      throw new ConstructError(this, 'set exactly one of minAvailable and maxUnavailable', {
        prop: props.minAvailable === undefined ? 'minAvailable' : 'maxUnavailable',
      });
    }
    checkPodCount(this, 'minAvailable', props.minAvailable);
    checkPodCount(this, 'maxUnavailable', props.maxUnavailable);
    this.minAvailable = props.minAvailable;
    this.maxUnavailable = props.maxUnavailable;
    this.selector = props.selector;
    this.unhealthyPodEvictionPolicy = props.unhealthyPodEvictionPolicy;
    this.apiObject = new kplus.k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /** @internal */
  public _toKube(): kplus.k8s.PodDisruptionBudgetSpec {
    // lazy (synth time): a workload selector without cdk8s-plus's path label throws here
    const selector = inScope(this, 'selector', () => this.selector.toPodSelectorConfig().labelSelector._toKube());
    return {
      selector,
      minAvailable: toIntOrString(this.minAvailable),
      maxUnavailable: toIntOrString(this.maxUnavailable),
      unhealthyPodEvictionPolicy: this.unhealthyPodEvictionPolicy,
    };
  }
}

function toIntOrString(value: PodCount | undefined): kplus.k8s.IntOrString | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? kplus.k8s.IntOrString.fromNumber(value) : kplus.k8s.IntOrString.fromString(value);
}

function checkPodCount(scope: IConstruct, prop: string, value: PodCount | undefined): void {
  if (value === undefined) return;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0)
      throw new ConstructError(scope, `must be a non-negative integer or a percentage such as '50%' (is ${value})`, {
        prop,
      });
    return;
  }
  const m = /^(\d+)%$/.exec(value);
  if (!m || Number(m[1]) > 100)
    throw new ConstructError(
      scope,
      `must be a non-negative integer or a percentage from '0%' to '100%' (is '${value}')`,
      { prop },
    );
}
