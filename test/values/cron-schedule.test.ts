import { JsonPatch } from 'cdk8s';
import { ScheduledJob } from '../../lib';
import { CRON_TZ_MESSAGE, cronScheduleProblems } from '../../lib/values/cron-schedule';
import { FixtureApp, fixtureApp, patch } from '../validation/fixture-app';

// What the API server does with a CronJob schedule on create: validateScheduleFormat
// (pkg/apis/batch/validation) runs robfig/cron v3 ParseStandard and refuses any "TZ". The
// reasons below are the server's own messages (robfig's and Go's error texts); kubecraft adds
// the field a field error is in.

/** Schedules the API server accepts, with what they mean or why they are listed. */
const ACCEPTED: ReadonlyArray<[string, string]> = [
  ['*/5 * * * *', 'every 5 minutes'],
  ['0 3 * * *', 'at 03:00'],
  ['0 5 * * MON-FRI', 'day-of-week names'],
  ['0 5 * * mon-fri', 'names in any case'],
  ['0 0 * JAN-dec SUN', 'month names'],
  ['30 2 1 * *', 'monthly'],
  ['0 0 * * 0', 'Sunday is 0'],
  ['0 0 31 2 *', 'never fires, but robfig does not cross-check day and month'],
  ['? * * * *', '? is * in every field'],
  ['0 0 1,15 * *', 'a list'],
  ['0 0 1,,15 * *', 'empty list items are skipped (strings.FieldsFunc)'],
  ['0-59/15 * * * *', 'a range with a step'],
  ['5/15 * * * *', 'N/step means N-max/step'],
  ['*/61 * * * *', 'a step past the range keeps only the first value (minute 0)'],
  ['*-5 * * * *', 'robfig ignores what follows * before the step'],
  ['+5 * * * *', 'strconv.Atoi takes a + sign'],
  ['  0   0  *  *  *  ', 'fields split on any white space'],
  ['0\t0\t*\t*\t*', 'tabs too'],
  ['@hourly', 'descriptor'],
  ['@daily', 'descriptor'],
  ['@midnight', 'descriptor'],
  ['@weekly', 'descriptor'],
  ['@monthly', 'descriptor'],
  ['@yearly', 'descriptor'],
  ['@annually', 'descriptor'],
  ['@every 1h', 'a Go duration'],
  ['@every 1h30m', 'a Go duration'],
  ['@every 1.5h', 'with a fraction'],
  ['@every 500ms', 'under a second: robfig runs it every second'],
  ['@every 0', 'the one unit-less duration'],
  ['@every -1h', 'negative: robfig runs it every second'],
  ['@every 9223372036854775807ns', 'the largest Go duration'],
];

/** Schedules the API server refuses, with its reason. */
const REFUSED: ReadonlyArray<[string, string[]]> = [
  ['', ['must not be empty (Required value)']],
  ['* * *', ['expected exactly 5 fields, found 3: [* * *]']],
  ['0 * * * * *', ['expected exactly 5 fields, found 6: [0 * * * * *]']],
  ['0 0 12 * * ? 2024', ['expected exactly 5 fields, found 7: [0 0 12 * * ? 2024]']],
  ['61 * * * *', ['end of range (61) above maximum (59): 61 (minute field)']],
  ['0 24 * * *', ['end of range (24) above maximum (23): 24 (hour field)']],
  ['0 0 0 * *', ['beginning of range (0) below minimum (1): 0 (day-of-month field)']],
  ['0 0 * 13 *', ['end of range (13) above maximum (12): 13 (month field)']],
  ['0 0 * * 7', ['end of range (7) above maximum (6): 7 (day-of-week field)']],
  ['0 0 * * 1-7', ['end of range (7) above maximum (6): 1-7 (day-of-week field)']],
  ['*/0 * * * *', ['step of range should be a positive number: */0 (minute field)']],
  ['5-1 * * * *', ['beginning of range (5) beyond end of range (1): 5-1 (minute field)']],
  ['1-2-3 * * * *', ['too many hyphens: 1-2-3 (minute field)']],
  ['*/2/3 * * * *', ['too many slashes: */2/3 (minute field)']],
  ['*/-1 * * * *', ['negative number (-1) not allowed: -1 (minute field)']],
  ['-5 * * * *', ['failed to parse int from : strconv.Atoi: parsing "": invalid syntax (minute field)']],
  ['0 0 L * *', ['failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax (day-of-month field)']],
  ['0 0 15W * *', ['failed to parse int from 15W: strconv.Atoi: parsing "15W": invalid syntax (day-of-month field)']],
  ['0 0 * * 1#2', ['failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax (day-of-week field)']],
  ['0 0 * * 5L', ['failed to parse int from 5L: strconv.Atoi: parsing "5L": invalid syntax (day-of-week field)']],
  ['H * * * *', ['failed to parse int from H: strconv.Atoi: parsing "H": invalid syntax (minute field)']],
  [
    '0 0 * * MONDAY',
    ['failed to parse int from MONDAY: strconv.Atoi: parsing "MONDAY": invalid syntax (day-of-week field)'],
  ],
  [
    '99999999999999999999 * * * *',
    [
      'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range (minute field)',
    ],
  ],
  ['@every', ['unrecognized descriptor: @every']],
  ['@every5m', ['unrecognized descriptor: @every5m']],
  ['@reboot', ['unrecognized descriptor: @reboot']],
  ['@HOURLY', ['unrecognized descriptor: @HOURLY']],
  ['@hourly ', ['unrecognized descriptor: @hourly ']],
  [' @hourly', ['expected exactly 5 fields, found 1: [@hourly]']],
  ['@every 5', ['failed to parse duration @every 5: time: missing unit in duration "5"']],
  ['@every 1d', ['failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"']],
  ['@every  1h', ['failed to parse duration @every  1h: time: invalid duration " 1h"']],
  ['@every 1h ', ['failed to parse duration @every 1h : time: unknown unit "h " in duration "1h "']],
  ['@every .h', ['failed to parse duration @every .h: time: invalid duration ".h"']],
  [
    '@every 9223372036854775808ns',
    ['failed to parse duration @every 9223372036854775808ns: time: invalid duration "9223372036854775808ns"'],
  ],
  ['TZ=UTC 0 * * * *', [CRON_TZ_MESSAGE]],
  ['CRON_TZ=Europe/Berlin 0 3 * * *', [CRON_TZ_MESSAGE]],
  ['CRON_TZ=UTC @daily', [CRON_TZ_MESSAGE]],
  [
    'TZ=Mars/Olympus 0 * * * *',
    ['provided bad location Mars/Olympus: unknown time zone Mars/Olympus', CRON_TZ_MESSAGE],
  ],
  ['TZ=UTC 61 * * * *', ['end of range (61) above maximum (59): 61 (minute field)', CRON_TZ_MESSAGE]],
  ['0 3 * * * TZ=UTC', ['expected exactly 5 fields, found 6: [0 3 * * * TZ=UTC]', CRON_TZ_MESSAGE]],
];

describe('CronJob schedules, as the API server parses them (robfig/cron v3 ParseStandard)', () => {
  test.each(ACCEPTED)('accepts %p (%s)', (schedule) => expect(cronScheduleProblems(schedule)).toEqual([]));
  test.each(REFUSED)('refuses %p', (schedule, reasons) => expect(cronScheduleProblems(schedule)).toEqual(reasons));
});

describe('through the entry points: a pattern prop, a JSON patch, a raw ApiObject', () => {
  const cronErrors = (f: FixtureApp) =>
    f.app
      .validate()
      .errors.filter((e) => e.rule === 'values/cron')
      .map((e) => e.message);

  test.each(['@every 1h30m', '0 0 * * 0', '*/61 * * * *', '0 0 31 2 *'])(
    'ScheduledJob and a patched CronJob accept %p, as the API server does',
    (schedule) => {
      const f = fixtureApp();
      new ScheduledJob(f.chart, 'nightly', { image: 'busybox:1.36', schedule, command: ['true'] });
      patch(f.cron, JsonPatch.replace('/spec/schedule', schedule));
      expect(cronErrors(f)).toEqual([]);
    },
  );

  test.each<[string, string]>([
    ['0 0 L * *', "schedule '0 0 L * *': failed to parse int from L"],
    ['0 0 * * 1#2', "schedule '0 0 * * 1#2': failed to parse int from 1#2"],
    ['H 3 * * *', "schedule 'H 3 * * *': failed to parse int from H"],
    ['0 3 * * 7', "schedule '0 3 * * 7': end of range (7) above maximum (6): 7 (day-of-week field)"],
    ['TZ=UTC 0 3 * * *', `schedule 'TZ=UTC 0 3 * * *': ${CRON_TZ_MESSAGE}`],
  ])('ScheduledJob refuses %p when built; a patched CronJob at synth', (schedule, message) => {
    const f = fixtureApp();
    expect(() => new ScheduledJob(f.chart, 'nightly', { image: 'busybox:1.36', schedule })).toThrow(
      /shop\/nightly \(schedule\): .* is invalid: /,
    );
    patch(f.cron, JsonPatch.replace('/spec/schedule', schedule));
    const [error] = f.app.validate().errors.filter((e) => e.rule === 'values/cron');
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.hint).toMatch(schedule.includes('TZ') ? /set spec\.timeZone/ : /no L, W, # or H/);
  });
});
