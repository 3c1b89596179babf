import { INT32_MAX, percentProblems, timeZoneFormProblems } from '../../values/api-names';
import { CRON_TZ_MESSAGE, cronScheduleProblems } from '../../values/cron-schedule';
import { parseQuantity } from '../../values/quantity';
import { FieldPath } from '../field-path';
import { invalid, oneOf, outOfRange, Problem, required } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { display, asNumber, asObject, asString, isInt32, isSet, JsonObject, objectsIn } from './shape';

/** Checks workload, Job, CronJob, HPA and PDB specs: counts, strategies, schedules, budgets. */
export function checkWorkloads(ctx: ValidationContext, obj: ObjectToValidate): void {
  const spec = asObject(obj.manifest.spec);
  if (spec) ctx.reportAll(obj, workloadProblems(obj.manifest.kind, spec));
}

/** The problems of the spec of a workload, Job, CronJob, HPA or PDB (of `kind`). */
export function workloadProblems(kind: string, spec: JsonObject): Problem[] {
  const counts = new Counts();
  const out = counts.out;
  const root = FieldPath.root('spec');
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicationController':
      counts.replicas(spec, root);
      counts.nonNegative(spec, root, ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']);
      if (kind === 'Deployment') out.push(...progressDeadlineProblems(spec, root));
      strategyProblems(kind, spec, root, counts);
      break;
    case 'Job':
      jobProblems(spec, root, counts);
      break;
    case 'CronJob': {
      cronJobProblems(spec, root, counts);
      const jobSpec = asObject(asObject(spec.jobTemplate)?.spec);
      if (jobSpec) jobProblems(jobSpec, root.child('jobTemplate').child('spec'), counts);
      break;
    }
    case 'HorizontalPodAutoscaler':
      hpaProblems(spec, root, counts);
      break;
    case 'PodDisruptionBudget':
      pdbProblems(spec, root, counts);
      break;
    default:
      break;
  }
  return out;
}

/** Collects the problems of one spec, with the checks of counts the API server bounds. */
class Counts {
  /** The problems found. */
  public readonly out: Problem[] = [];

  /** `replicas`: a non-negative int32 (values/replicas for the sign, values/range for the size). */
  public replicas(spec: JsonObject, at: FieldPath): void {
    const v = spec.replicas;
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      this.out.push(
        invalid(
          at.child('replicas'),
          `replicas must be a non-negative integer (is ${JSON.stringify(v)})`,
          'set replicas to 0 or more',
          'values/replicas',
        ),
      );
    else if (!isInt32(v))
      this.out.push(
        outOfRange(
          at.child('replicas'),
          `replicas ${v} does not fit an int32 (at most ${INT32_MAX})`,
          'lower replicas',
        ),
      );
  }

  /** Each key: a non-negative integer that fits an int32 (`int64` keys: any size). */
  public nonNegative(spec: JsonObject, at: FieldPath, keys: readonly string[], int64: readonly string[] = []): void {
    for (const key of keys) {
      const v = asNumber(spec[key]);
      if (v === undefined) continue;
      if (v < 0)
        this.out.push(
          outOfRange(at.child(key), `${key} must be greater than or equal to 0 (is ${v})`, `set ${key} to 0 or more`),
        );
      else if (!int64.includes(key) && !isInt32(v))
        this.out.push(
          outOfRange(at.child(key), `${key} ${v} does not fit an int32 (at most ${INT32_MAX})`, `lower ${key}`),
        );
    }
  }

  /** An int-or-percent: a non-negative int32, or `N%` (at most 100% when `capped`). */
  public intOrPercent(value: unknown, field: FieldPath, capped: boolean): number | undefined {
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < 0)
        this.out.push(
          outOfRange(field, `must be a non-negative integer or a percentage (is ${value})`, "use e.g. 1 or '25%'"),
        );
      else if (!isInt32(value))
        this.out.push(outOfRange(field, `${value} does not fit an int32 (at most ${INT32_MAX})`, 'lower it'));
      return value;
    }
    if (typeof value !== 'string') return undefined;
    const problems = percentProblems(value);
    for (const p of problems) this.out.push(outOfRange(field, `'${value}' ${p}`, "use e.g. 1 or '25%'"));
    if (problems.length > 0) return undefined;
    const percent = Number(value.slice(0, -1));
    if (capped && percent > 100)
      this.out.push(outOfRange(field, `'${value}' must not be greater than 100%`, 'use at most 100%'));
    return percent;
  }
}

function strategyProblems(kind: string, spec: JsonObject, root: FieldPath, counts: Counts): void {
  const out = counts.out;
  if (kind === 'Deployment' || kind === 'DaemonSet') {
    const key = kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const rolling = asObject(asObject(spec[key])?.rollingUpdate);
    if (!rolling) return;
    const at = root.child(key).child('rollingUpdate');
    const surge = counts.intOrPercent(rolling.maxSurge, at.child('maxSurge'), kind === 'DaemonSet');
    const unavailable = counts.intOrPercent(rolling.maxUnavailable, at.child('maxUnavailable'), true);
    if (kind === 'Deployment' && surge === 0 && unavailable === 0)
      out.push(
        outOfRange(
          at.child('maxUnavailable'),
          'maxUnavailable may not be 0 when maxSurge is 0: the rollout could never progress',
          'allow 1 surge or 1 unavailable pod',
        ),
      );
  }
  if (kind === 'StatefulSet') {
    const rolling = asObject(asObject(spec.updateStrategy)?.rollingUpdate);
    if (rolling) counts.nonNegative(rolling, root.child('updateStrategy').child('rollingUpdate'), ['partition']);
    const ordinals = asObject(spec.ordinals);
    if (ordinals) counts.nonNegative(ordinals, root.child('ordinals'), ['start']);
  }
}

function jobProblems(spec: JsonObject, at: FieldPath, counts: Counts): void {
  const out = counts.out;
  const backoff = spec.backoffLimit;
  if (backoff !== undefined && !(typeof backoff === 'number' && Number.isInteger(backoff) && backoff >= 0))
    out.push(
      invalid(
        at.child('backoffLimit'),
        `backoffLimit must be a non-negative integer (is ${JSON.stringify(backoff)})`,
        'set backoffLimit to 0 or more',
        'values/replicas',
      ),
    );
  counts.nonNegative(
    spec,
    at,
    [
      'parallelism',
      'completions',
      'ttlSecondsAfterFinished',
      'backoffLimitPerIndex',
      'maxFailedIndexes',
      'activeDeadlineSeconds',
    ],
    ['activeDeadlineSeconds'],
  );
  if (spec.completionMode === 'Indexed' && !isSet(spec.completions))
    out.push(required(at.child('completions'), 'an Indexed Job needs completions', 'set completions'));
}

function cronJobProblems(spec: JsonObject, root: FieldPath, counts: Counts): void {
  const out = counts.out;
  const schedule = asString(spec.schedule);
  if (schedule !== undefined) {
    for (const p of cronScheduleProblems(schedule))
      out.push(
        invalid(
          root.child('schedule'),
          `schedule '${schedule}': ${p}`,
          p === CRON_TZ_MESSAGE
            ? "remove TZ=/CRON_TZ= from the schedule and set spec.timeZone (e.g. 'Europe/Berlin')"
            : "use five fields 'minute hour day-of-month month day-of-week' (minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, " +
                "weekday 0-6 or sun-sat; no L, W, # or H), e.g. '*/5 * * * *', or @hourly, @daily, @weekly, @monthly, @yearly, '@every 1h30m'",
          'values/cron',
        ),
      );
  }
  if (spec.timeZone !== undefined && spec.timeZone !== null) {
    const tz = asString(spec.timeZone);
    const problems = tz === undefined ? ['must be a string'] : timeZoneFormProblems(tz);
    if (tz !== undefined && problems.length === 0 && !isKnownTimeZone(tz))
      problems.push('is not a known IANA time zone');
    for (const p of problems)
      out.push(
        invalid(
          root.child('timeZone'),
          `timeZone '${display(spec.timeZone)}' ${p}`,
          "use an IANA zone such as 'Europe/Berlin' or 'Etc/UTC'",
          'values/cron',
        ),
      );
  }
  counts.nonNegative(
    spec,
    root,
    ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
    ['startingDeadlineSeconds'],
  );
}

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function hpaProblems(spec: JsonObject, root: FieldPath, counts: Counts): void {
  const out = counts.out;
  const min = spec.minReplicas ?? 1;
  if (!(typeof min === 'number' && Number.isInteger(min) && min >= 1))
    out.push(
      invalid(
        root.child('minReplicas'),
        `minReplicas must be an integer of at least 1 (is ${JSON.stringify(min)})`,
        'set minReplicas to 1 or more',
        'values/replicas',
      ),
    );
  const max = spec.maxReplicas;
  if (!(typeof max === 'number' && Number.isInteger(max) && max >= 1 && (typeof min !== 'number' || max >= min)))
    out.push(
      invalid(
        root.child('maxReplicas'),
        `maxReplicas (${JSON.stringify(max)}) must be an integer of at least 1 and of minReplicas (${JSON.stringify(min)})`,
        'raise maxReplicas or lower minReplicas',
        'values/replicas',
      ),
    );
  counts.nonNegative(spec, root, ['minReplicas', 'maxReplicas']);
  const behavior = asObject(spec.behavior);
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const rules = asObject(behavior?.[direction]);
    if (!rules) continue;
    const at = root.child('behavior').child(direction);
    const window = asNumber(rules.stabilizationWindowSeconds);
    if (window !== undefined && (window < 0 || window > 3600))
      out.push(
        outOfRange(
          at.child('stabilizationWindowSeconds'),
          `stabilizationWindowSeconds must be from 0 to 3600 (is ${window})`,
          'use at most an hour',
        ),
      );
    const policies = objectsIn(rules.policies);
    if (policies.length === 0)
      out.push(
        required(
          at.child('policies'),
          `${direction} must specify at least one policy`,
          "add a policy, e.g. { type: 'Percent', value: 100, periodSeconds: 15 }",
        ),
      );
    for (const [policy, i] of policies) {
      const period = asNumber(policy.periodSeconds);
      if (period !== undefined && (period < 1 || period > 1800))
        out.push(
          outOfRange(
            at.child('policies').index(i).child('periodSeconds'),
            `periodSeconds must be from 1 to 1800 (is ${period})`,
            'use 1 to 1800 seconds',
          ),
        );
      const value = asNumber(policy.value);
      if (value !== undefined && (value <= 0 || !isInt32(value)))
        out.push(
          outOfRange(
            at.child('policies').index(i).child('value'),
            `a policy value must be a positive int32 (is ${value})`,
            'use a positive number',
          ),
        );
    }
  }
  for (const [metric, i] of objectsIn(spec.metrics)) {
    for (const source of ['resource', 'containerResource', 'pods', 'object', 'external'] as const) {
      const target = asObject(asObject(metric[source])?.target);
      if (!target) continue;
      const at = root.child('metrics').index(i).child(source).child('target');
      const utilization = asNumber(target.averageUtilization);
      if (utilization !== undefined && (utilization < 1 || !isInt32(utilization)))
        out.push(
          outOfRange(
            at.child('averageUtilization'),
            `averageUtilization must be at least 1 (is ${utilization})`,
            'use a positive percentage',
          ),
        );
      for (const key of ['value', 'averageValue'] as const) {
        const q = target[key];
        if (typeof q !== 'string' && typeof q !== 'number') continue;
        const parsed = parseQuantity(q);
        if (parsed === undefined)
          out.push(
            invalid(
              at.child(key),
              `'${display(q)}' is not a quantity`,
              "use a quantity such as '100m' or '1k'",
              'values/quantity',
            ),
          );
        else if (parsed <= 0)
          out.push(outOfRange(at.child(key), `${key} must be positive (is ${display(q)})`, 'use a positive quantity'));
      }
    }
  }
}

function pdbProblems(spec: JsonObject, root: FieldPath, counts: Counts): void {
  const out = counts.out;
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable))
    out.push(
      oneOf(root.child('maxUnavailable'), 'minAvailable and maxUnavailable cannot be both set', 'keep one of them'),
    );
  counts.intOrPercent(spec.minAvailable, root.child('minAvailable'), true);
  counts.intOrPercent(spec.maxUnavailable, root.child('maxUnavailable'), true);
}

/**
 * A Deployment's progress deadline is longer than its minReadySeconds (`ValidateDeploymentSpec`):
 * a deadline shorter than the time a pod needs to count as available could never be met. An
 * absent deadline is defaulted to 600 seconds before the check (`SetDefaults_Deployment`).
 */
function progressDeadlineProblems(spec: JsonObject, root: FieldPath): Problem[] {
  const minReady = asNumber(spec.minReadySeconds) ?? 0;
  const given = asNumber(spec.progressDeadlineSeconds);
  const deadline = given ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  if (deadline > minReady) return [];
  return [
    outOfRange(
      root.child('progressDeadlineSeconds'),
      `progressDeadlineSeconds ${deadline}${given === undefined ? ' (the default)' : ''} must be greater than minReadySeconds (${minReady})`,
      `set progressDeadlineSeconds above ${minReady}, or lower minReadySeconds`,
    ),
  ];
}

/** What the API server sets an absent Deployment `progressDeadlineSeconds` to. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
