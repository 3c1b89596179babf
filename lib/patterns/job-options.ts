import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { PatternProps } from './pattern-base';

/** Options shared by `BatchJob` and `ScheduledJob`. */
export interface JobOptions extends PatternProps {
  /**
   * Retries before the Job is marked failed.
   *
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * Longest a run may take before it is stopped.
   *
   * @default Duration.hours(1)
   */
  readonly activeDeadline?: Duration;
  /**
   * How long a finished Job is kept before it is garbage-collected (BatchJob only; a
   * ScheduledJob keeps its `history` instead).
   *
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
  /**
   * Restart failed containers in place (OnFailure) or start new pods (Never).
   *
   * @default kplus.RestartPolicy.NEVER
   */
  readonly restartPolicy?: kplus.RestartPolicy;
}

/** The Job settings of a `BatchJob` or `ScheduledJob`. */
export type JobSettings = Required<Pick<kplus.JobProps, 'backoffLimit' | 'activeDeadline' | 'restartPolicy'>>;

/**
 * Applies the defaults to the job options and validates them; an invalid one throws a
 * `ConstructError` naming `scope` and the prop.
 */
export function jobSettings(scope: IConstruct, props: JobOptions): JobSettings {
  const backoffLimit = props.backoffLimit ?? 3;
  if (!Number.isInteger(backoffLimit) || backoffLimit < 0)
    throw new ConstructError(scope, `must be a non-negative integer (is ${backoffLimit})`, { prop: 'backoffLimit' });
  const activeDeadline = props.activeDeadline ?? Duration.hours(1);
  if (activeDeadline.toSeconds() <= 0)
    throw new ConstructError(scope, `must be positive (is ${activeDeadline.toSeconds()} s)`, {
      prop: 'activeDeadline',
    });
  const restartPolicy = props.restartPolicy ?? kplus.RestartPolicy.NEVER;
  if (restartPolicy === kplus.RestartPolicy.ALWAYS)
    throw new ConstructError(scope, "a Job's restartPolicy must be Never or OnFailure", { prop: 'restartPolicy' });
  return { backoffLimit, activeDeadline, restartPolicy };
}
