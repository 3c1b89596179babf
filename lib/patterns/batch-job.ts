import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { knownProps } from '../core/known-props';
import { PatternBase } from './base/pattern-base';
import { JOB_OPTIONS_PROPS, JobOptions, jobSettings } from './job-options';

/**
 * Properties for `BatchJob`.
 */
export interface BatchJobProps extends JobOptions {}

/** The props of `BatchJobProps`. */
export const BATCH_JOB_PROPS = knownProps<BatchJobProps>('BatchJobProps')([...JOB_OPTIONS_PROPS.names]);

/**
 * A run-to-completion task (a migration, a backfill): a Job with a retry limit, a deadline and
 * a time-to-live after it finishes, running as non-root with explicit resources.
 *
 * ```ts
 * new BatchJob(chart, 'pi', { image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], backoffLimit: 4 });
 * ```
 */
export class BatchJob extends PatternBase {
  /** The Job. */
  public readonly job: kplus.Job;
  /** The main container. */
  public readonly container: kplus.Container;

  constructor(scope: Construct, id: string, props: BatchJobProps) {
    super(scope, id, props, { defaultComponent: 'batch', knownProps: BATCH_JOB_PROPS });
    this.job = new kplus.Job(this, 'Job', {
      ...this.workloadProps(),
      ...jobSettings(this, props),
      ttlAfterFinished: props.ttlAfterFinished ?? Duration.days(1),
    });
    this.container = this.handOver(this.job, props, { select: false });
  }
}
