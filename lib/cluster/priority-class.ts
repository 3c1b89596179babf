import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';
import { assignToPods, checkOneOf, claimDefault, ImportedClass } from './class-support';

/** Whether pods of a class may evict lower-priority pods to be scheduled. */
export enum PreemptionPolicy {
  /** Pods may preempt (evict) lower-priority pods when no node has room. */
  PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority',
  /** Pods wait for room instead of preempting others (they are still placed ahead in the queue). */
  NEVER = 'Never',
}

/** The highest value of a user-defined PriorityClass; larger values are reserved for the system classes. */
export const HIGHEST_USER_PRIORITY = 1_000_000_000;
/** The lowest value of a PriorityClass (the smallest int32). */
export const LOWEST_PRIORITY = -2_147_483_648;

/** Names that start with this prefix are reserved for the system PriorityClasses. */
const SYSTEM_PREFIX = 'system-';

/** A PriorityClass, created by the app or imported by name (`PriorityClass.fromPriorityClassName`). */
export interface IPriorityClass extends kplus.IResource {
  /** The REST resource name, `priorityclasses`. */
  readonly resourceType: 'priorityclasses';
  /**
   * Gives the pods of these workloads this class (`priorityClassName`, which cdk8s-plus-27 has
   * no prop for).
   */
  assignTo(...workloads: kplus.AbstractPod[]): void;
}

/**
 * Properties for `PriorityClass`.
 */
export interface PriorityClassProps extends kplus.ResourceProps {
  /**
   * The priority of the class's pods: higher is scheduled first and may preempt lower. From
   * -2147483648 to 1000000000 (higher values are reserved for `system-cluster-critical` and
   * `system-node-critical`).
   */
  readonly value: number;

  /**
   * Make it the priority of pods that name no class. A cluster has at most one global default.
   *
   * @default false
   */
  readonly globalDefault?: boolean;

  /**
   * Whether the class's pods may preempt lower-priority pods.
   *
   * @default PreemptionPolicy.PREEMPT_LOWER_PRIORITY (the API server's default)
   */
  readonly preemptionPolicy?: PreemptionPolicy;

  /**
   * When to use the class, for the people who choose one.
   *
   * @default - none
   */
  readonly description?: string;
}

/**
 * A PriorityClass: a named pod priority, for scheduling order and preemption.
 *
 * The constructor applies the API server's checks (`ValidatePriorityClass` and the Priority
 * admission plugin): the value is an integer from -2147483648 to 1000000000, the name does not
 * start with `system-`, and only one class of a chart is the global default.
 *
 * ```ts
 * const critical = new PriorityClass(chart, 'business-critical', { value: 100000, description: 'checkout path' });
 * critical.assignTo(web, worker); // spec.template.spec.priorityClassName: business-critical
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
 */
export class PriorityClass extends kplus.Resource implements IPriorityClass {
  /**
   * A PriorityClass that exists in the cluster, e.g. the built-in `system-cluster-critical` or
   * `system-node-critical`.
   */
  public static fromPriorityClassName(scope: Construct, id: string, name: string): IPriorityClass {
    return new ImportedPriorityClass(scope, id, name);
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'priorityclasses';
  /** The priority value. */
  public readonly value: number;
  /** Whether it is the global default. */
  public readonly globalDefault: boolean;
  /** The preemption policy, if set. */
  public readonly preemptionPolicy?: PreemptionPolicy;

  constructor(scope: Construct, id: string, props: PriorityClassProps) {
    super(scope, id);
    const value = props.value;
    if (!Number.isInteger(value) || value < LOWEST_PRIORITY || value > HIGHEST_USER_PRIORITY) {
      throw new ConstructError(
        this,
        `must be an integer from ${LOWEST_PRIORITY} to ${HIGHEST_USER_PRIORITY} (is ${value}); larger values are reserved for the system classes`,
        { prop: 'value' },
      );
    }
    checkOneOf(this, 'preemptionPolicy', props.preemptionPolicy, PreemptionPolicy);
    this.value = value;
    this.globalDefault = props.globalDefault ?? false;
    this.preemptionPolicy = props.preemptionPolicy;
    this.apiObject = new kplus.k8s.KubePriorityClass(this, 'Resource', {
      metadata: props.metadata,
      value,
      globalDefault: props.globalDefault,
      preemptionPolicy: props.preemptionPolicy,
      description: props.description,
    });
    if (this.name.startsWith(SYSTEM_PREFIX)) {
      throw new ConstructError(
        this,
        `'${this.name}': names starting with '${SYSTEM_PREFIX}' are reserved for the system classes`,
        {
          prop: 'metadata.name',
          hint: `import a system class with PriorityClass.fromPriorityClassName, or choose another name`,
        },
      );
    }
    if (this.globalDefault) claimDefault(this, 'PriorityClass', 'globalDefault');
  }

  /** Gives the pods of these workloads this class (`priorityClassName`). */
  public assignTo(...workloads: kplus.AbstractPod[]): void {
    assignToPods(this, 'priorityClassName', this.name, workloads);
  }
}

class ImportedPriorityClass extends ImportedClass implements IPriorityClass {
  public readonly resourceType = 'priorityclasses';

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' }, name);
  }

  public assignTo(...workloads: kplus.AbstractPod[]): void {
    assignToPods(this, 'priorityClassName', this.name, workloads);
  }
}
