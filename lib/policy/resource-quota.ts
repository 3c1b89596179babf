import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { labelKeyProblems } from '../values/dns-name';
import { checkQuantities, ResourceQuantities, toQuantities } from './limit-range';

/** Scopes that restrict which objects a quota counts. */
export enum QuotaScope {
  /** Pods with `activeDeadlineSeconds` set. */
  TERMINATING = 'Terminating',
  /** Pods without `activeDeadlineSeconds`. */
  NOT_TERMINATING = 'NotTerminating',
  /** Pods with best-effort QoS (no requests or limits). */
  BEST_EFFORT = 'BestEffort',
  /** Pods without best-effort QoS. */
  NOT_BEST_EFFORT = 'NotBestEffort',
  /** Pods that reference a PriorityClass. */
  PRIORITY_CLASS = 'PriorityClass',
  /** Pods with cross-namespace affinity terms. */
  CROSS_NAMESPACE_POD_AFFINITY = 'CrossNamespacePodAffinity',
}

/**
 * Properties for `ResourceQuota`.
 */
export interface ResourceQuotaProps extends kplus.ResourceProps {
  /**
   * Hard limits per resource name, e.g. `{ 'requests.cpu': '4', 'limits.memory': '8Gi', pods: '20' }`.
   */
  readonly hard: ResourceQuantities;

  /**
   * Only objects matching every scope are counted.
   *
   * @default - all objects in the namespace are counted
   */
  readonly scopes?: readonly QuotaScope[];
}

/**
 * A ResourceQuota caps the total resources and object counts of a namespace.
 *
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export class ResourceQuota extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'resourcequotas';
  /** Hard limits per resource name. */
  public readonly hard: ResourceQuantities;
  /** Scopes restricting what is counted. */
  public readonly scopes: readonly QuotaScope[];

  constructor(scope: Construct, id: string, props: ResourceQuotaProps) {
    super(scope, id);
    if (Object.keys(props.hard).length === 0) throw new ConstructError(this, 'must not be empty', { prop: 'hard' });
    for (const resource of Object.keys(props.hard)) {
      const problems = labelKeyProblems(resource);
      if (problems.length > 0)
        throw new ConstructError(this, `resource name '${resource}' ${problems.join('; ')}`, { prop: 'hard' });
    }
    checkQuantities(this, 'hard', props.hard);
    this.hard = props.hard;
    this.scopes = props.scopes ?? [];
    this.apiObject = new kplus.k8s.KubeResourceQuota(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /** @internal */
  public _toKube(): kplus.k8s.ResourceQuotaSpec {
    return {
      hard: toQuantities(this.hard),
      scopes: this.scopes.length > 0 ? [...this.scopes] : undefined,
    };
  }
}
