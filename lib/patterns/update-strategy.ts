import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { checkKnownProps, knownProps } from '../core/known-props';
import { PodCount } from '../workloads/pod-disruption-budget';

/** How a Deployment (`WebService`, `Worker`) replaces its pods. */
export type DeploymentUpdate =
  /** Stop every old pod before starting new ones (one writer on a ReadWriteOnce volume, schema migrations). */
  | { readonly type: 'Recreate' }
  /** Replace pods gradually. */
  | {
      readonly type: 'RollingUpdate';
      /**
       * Extra pods during an update.
       *
       * @default '25%'
       */
      readonly maxSurge?: PodCount;
      /**
       * Pods that may be unavailable during an update.
       *
       * @default 0 for a WebService, '25%' for a Worker
       */
      readonly maxUnavailable?: PodCount;
    };

/** How a StatefulSet (`StatefulService`) replaces its pods. */
export type StatefulSetUpdate =
  /** Only when a pod is deleted by hand (operators of a ring replace nodes one at a time). */
  | { readonly type: 'OnDelete' }
  /** Replace pods from the highest ordinal down. */
  | {
      readonly type: 'RollingUpdate';
      /**
       * Only pods with an ordinal at least this are updated (staged rollouts, canaries).
       *
       * @default 0
       */
      readonly partition?: number;
    };

/** The props of a `DeploymentUpdate` of type `Recreate`. */
export const RECREATE_UPDATE_PROPS = knownProps<Extract<DeploymentUpdate, { type: 'Recreate' }>>(
  "DeploymentUpdate (type 'Recreate')",
)(['type']);

/** The props of a `DeploymentUpdate` of type `RollingUpdate`. */
export const ROLLING_DEPLOYMENT_UPDATE_PROPS = knownProps<Extract<DeploymentUpdate, { type: 'RollingUpdate' }>>(
  "DeploymentUpdate (type 'RollingUpdate')",
)(['type', 'maxSurge', 'maxUnavailable']);

/** The props of a `StatefulSetUpdate` of type `OnDelete`. */
export const ON_DELETE_UPDATE_PROPS = knownProps<Extract<StatefulSetUpdate, { type: 'OnDelete' }>>(
  "StatefulSetUpdate (type 'OnDelete')",
)(['type']);

/** The props of a `StatefulSetUpdate` of type `RollingUpdate`. */
export const ROLLING_STATEFUL_SET_UPDATE_PROPS = knownProps<Extract<StatefulSetUpdate, { type: 'RollingUpdate' }>>(
  "StatefulSetUpdate (type 'RollingUpdate')",
)(['type', 'partition']);

/** What is wrong with a pod count (`2`, `'25%'`), or undefined. */
export function podCountProblem(value: PodCount): string | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? undefined : `must be a non-negative integer (is ${value})`;
  }
  const m = /^(\d+)%$/.exec(value);
  return m && Number(m[1]) <= 100 ? undefined : `must be a percentage from '0%' to '100%' (is '${value}')`;
}

/** A pod count as cdk8s-plus's `PercentOrAbsolute`. */
export function toPercentOrAbsolute(value: PodCount): kplus.PercentOrAbsolute {
  if (typeof value === 'number') return kplus.PercentOrAbsolute.absolute(value);
  return kplus.PercentOrAbsolute.percent(Number(value.slice(0, -1)));
}

/**
 * The cdk8s-plus strategy of `update`, validated (errors name `scope` and `prop`); rolling
 * parameters not given take `defaults`.
 */
export function deploymentStrategy(
  scope: IConstruct,
  prop: string,
  update: DeploymentUpdate,
  defaults: { readonly maxSurge: PodCount; readonly maxUnavailable: PodCount },
): kplus.DeploymentStrategy {
  if (update.type === 'Recreate') {
    checkKnownProps(scope, update, RECREATE_UPDATE_PROPS, prop);
    return kplus.DeploymentStrategy.recreate();
  }
  if (update.type !== 'RollingUpdate')
    throw new ConstructError(scope, `unknown update type '${(update as { type: string }).type}'`, {
      prop: `${prop}.type`,
      hint: "use 'Recreate' or 'RollingUpdate'",
    });
  checkKnownProps(scope, update, ROLLING_DEPLOYMENT_UPDATE_PROPS, prop);
  const maxSurge = update.maxSurge ?? defaults.maxSurge;
  const maxUnavailable = update.maxUnavailable ?? defaults.maxUnavailable;
  for (const [field, value] of [
    ['maxSurge', maxSurge],
    ['maxUnavailable', maxUnavailable],
  ] as const) {
    const problem = podCountProblem(value);
    if (problem) throw new ConstructError(scope, problem, { prop: `${prop}.${field}` });
  }
  return inScope(scope, prop, () =>
    kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: toPercentOrAbsolute(maxSurge),
      maxUnavailable: toPercentOrAbsolute(maxUnavailable),
    }),
  );
}

/** The cdk8s-plus strategy of a StatefulSet `update`, validated. */
export function statefulSetStrategy(
  scope: IConstruct,
  prop: string,
  update: StatefulSetUpdate,
): kplus.StatefulSetUpdateStrategy {
  if (update.type === 'OnDelete') {
    checkKnownProps(scope, update, ON_DELETE_UPDATE_PROPS, prop);
    return kplus.StatefulSetUpdateStrategy.onDelete();
  }
  if (update.type !== 'RollingUpdate')
    throw new ConstructError(scope, `unknown update type '${(update as { type: string }).type}'`, {
      prop: `${prop}.type`,
      hint: "use 'OnDelete' or 'RollingUpdate'",
    });
  checkKnownProps(scope, update, ROLLING_STATEFUL_SET_UPDATE_PROPS, prop);
  const partition = update.partition ?? 0;
  if (!Number.isInteger(partition) || partition < 0)
    throw new ConstructError(scope, `must be a non-negative integer (is ${partition})`, {
      prop: `${prop}.partition`,
    });
  return kplus.StatefulSetUpdateStrategy.rollingUpdate({ partition });
}
