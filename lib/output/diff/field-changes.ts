import diff from 'microdiff';
import { Manifest } from '../../core';
import { denormalize, formatPath, normalizeDocument, PathSegment, segmentsOf } from './keyed-arrays';
import { FieldChange } from './model';
import { redactSecretValues } from './secret-redaction';

/** A field change with the path as segments, for classification. */
export interface LocatedChange {
  readonly segments: readonly PathSegment[];
  readonly field: FieldChange;
}

/**
 * The field changes between two versions of one resource: arrays of named things compared by
 * natural key (see `keyed-arrays.ts`), a changed order of such an array reported once as
 * `reordered`, Secret values redacted.
 */
export function compareResource(before: Manifest, after: Manifest): LocatedChange[] {
  const kind = after.kind;
  const a = normalizeDocument(before, kind);
  const b = normalizeDocument(after, kind);
  const located: LocatedChange[] = diff(a.root, b.root).map((d) => {
    const segments = segmentsOf(d.type === 'CREATE' ? b.root : a.root, d.path);
    const field: FieldChange = {
      path: formatPath(segments),
      type: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
      ...(d.type !== 'CREATE' ? { before: denormalize(d.oldValue) } : {}),
      ...(d.type !== 'REMOVE' ? { after: denormalize(d.value) } : {}),
    };
    return { segments, field };
  });
  for (const [path, old] of a.keyOrders) {
    const now = b.keyOrders.get(path);
    if (!now) continue;
    const inNow = new Set(now.keys);
    const inOld = new Set(old.keys);
    const oldOrder = old.keys.filter((k) => inNow.has(k));
    const newOrder = now.keys.filter((k) => inOld.has(k));
    if (oldOrder.some((k, i) => k !== newOrder[i])) {
      located.push({
        segments: old.segments,
        field: { path, type: 'reordered', before: [...old.keys], after: [...now.keys] },
      });
    }
  }
  return located.map((c) => ({ segments: c.segments, field: redactSecretValues(kind, c.segments, c.field) }));
}
