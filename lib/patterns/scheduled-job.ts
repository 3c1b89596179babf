import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { checkKnownProps, knownProps } from '../core/known-props';
import { cronScheduleProblems } from '../values/cron-schedule';
import { PatternBase } from './base/pattern-base';
import { JOB_OPTIONS_PROPS, JobOptions, jobSettings } from './job-options';

/**
 * Properties for `ScheduledJob`.
 */
export interface ScheduledJobProps extends JobOptions {
  /** A five-field cron schedule (`'*\/5 * * * *'`) or a descriptor (`'@daily'`); checked when the construct is built. */
  readonly schedule: string;
  /**
   * IANA time zone of the schedule, e.g. `Europe/Berlin`.
   *
   * @default - the controller's time zone (usually UTC)
   */
  readonly timeZone?: string;
  /**
   * What to do when a run is due while the previous one still runs.
   *
   * @default kplus.ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: kplus.ConcurrencyPolicy;
  /**
   * How late a missed run may still start.
   *
   * @default Duration.minutes(5)
   */
  readonly startingDeadline?: Duration;
  /**
   * Finished Jobs kept for inspection: successful and failed.
   *
   * @default - 3 successful and 1 failed
   */
  readonly history?: JobHistory;
  /**
   * Create the CronJob suspended.
   *
   * @default - false: runs on schedule (no `suspend` rendered, Kubernetes' false)
   */
  readonly suspend?: boolean;
}

/** How many finished Jobs a `ScheduledJob` keeps. */
export interface JobHistory {
  /**
   * Successful Jobs kept (`successfulJobsHistoryLimit`).
   *
   * @default 3
   */
  readonly successful?: number;
  /**
   * Failed Jobs kept (`failedJobsHistoryLimit`).
   *
   * @default 1
   */
  readonly failed?: number;
}

/** The props of `JobHistory`. */
export const JOB_HISTORY_PROPS = knownProps<JobHistory>('JobHistory')(['successful', 'failed']);

/** The props of `ScheduledJobProps`. */
export const SCHEDULED_JOB_PROPS = knownProps<ScheduledJobProps>('ScheduledJobProps')([
  ...JOB_OPTIONS_PROPS.names,
  'schedule',
  'timeZone',
  'concurrencyPolicy',
  'startingDeadline',
  'history',
  'suspend',
]);

/**
 * A recurring task: a CronJob whose schedule is validated when the construct is built (an
 * invalid one throws, naming the construct), with concurrency, deadlines and history limits.
 *
 * ```ts
 * new ScheduledJob(chart, 'report', { image: 'ghcr.io/acme/report:1.2.0', schedule: '0 3 * * *', timeZone: 'Europe/Berlin' });
 * ```
 */
export class ScheduledJob extends PatternBase {
  /** The CronJob. */
  public readonly cronJob: kplus.CronJob;
  /** The main container. */
  public readonly container: kplus.Container;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id, props, { defaultComponent: 'batch', knownProps: SCHEDULED_JOB_PROPS });
    checkKnownProps(this, props.history, JOB_HISTORY_PROPS, 'history');
    const problems = cronScheduleProblems(props.schedule);
    if (problems.length > 0)
      throw new ConstructError(this, `'${props.schedule}' is invalid: ${problems.join('; ')}`, { prop: 'schedule' });
    if (props.timeZone !== undefined && !isTimeZone(props.timeZone))
      throw new ConstructError(this, `'${props.timeZone}' is not an IANA time zone`, {
        prop: 'timeZone',
        hint: "use a name such as 'Europe/Berlin'",
      });
    if (props.ttlAfterFinished !== undefined)
      throw new ConstructError(this, 'does not apply to scheduled jobs', {
        prop: 'ttlAfterFinished',
        hint: "remove it: finished jobs are kept by 'history'",
      });
    const settings = jobSettings(this, props);
    const successful = props.history?.successful ?? 3;
    const failed = props.history?.failed ?? 1;
    for (const [field, n] of Object.entries({ successful, failed })) {
      if (!Number.isInteger(n) || n < 0)
        throw new ConstructError(this, `must be a non-negative integer (is ${n})`, { prop: `history.${field}` });
    }
    // cdk8s-plus checks that startingDeadline is at least 10 seconds
    this.cronJob = inScope(
      this,
      'startingDeadline',
      () =>
        new kplus.CronJob(this, 'CronJob', {
          ...this.workloadProps(),
          ...settings,
          schedule: cronOf(props.schedule),
          timeZone: props.timeZone,
          concurrencyPolicy: props.concurrencyPolicy ?? kplus.ConcurrencyPolicy.FORBID,
          startingDeadline: props.startingDeadline ?? Duration.minutes(5),
          successfulJobsRetained: successful,
          failedJobsRetained: failed,
          suspend: props.suspend ?? false,
        }),
    );
    this.container = this.handOver(this.cronJob, props, { select: false });
  }
}

/** A cdk8s `Cron` carrying exactly `schedule` (descriptors included). */
function cronOf(schedule: string): Cron {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length === 5) {
    const [minute, hour, day, month, weekDay] = fields;
    return Cron.schedule({ minute, hour, day, month, weekDay });
  }
  const cron = Cron.schedule({});
  Object.defineProperty(cron, 'expressionString', { value: schedule.trim() });
  return cron;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
