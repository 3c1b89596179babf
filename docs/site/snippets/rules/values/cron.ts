import { Cron } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The CronJob validation of the API server (`validateScheduleFormat` and `validateTimeZone` in kubernetes/kubernetes `pkg/apis/batch/validation`), which parses the schedule with robfig/cron v3's `ParseStandard`: five fields, day of week 0-6 (Sunday is 0, not 7), no seconds, no Quartz `?`, `L` or `#`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.CronJob(chart, 'weekend-report', {
    schedule: Cron.schedule({ minute: '0', hour: '6', weekDay: '6-7' }), // 7 is not Sunday here
    containers: [{ image: 'ghcr.io/acme/report:1.2.0' }],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.CronJob(chart, 'weekend-report', {
    schedule: Cron.schedule({ minute: '0', hour: '6', weekDay: 'SAT,SUN' }),
    containers: [{ image: 'ghcr.io/acme/report:1.2.0' }],
  });
}
// #endregion good
