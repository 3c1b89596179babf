import { ApiObject, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';

/**
 * Properties for `ReplicaSet`.
 */
export interface ReplicaSetProps extends kplus.WorkloadProps {
  /**
   * Number of desired pods.
   *
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Minimum duration for which a newly created pod should be ready without any of its
   * containers crashing, for it to be considered available.
   *
   * @default Duration.seconds(0)
   */
  readonly minReady?: Duration;
}

/**
 * A ReplicaSet keeps a stable set of replica pods running at any given time.
 *
 * Most users want a `Deployment`, which manages ReplicaSets and adds rolling updates; use a
 * ReplicaSet directly only when you need custom update orchestration or no updates at all.
 * Built on cdk8s-plus-27's `Workload`, so containers, volumes, scheduling and selectors work
 * exactly as for a Deployment.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/
 */
export class ReplicaSet extends kplus.Workload implements kplus.IScalable {
  /** Number of desired pods (undefined while an autoscaler owns the replica count). */
  public readonly replicas?: number;
  /** Minimum ready duration for a new pod to count as available. */
  public readonly minReady: Duration;
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'replicasets';
  /** Whether an autoscaler manages this ReplicaSet's replica count. */
  public hasAutoscaler = false;

  constructor(scope: Construct, id: string, props: ReplicaSetProps = {}) {
    super(scope, id, props);
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 0)) {
      throw new ConstructError(this, `must be a non-negative integer (is ${props.replicas})`, { prop: 'replicas' });
    }
    this.replicas = props.replicas;
    this.minReady = props.minReady ?? Duration.seconds(0);
    this.apiObject = new kplus.k8s.KubeReplicaSet(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /** @see IScalable.markHasAutoscaler() */
  public markHasAutoscaler(): void {
    this.hasAutoscaler = true;
  }

  /** @see IScalable.toScalingTarget() */
  public toScalingTarget(): kplus.ScalingTarget {
    return {
      kind: this.apiObject.kind,
      apiVersion: this.apiObject.apiVersion,
      name: this.name,
      containers: this.containers,
      replicas: this.replicas,
    };
  }

  /** @internal */
  public _toKube(): kplus.k8s.ReplicaSetSpec {
    return {
      replicas: this.hasAutoscaler ? undefined : (this.replicas ?? 1),
      minReadySeconds: this.minReady.toSeconds(),
      selector: this._toLabelSelector(),
      template: {
        metadata: this.podMetadata.toJson(),
        spec: this._toPodSpec(),
      },
    };
  }
}
