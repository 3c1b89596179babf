import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { cronScheduleProblems } from '../values/cron-schedule';
import { jobProps, JobOptions } from './batch-job';
import { mountPatternVolumes, patternContainerProps } from './pattern-container';
import { dropConstructPathLabel, PatternIdentity, recommendedLabels } from './recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint } from './service-endpoint';

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
   * @default 3 and 1
   */
  readonly history?: { readonly successful?: number; readonly failed?: number };
  /**
   * Create the CronJob suspended.
   *
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A recurring task: a CronJob whose schedule is validated when the construct is built (an
 * invalid one throws, naming the construct), with concurrency, deadlines and history limits.
 *
 * ```ts
 * new ScheduledJob(chart, 'report', { image: 'ghcr.io/acme/report:1.2.0', schedule: '0 3 * * *', timeZone: 'Europe/Berlin' });
 * ```
 */
export class ScheduledJob extends Construct implements IServiceClient {
  public readonly name: string;
  /** The CronJob. */
  public readonly cronJob: kplus.CronJob;
  /** The main container. */
  public readonly container: kplus.Container;
  public readonly labels: Readonly<Record<string, string>>;
  public readonly podSelector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const where = `ScheduledJob ${this.node.path}`;
    const problems = cronScheduleProblems(props.schedule);
    if (problems.length > 0)
      throw new Error(`${where}: schedule '${props.schedule}' is invalid: ${problems.join('; ')}`);
    if (props.timeZone !== undefined && !isTimeZone(props.timeZone))
      throw new Error(`${where}: timeZone '${props.timeZone}' is not an IANA time zone`);
    const identity: PatternIdentity = {
      name: props.name ?? id,
      instance: props.name ?? id,
      component: props.component ?? 'batch',
      partOf: props.partOf,
    };
    if (props.ttlAfterFinished !== undefined)
      throw new Error(
        `${where}: ttlAfterFinished does not apply to scheduled jobs; finished jobs are kept by 'history'`,
      );
    const { ttlAfterFinished: _ttl, ...jp } = jobProps(where, props, identity);
    const successful = props.history?.successful ?? 3;
    const failed = props.history?.failed ?? 1;
    if (![successful, failed].every((n) => Number.isInteger(n) && n >= 0))
      throw new Error(`${where}: history limits must be non-negative integers`);
    this.name = identity.name;
    this.labels = recommendedLabels(identity);
    this.podSelector = { ...this.labels };
    this.cronJob = new kplus.CronJob(this, 'CronJob', {
      ...jp,
      schedule: cronOf(props.schedule),
      timeZone: props.timeZone,
      concurrencyPolicy: props.concurrencyPolicy ?? kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: props.startingDeadline ?? Duration.minutes(5),
      successfulJobsRetained: successful,
      failedJobsRetained: failed,
      suspend: props.suspend ?? false,
    });
    dropConstructPathLabel(this.cronJob, 'CronJob');
    this.container = this.cronJob.addContainer({ ...patternContainerProps(props), name: this.name });
    mountPatternVolumes(this, this.container, props);
  }

  /** Gives the job the address of `endpoint` and allows that traffic. */
  public connectTo(endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
    connect(this, endpoint, options);
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
