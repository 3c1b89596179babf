import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BatchJob, ScheduledJob, ScheduledJobProps } from '../../lib';
import { chartIn, get, valid } from './support';

describe('BatchJob and ScheduledJob', () => {
  test('BatchJob: backoff, deadline, TTL, Never; validates', () => {
    const chart = chartIn('batch');
    new BatchJob(chart, 'pi', {
      image: 'perl:5.34.0',
      command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
      backoffLimit: 4,
    });
    const job = get(valid(chart), 'Job', 'pi');
    expect(job.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].command).toEqual(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
  });
  test('ScheduledJob: schedule, time zone, concurrency, deadlines, history; validates', () => {
    const chart = chartIn('batch');
    new ScheduledJob(chart, 'report', {
      image: 'ghcr.io/acme/report:1.2.0',
      schedule: '0 3 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      history: { successful: 5 },
    });
    const cj = get(valid(chart), 'CronJob', 'report');
    expect(cj.spec).toMatchObject({
      schedule: '0 3 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 1,
    });
    expect(cj.spec).not.toHaveProperty('suspend'); // false is the server's default: not rendered
    expect(cj.spec.jobTemplate.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('report');
  });
  test('descriptors are kept as written', () => {
    const chart = chartIn('batch');
    new ScheduledJob(chart, 'hourly', { image: 'ghcr.io/acme/report:1.2.0', schedule: '@hourly' });
    expect(get(valid(chart), 'CronJob', 'hourly').spec.schedule).toBe('@hourly');
  });
  test.each<[string, Partial<ScheduledJobProps>, RegExp]>([
    [
      'three fields',
      { schedule: '* * *' },
      /batch\/job \(schedule\): '\* \* \*' is invalid: expected exactly 5 fields, found 3: \[\* \* \*\]/,
    ],
    ['minute 61', { schedule: '61 * * * *' }, /\(schedule\): '61 \* \* \* \*' is invalid/],
    ['bad time zone', { timeZone: 'Mars/Olympus' }, /is not an IANA time zone/],
    ['restart Always', { restartPolicy: kplus.RestartPolicy.ALWAYS }, /restartPolicy must be Never or OnFailure/],
    ['negative backoff', { backoffLimit: -1 }, /\(backoffLimit\): must be a non-negative integer/],
    ['zero deadline', { activeDeadline: Duration.seconds(0) }, /\(activeDeadline\): must be positive/],
    ['negative history', { history: { failed: -1 } }, /\(history\.failed\): must be a non-negative integer/],
    ['a TTL', { ttlAfterFinished: Duration.hours(1) }, /\(ttlAfterFinished\): does not apply to scheduled jobs/],
  ])('ScheduledJob rejects %s', (_n, props, error) => {
    expect(
      () =>
        new ScheduledJob(chartIn('batch'), 'job', {
          image: 'ghcr.io/acme/job:1.0.0',
          schedule: '*/5 * * * *',
          ...props,
        }),
    ).toThrow(error);
  });
});
