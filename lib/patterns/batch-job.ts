import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { mountPatternVolumes, PatternContainerOptions, patternContainerProps } from './pattern-container';
import { checkIdentity, dropConstructPathLabel, PatternIdentity, recommendedLabels } from './recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint } from './service-endpoint';

/** Options shared by `BatchJob` and `ScheduledJob`. */
export interface JobOptions extends PatternContainerOptions {
  /**
   * The name (`app.kubernetes.io/name`) and object name.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * `app.kubernetes.io/component`.
   *
   * @default 'batch'
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`.
   *
   * @default - not set
   */
  readonly partOf?: string;
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

/**
 * Properties for `BatchJob`.
 */
export interface BatchJobProps extends JobOptions {}

/** Checks job options; returns the cdk8s-plus Job props they give. */
export function jobProps(where: string, props: JobOptions, identity: PatternIdentity): kplus.JobProps {
  checkIdentity(where, identity);
  const backoffLimit = props.backoffLimit ?? 3;
  if (!Number.isInteger(backoffLimit) || backoffLimit < 0)
    throw new Error(`${where}: backoffLimit must be a non-negative integer (is ${backoffLimit})`);
  const deadline = props.activeDeadline ?? Duration.hours(1);
  if (deadline.toSeconds() <= 0) throw new Error(`${where}: activeDeadline must be positive`);
  const restartPolicy = props.restartPolicy ?? kplus.RestartPolicy.NEVER;
  if (restartPolicy === kplus.RestartPolicy.ALWAYS)
    throw new Error(`${where}: a Job's restartPolicy must be Never or OnFailure`);
  const user = props.user ?? 1000;
  const labels = recommendedLabels(identity);
  return {
    metadata: { name: identity.name, labels },
    podMetadata: { labels },
    select: false,
    backoffLimit,
    activeDeadline: deadline,
    ttlAfterFinished: props.ttlAfterFinished ?? Duration.days(1),
    restartPolicy,
    securityContext: { user, group: user, fsGroup: user },
  };
}

/**
 * A run-to-completion task (a migration, a backfill): a Job with a retry limit, a deadline and
 * a time-to-live after it finishes, running as non-root with explicit resources.
 *
 * ```ts
 * new BatchJob(chart, 'pi', { image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], backoffLimit: 4 });
 * ```
 */
export class BatchJob extends Construct implements IServiceClient {
  public readonly name: string;
  /** The Job. */
  public readonly job: kplus.Job;
  /** The main container. */
  public readonly container: kplus.Container;
  public readonly labels: Readonly<Record<string, string>>;
  public readonly podSelector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: BatchJobProps) {
    super(scope, id);
    const identity: PatternIdentity = {
      name: props.name ?? id,
      instance: props.name ?? id,
      component: props.component ?? 'batch',
      partOf: props.partOf,
    };
    const jp = jobProps(`BatchJob ${this.node.path}`, props, identity);
    this.name = identity.name;
    this.labels = recommendedLabels(identity);
    this.podSelector = { ...this.labels };
    this.job = new kplus.Job(this, 'Job', jp);
    dropConstructPathLabel(this.job, 'Job');
    this.container = this.job.addContainer({ ...patternContainerProps(props), name: this.name });
    mountPatternVolumes(this, this.container, props);
  }

  /** Gives the job the address of `endpoint` and allows that traffic. */
  public connectTo(endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
    connect(this, endpoint, options);
  }
}
