import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { NOBODY, smallResources } from './non-root';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenario 6 (seeds 001, 003): the `pi` Job computing 2000 digits of pi in perl (restartPolicy
 * Never, backoffLimit 4), and a CronJob running a similar one-off every minute, as the seed's
 * `hello` CronJob does. The schedule is checked at synth: an invalid cron expression fails it.
 *
 * Non-root: perl and busybox run as uid 65534; neither writes to the filesystem.
 * Run-to-completion containers carry no liveness/readiness probes (nothing serves traffic).
 */
export class PiJobsChart extends ScenarioChart {
  public readonly job: kplus.Job;
  public readonly cronJob: kplus.CronJob;

  constructor(scope: Construct, id: string, props: { schedule?: Cron } = {}) {
    super(scope, id, { namespace: 'batch' });
    this.job = new kplus.Job(this, 'pi', {
      backoffLimit: 4,
      restartPolicy: kplus.RestartPolicy.NEVER,
      ttlAfterFinished: Duration.hours(1),
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'pi',
          image: 'perl:5.34.0',
          command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
          securityContext: NOBODY,
          resources: smallResources(500, 64),
        },
      ],
    });

    this.cronJob = new kplus.CronJob(this, 'hello', {
      schedule: props.schedule ?? Cron.schedule({ minute: '*/1' }),
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      backoffLimit: 2,
      restartPolicy: kplus.RestartPolicy.ON_FAILURE,
      securityContext: { user: 65534, group: 65534 },
      containers: [
        {
          name: 'hello',
          image: 'busybox:1.28',
          command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'],
          securityContext: NOBODY,
          resources: smallResources(50, 16),
        },
      ],
    });
  }
}
