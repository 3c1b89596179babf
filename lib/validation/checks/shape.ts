/**
 * Reading user input of any shape: every check reads manifests through these helpers (or
 * `asObject`/`asArray`/`asString` from core), so a field of the wrong type is skipped (the
 * schema check reports it) rather than thrown on.
 */
import { asArray, asObject, asString, JsonObject } from '../../core';
import { SelectorRequirement, SelectorSpec } from '../../selectors/selector';
import { INT32_MAX } from '../../values/api-names';

export { asArray, asObject, asString, JsonObject };

/** The objects of a list with their indexes; entries that are not objects are skipped. */
export function objectsIn(value: unknown): [JsonObject, number][] {
  const result: [JsonObject, number][] = [];
  asArray(value).forEach((item, i) => {
    const o = asObject(item);
    if (o) result.push([o, i]);
  });
  return result;
}

/** The strings of a list; other entries are skipped. */
export function stringsIn(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

/** The string entries of a map; entries whose value is not a string are skipped. */
export function stringEntries(value: unknown): [string, string][] {
  const o = asObject(value);
  if (!o) return [];
  return Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** `value` when it is a finite number, else undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether `value` is an integer that fits a Kubernetes `int32`. */
export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -INT32_MAX - 1 && value <= INT32_MAX;
}

/** Whether a Service spec is headless (`clusterIP: None`). */
export function isHeadless(spec: Record<string, unknown>): boolean {
  return spec.clusterIP === 'None' || (asArray(spec.clusterIPs).length === 1 && asArray(spec.clusterIPs)[0] === 'None');
}

/** Whether `value` is set (not undefined or null). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Keys of `o` whose values are set, among `keys`. */
export function setKeys(o: JsonObject, keys: readonly string[]): string[] {
  return keys.filter((k) => isSet(o[k]));
}

/** A label selector read safely: the well-formed part, and what is malformed. */
export interface SelectorShape {
  /** The selector, with malformed requirements left out. */
  readonly spec: SelectorSpec;
  /** Shape problems (a matchExpressions item that is not an object, a key that is not a string, ...). */
  readonly problems: string[];
}

/** Reads a label selector of any shape; undefined when `value` is not an object. */
export function selectorShape(value: unknown): SelectorShape | undefined {
  const o = asObject(value);
  if (!o) return undefined;
  const problems: string[] = [];
  let matchLabels: Record<string, string> | undefined;
  if (isSet(o.matchLabels)) {
    const labels = asObject(o.matchLabels);
    if (!labels) problems.push('matchLabels must be a map of label keys to values');
    else {
      matchLabels = {};
      for (const [k, v] of Object.entries(labels)) {
        if (typeof v === 'string') matchLabels[k] = v;
        else problems.push(`matchLabels['${k}'] must be a string (is ${JSON.stringify(v)})`);
      }
    }
  }
  let matchExpressions: SelectorRequirement[] | undefined;
  if (isSet(o.matchExpressions)) {
    if (!Array.isArray(o.matchExpressions)) problems.push('matchExpressions must be a list');
    else {
      const requirements: SelectorRequirement[] = [];
      matchExpressions = requirements;
      o.matchExpressions.forEach((item, i) => {
        const req = asObject(item);
        const key = asString(req?.key);
        const operator = asString(req?.operator);
        if (!req || key === undefined || key.length === 0 || operator === undefined) {
          problems.push(`matchExpressions[${i}] needs a key and an operator (is ${JSON.stringify(item)})`);
          return;
        }
        if (isSet(req.values) && !Array.isArray(req.values)) {
          problems.push(`matchExpressions[${i}].values must be a list of strings`);
          return;
        }
        const values = asArray(req.values);
        if (values.some((v) => typeof v !== 'string')) {
          problems.push(`matchExpressions[${i}].values must be strings (is ${JSON.stringify(values)})`);
          return;
        }
        requirements.push({
          key,
          operator: operator as SelectorRequirement['operator'],
          ...(isSet(req.values) ? { values: values as string[] } : {}),
        });
      });
    }
  }
  return {
    spec: { ...(matchLabels ? { matchLabels } : {}), ...(matchExpressions ? { matchExpressions } : {}) },
    problems,
  };
}

/**
 * `value` for a message: strings as they are, other scalars as `String` writes them, anything
 * else as JSON. Never throws (an object whose `toString` is not a function breaks `String()`).
 */
export function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value) ?? '?';
  } catch {
    return '?';
  }
}
