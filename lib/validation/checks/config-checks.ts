import { Manifest } from '../../core';
import { configMapKeyProblems } from '../../values/api-names';
import { parseQuantity, quantityProblems } from '../../values/quantity';
import { FieldPath } from '../field-path';
import { invalid, Problem, required } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { display, asArray, asObject, JsonObject, objectsIn } from './shape';

const LIMIT_KEYS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

/** Checks ConfigMaps, Secrets, PVCs, StatefulSet claim templates, LimitRanges and ResourceQuotas. */
export function checkConfigAndStorage(ctx: ValidationContext, obj: ObjectToValidate): void {
  ctx.reportAll(obj, configAndStorageProblems(obj.manifest));
}

/** The problems of ConfigMaps, Secrets, PVCs, StatefulSet claim templates, LimitRanges and ResourceQuotas. */
export function configAndStorageProblems(m: Manifest): Problem[] {
  const spec = FieldPath.root('spec');
  switch (m.kind) {
    case 'ConfigMap':
    case 'Secret':
      return keyProblems(m);
    case 'PersistentVolumeClaim':
      return claimSpecProblems(asObject(m.spec), spec, true);
    case 'StatefulSet':
      // The API server does not validate claim templates; their PVCs fail when the controller creates them.
      return objectsIn(asObject(m.spec)?.volumeClaimTemplates).flatMap(([t, i]) =>
        claimSpecProblems(asObject(t.spec), spec.child('volumeClaimTemplates').index(i).child('spec'), false),
      );
    case 'LimitRange':
      return limitRangeProblems(asObject(m.spec)?.limits, spec.child('limits'));
    case 'ResourceQuota':
      return quantities(asObject(m.spec)?.hard, spec.child('hard'), false).problems;
    default:
      return [];
  }
}

function keyProblems(m: Manifest): Problem[] {
  const out: Problem[] = [];
  const maps = m.kind === 'ConfigMap' ? (['data', 'binaryData'] as const) : (['data', 'stringData'] as const);
  for (const section of maps) {
    const map = asObject(m[section]);
    if (!map) continue;
    for (const key of Object.keys(map))
      for (const p of configMapKeyProblems(key))
        out.push(
          invalid(
            FieldPath.root(section).key(key),
            `key '${key}' ${p}`,
            "use alphanumerics, '-', '_' or '.' (e.g. 'app.properties')",
            'values/config-key',
          ),
        );
  }
  if (m.kind === 'ConfigMap') {
    const binary = asObject(m.binaryData) ?? {};
    for (const key of Object.keys(asObject(m.data) ?? {}))
      if (Object.prototype.hasOwnProperty.call(binary, key))
        out.push(
          invalid(
            FieldPath.root('data').key(key),
            `key '${key}' is in both data and binaryData`,
            'keep the key in one of them',
            'values/config-key',
          ),
        );
  }
  return out;
}

function claimSpecProblems(spec: JsonObject | undefined, at: FieldPath, isClaim: boolean): Problem[] {
  if (!spec) return [];
  const out: Problem[] = [];
  if (isClaim && asArray(spec.accessModes).length === 0)
    out.push(
      required(
        at.child('accessModes'),
        'a PersistentVolumeClaim needs at least one access mode',
        'set accessModes, e.g. [ReadWriteOnce]',
      ),
    );
  const storage = asObject(asObject(spec.resources)?.requests)?.storage;
  if (isClaim && storage === undefined && !asObject(spec.dataSourceRef) && !asObject(spec.dataSource))
    out.push(
      required(
        at.child('resources').child('requests').child('storage'),
        'a PersistentVolumeClaim must request storage',
        "set resources.requests.storage, e.g. '10Gi'",
      ),
    );
  if (typeof storage !== 'string' && typeof storage !== 'number') return out;
  const problems = quantityProblems(storage);
  if (problems.length === 0 && (parseQuantity(storage) ?? 0) <= 0) problems.push('must be greater than zero');
  for (const p of problems)
    out.push(
      invalid(
        at.child('resources').child('requests').child('storage'),
        `'${display(storage)}' ${p}`,
        "use a quantity such as '10Gi'",
        'values/quantity',
      ),
    );
  return out;
}

/** The malformed quantities of a map, and the parsed ones. */
function quantities(
  map: unknown,
  at: FieldPath,
  allowNegative: boolean,
): { parsed: Map<string, number>; problems: Problem[] } {
  const out: Problem[] = [];
  const parsed = new Map<string, number>();
  for (const [resource, q] of Object.entries(asObject(map) ?? {})) {
    if (typeof q !== 'string' && typeof q !== 'number') continue;
    const problems = quantityProblems(q, { allowNegative });
    for (const p of problems)
      out.push(
        invalid(at.field(resource), `'${display(q)}' ${p}`, "use a quantity such as '4' or '8Gi'", 'values/quantity'),
      );
    const value = parseQuantity(q);
    if (problems.length === 0 && value !== undefined) parsed.set(resource, value);
  }
  return { parsed, problems: out };
}

/** The problems of the limits of a LimitRange, as `ValidateLimitRange` finds them (no sign check on its quantities). */
function limitRangeProblems(limits: unknown, path: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const [limit, i] of objectsIn(limits)) {
    const at = path.index(i);
    const values = Object.fromEntries(
      LIMIT_KEYS.map((k) => {
        const { parsed, problems } = quantities(limit[k], at.child(k), true);
        out.push(...problems);
        return [k, parsed];
      }),
    ) as Record<(typeof LIMIT_KEYS)[number], Map<string, number>>;
    const add = (field: FieldPath, message: string, hint: string) =>
      out.push(invalid(field, message, hint, 'values/limit-range'));
    if (limit.type === 'Pod')
      for (const k of ['default', 'defaultRequest'] as const)
        if (values[k].size > 0)
          add(at.child(k), `${k} may not be set for a limit of type Pod`, `remove ${k} or use type Container`);
    if (limit.type === 'PersistentVolumeClaim' && !values.min.has('storage') && !values.max.has('storage'))
      add(at, 'a PersistentVolumeClaim limit needs a min or max storage', 'set min.storage or max.storage');
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
          add(
            at.child(low).field(resource),
            `${low} ${resource} (${display(asObject(limit[low])?.[resource])}) is greater than ${high} (${display(asObject(limit[high])?.[resource])})`,
            'order the values min ≤ defaultRequest ≤ default ≤ max',
          );
      }
    for (const [resource, ratio] of values.maxLimitRequestRatio) {
      if (ratio < 1)
        add(
          at.child('maxLimitRequestRatio').field(resource),
          `maxLimitRequestRatio ${resource} (${ratio}) is less than 1`,
          'use a ratio of at least 1',
        );
      const min = values.min.get(resource);
      const max = values.max.get(resource);
      if (min !== undefined && max !== undefined && min > 0 && ratio > max / min)
        add(
          at.child('maxLimitRequestRatio').field(resource),
          `maxLimitRequestRatio ${resource} (${ratio}) is greater than max/min (${max / min})`,
          'lower the ratio or widen min and max',
        );
    }
  }
  return out;
}
