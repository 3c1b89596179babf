import type { CronExpressionParser as Parser } from 'cron-parser';

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/**
 * Problems with a CronJob schedule (empty when valid), as the CronJob controller reads it:
 * five fields (minute hour day-of-month month day-of-week) or a descriptor such as `@hourly`;
 * no seconds field, and no `TZ=` prefix (use the CronJob's `timeZone` field instead).
 */
export function cronScheduleProblems(schedule: string): string[] {
  const trimmed = schedule.trim();
  if (trimmed.length === 0) return ['must not be empty'];
  if (/^(CRON_)?TZ=/.test(trimmed))
    return ['must not start with TZ= or CRON_TZ=; set the CronJob timeZone field instead'];
  if (trimmed.startsWith('@')) {
    return DESCRIPTORS.has(trimmed)
      ? []
      : [`unknown descriptor '${trimmed}' (expected one of ${[...DESCRIPTORS].join(', ')})`];
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) {
    return [`must have exactly 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`];
  }
  try {
    // loaded on first use: most apps have no CronJob
    (require('cron-parser') as { CronExpressionParser: typeof Parser }).CronExpressionParser.parse(trimmed);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}
