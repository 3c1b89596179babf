import { PathSegment } from './keyed-arrays';
import { FieldChange } from './model';

/** What a Secret value is replaced with in diffs. */
export const REDACTED = '<redacted>';

const SECRET_FIELDS = new Set(['data', 'stringData']);

/**
 * `change` with Secret values replaced by {@link REDACTED}: any change under `data` or
 * `stringData` of a `Secret`. When a whole map is added or removed its keys stay, its values
 * do not. Other changes are returned as they are.
 */
export function redactSecretValues(kind: string, segments: readonly PathSegment[], change: FieldChange): FieldChange {
  const first = segments[0];
  if (kind !== 'Secret' || !first || !('prop' in first) || !SECRET_FIELDS.has(first.prop)) return change;
  const hide = (v: unknown): unknown => {
    if (v === undefined) return undefined;
    if (segments.length === 1 && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).map((k) => [k, REDACTED]));
    }
    return REDACTED;
  };
  const { before, after, ...rest } = change;
  return {
    ...rest,
    ...(before !== undefined ? { before: hide(before) } : {}),
    ...(after !== undefined ? { after: hide(after) } : {}),
    redacted: true,
  };
}
