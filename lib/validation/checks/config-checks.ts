import { configMapKeyProblems } from '../../values/api-names';
import { parseQuantity, quantityProblems } from '../../values/quantity';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { display, asArray, asObject, JsonObject, objectsIn } from './shape';

const LIMIT_KEYS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

/** Checks ConfigMaps, Secrets, PVCs, StatefulSet claim templates, LimitRanges and ResourceQuotas. */
export function checkConfigAndStorage(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  switch (m.kind) {
    case 'ConfigMap':
    case 'Secret':
      checkKeys(ctx, obj);
      break;
    case 'PersistentVolumeClaim':
      checkClaimSpec(ctx, obj, asObject(m.spec), 'spec', true);
      break;
    case 'StatefulSet':
      // The API server does not validate claim templates; their PVCs fail when the controller creates them.
      for (const [t, i] of objectsIn(asObject(m.spec)?.volumeClaimTemplates))
        checkClaimSpec(ctx, obj, asObject(t.spec), `spec.volumeClaimTemplates[${i}].spec`, false);
      break;
    case 'LimitRange':
      checkLimitRange(ctx, obj);
      break;
    case 'ResourceQuota':
      checkQuantities(ctx, obj, asObject(m.spec)?.hard, 'spec.hard', false);
      break;
    default:
      break;
  }
}

function checkKeys(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  const maps = m.kind === 'ConfigMap' ? (['data', 'binaryData'] as const) : (['data', 'stringData'] as const);
  for (const section of maps) {
    const map = asObject(m[section]);
    if (!map) continue;
    for (const key of Object.keys(map))
      for (const p of configMapKeyProblems(key))
        ctx.report(
          obj,
          'values/config-key',
          `${section}['${key}']`,
          `key '${key}' ${p}`,
          "use alphanumerics, '-', '_' or '.' (e.g. 'app.properties')",
        );
  }
  if (m.kind === 'ConfigMap') {
    const binary = asObject(m.binaryData) ?? {};
    for (const key of Object.keys(asObject(m.data) ?? {}))
      if (Object.prototype.hasOwnProperty.call(binary, key))
        ctx.report(
          obj,
          'values/config-key',
          `data['${key}']`,
          `key '${key}' is in both data and binaryData`,
          'keep the key in one of them',
        );
  }
}

function checkClaimSpec(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  spec: JsonObject | undefined,
  at: string,
  required: boolean,
): void {
  if (!spec) return;
  if (required && asArray(spec.accessModes).length === 0)
    ctx.report(
      obj,
      'values/required',
      `${at}.accessModes`,
      'a PersistentVolumeClaim needs at least one access mode',
      'set accessModes, e.g. [ReadWriteOnce]',
    );
  const storage = asObject(asObject(spec.resources)?.requests)?.storage;
  if (required && storage === undefined && !asObject(spec.dataSourceRef) && !asObject(spec.dataSource))
    ctx.report(
      obj,
      'values/required',
      `${at}.resources.requests.storage`,
      'a PersistentVolumeClaim must request storage',
      "set resources.requests.storage, e.g. '10Gi'",
    );
  if (typeof storage !== 'string' && typeof storage !== 'number') return;
  const problems = quantityProblems(storage);
  if (problems.length === 0 && (parseQuantity(storage) ?? 0) <= 0) problems.push('must be greater than zero');
  for (const p of problems)
    ctx.report(
      obj,
      'values/quantity',
      `${at}.resources.requests.storage`,
      `'${display(storage)}' ${p}`,
      "use a quantity such as '10Gi'",
    );
}

/** Reports malformed quantities of a map; returns the parsed ones. */
function checkQuantities(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  map: unknown,
  at: string,
  allowNegative: boolean,
): Map<string, number> {
  const parsed = new Map<string, number>();
  for (const [resource, q] of Object.entries(asObject(map) ?? {})) {
    if (typeof q !== 'string' && typeof q !== 'number') continue;
    const problems = quantityProblems(q, { allowNegative });
    for (const p of problems)
      ctx.report(
        obj,
        'values/quantity',
        `${at}.${resource}`,
        `'${display(q)}' ${p}`,
        "use a quantity such as '4' or '8Gi'",
      );
    const value = parseQuantity(q);
    if (problems.length === 0 && value !== undefined) parsed.set(resource, value);
  }
  return parsed;
}

/** Checks every LimitRange as `ValidateLimitRange` does (which has no sign check on its quantities). */
function checkLimitRange(ctx: ValidationContext, obj: ObjectToValidate): void {
  for (const [limit, i] of objectsIn(asObject(obj.manifest.spec)?.limits)) {
    const at = `spec.limits[${i}]`;
    const values = Object.fromEntries(
      LIMIT_KEYS.map((k) => [k, checkQuantities(ctx, obj, limit[k], `${at}.${k}`, true)]),
    ) as Record<(typeof LIMIT_KEYS)[number], Map<string, number>>;
    const report = (field: string, message: string, hint: string) =>
      ctx.report(obj, 'values/limit-range', field, message, hint);
    if (limit.type === 'Pod')
      for (const k of ['default', 'defaultRequest'] as const)
        if (values[k].size > 0)
          report(`${at}.${k}`, `${k} may not be set for a limit of type Pod`, `remove ${k} or use type Container`);
    if (limit.type === 'PersistentVolumeClaim' && !values.min.has('storage') && !values.max.has('storage'))
      report(`${at}`, 'a PersistentVolumeClaim limit needs a min or max storage', 'set min.storage or max.storage');
    const order: [(typeof LIMIT_KEYS)[number], (typeof LIMIT_KEYS)[number]][] = [
      ['min', 'max'],
      ['min', 'defaultRequest'],
      ['defaultRequest', 'max'],
      ['defaultRequest', 'default'],
      ['min', 'default'],
      ['default', 'max'],
    ];
    for (const [low, high] of order)
      for (const [resource, lowValue] of values[low]) {
        const highValue = values[high].get(resource);
        if (highValue !== undefined && lowValue > highValue)
          report(
            `${at}.${low}.${resource}`,
            `${low} ${resource} (${display(asObject(limit[low])?.[resource])}) is greater than ${high} (${display(asObject(limit[high])?.[resource])})`,
            'order the values min ≤ defaultRequest ≤ default ≤ max',
          );
      }
    for (const [resource, ratio] of values.maxLimitRequestRatio) {
      if (ratio < 1)
        report(
          `${at}.maxLimitRequestRatio.${resource}`,
          `maxLimitRequestRatio ${resource} (${ratio}) is less than 1`,
          'use a ratio of at least 1',
        );
      const min = values.min.get(resource);
      const max = values.max.get(resource);
      if (min !== undefined && max !== undefined && min > 0 && ratio > max / min)
        report(
          `${at}.maxLimitRequestRatio.${resource}`,
          `maxLimitRequestRatio ${resource} (${ratio}) is greater than max/min (${max / min})`,
          'lower the ratio or widen min and max',
        );
    }
  }
}
