import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { parseQuantity, quantityProblems } from '../values/quantity';

/** What a LimitRange item constrains. */
export enum LimitType {
  /** Each container. */
  CONTAINER = 'Container',
  /** The sum over all containers of a pod. */
  POD = 'Pod',
  /** Each PersistentVolumeClaim's storage request. */
  PERSISTENT_VOLUME_CLAIM = 'PersistentVolumeClaim',
}

/** Quantities per resource name, e.g. `{ cpu: '500m', memory: '256Mi' }`. */
export type ResourceQuantities = Readonly<Record<string, string>>;

/** One constraint of a `LimitRange`. */
export interface LimitRangeItem {
  /** What the constraint applies to. */
  readonly type: LimitType;
  /**
   * Limits given to containers that declare none.
   *
   * @default - no default limits (only valid for `Container`)
   */
  readonly default?: ResourceQuantities;
  /**
   * Requests given to containers that declare none.
   *
   * @default - no default requests (only valid for `Container`)
   */
  readonly defaultRequest?: ResourceQuantities;
  /**
   * Largest allowed limit per resource.
   *
   * @default - no maximum
   */
  readonly max?: ResourceQuantities;
  /**
   * Smallest allowed request per resource.
   *
   * @default - no minimum
   */
  readonly min?: ResourceQuantities;
  /**
   * Largest allowed limit/request ratio per resource.
   *
   * @default - no ratio constraint
   */
  readonly maxLimitRequestRatio?: ResourceQuantities;
}

/**
 * Properties for `LimitRange`.
 */
export interface LimitRangeProps extends kplus.ResourceProps {
  /** The constraints; at least one. */
  readonly limits: readonly LimitRangeItem[];
}

/**
 * A LimitRange sets per-namespace defaults and bounds for container, pod and claim resources.
 *
 * The constructor rejects malformed quantities and inconsistent bounds
 * (`min ≤ defaultRequest ≤ default ≤ max`), which the API server would otherwise reject at apply.
 *
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export class LimitRange extends kplus.Resource {
  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'limitranges';
  /** The constraints. */
  public readonly limits: readonly LimitRangeItem[];

  constructor(scope: Construct, id: string, props: LimitRangeProps) {
    super(scope, id);
    if (props.limits.length === 0) throw new ConstructError(this, 'must not be empty', { prop: 'limits' });
    props.limits.forEach((item, i) => checkItem(this, `limits[${i}]`, item));
    this.limits = props.limits;
    this.apiObject = new kplus.k8s.KubeLimitRange(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._toKube() }),
    });
  }

  /** @internal */
  public _toKube(): kplus.k8s.LimitRangeSpec {
    return {
      limits: this.limits.map((item) => ({
        type: item.type,
        default: toQuantities(item.default),
        defaultRequest: toQuantities(item.defaultRequest),
        max: toQuantities(item.max),
        min: toQuantities(item.min),
        maxLimitRequestRatio: toQuantities(item.maxLimitRequestRatio),
      })),
    };
  }
}

/** Converts plain quantity strings to the L1 binding's `Quantity` map. */
export function toQuantities(
  values: ResourceQuantities | undefined,
): { [key: string]: kplus.k8s.Quantity } | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, kplus.k8s.Quantity.fromString(v)]));
}

/**
 * Throws a `ConstructError` naming `scope` and `<prop>.<resource>` if any quantity in `values`
 * is malformed.
 */
export function checkQuantities(scope: IConstruct, prop: string, values: ResourceQuantities | undefined): void {
  for (const [resource, value] of Object.entries(values ?? {})) {
    const problems = quantityProblems(value);
    if (problems.length > 0)
      throw new ConstructError(scope, `'${value}' ${problems.join('; ')}`, { prop: `${prop}.${resource}` });
  }
}

function checkItem(scope: IConstruct, where: string, item: LimitRangeItem): void {
  const fields = ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'] as const;
  for (const field of fields) checkQuantities(scope, `${where}.${field}`, item[field]);
  if (item.type !== LimitType.CONTAINER && (item.default || item.defaultRequest)) {
    throw new ConstructError(
      scope,
      `default and defaultRequest are only allowed for type Container (is ${item.type})`,
      {
        prop: item.default ? `${where}.default` : `${where}.defaultRequest`,
      },
    );
  }
  // min <= defaultRequest <= default <= max, per resource
  const chain = ['min', 'defaultRequest', 'default', 'max'] as const;
  const resources = new Set(chain.flatMap((f) => Object.keys(item[f] ?? {})));
  for (const resource of resources) {
    const present = chain.filter((f) => item[f]?.[resource] !== undefined);
    for (let i = 1; i < present.length; i++) {
      const lo = present[i - 1];
      const hi = present[i];
      const loValue = item[lo]![resource];
      const hiValue = item[hi]![resource];
      if (parseQuantity(loValue)! > parseQuantity(hiValue)!) {
        throw new ConstructError(
          scope,
          `${lo}.${resource} (${loValue}) must not be greater than ${hi}.${resource} (${hiValue})`,
          {
            prop: `${where}.${lo}.${resource}`,
          },
        );
      }
    }
  }
}
