import { FieldChange, ManifestDiff, ResourceChange } from './model';
import { ResourceIdentity } from './resource-identity';
import { summarizeDiff } from './text-format';

/**
 * The machine-readable diff (`kubecraft diff --json`), format `kubecraft.io/diff/v1`. Stable:
 * fields are only ever added. Secret values are redacted; undefined `before`/`after` are absent.
 *
 * ```
 * { format, summary, counts: { changed, added, removed, rollingWorkloads },
 *   added: ResourceIdentity[], removed: ResourceIdentity[],
 *   changed: (ResourceIdentity & { rollout?: { rollsPods, reasons, note? }, fields: FieldChange[] })[] }
 * ```
 */
export interface ManifestDiffJson {
  readonly format: 'kubecraft.io/diff/v1';
  /** The {@link summarizeDiff} line. */
  readonly summary: string;
  readonly counts: {
    readonly changed: number;
    readonly added: number;
    readonly removed: number;
    /** Changed workloads whose pods roll. */
    readonly rollingWorkloads: number;
  };
  readonly added: readonly ResourceIdentity[];
  readonly removed: readonly ResourceIdentity[];
  readonly changed: readonly ResourceChange[];
}

const identity = ({ key, folder, group, kind, namespace, name }: ResourceIdentity): ResourceIdentity => ({
  key,
  folder,
  group,
  kind,
  namespace,
  name,
});

const field = ({ path, type, before, after, redacted }: FieldChange): FieldChange => ({
  path,
  type,
  ...(before !== undefined ? { before } : {}),
  ...(after !== undefined ? { after } : {}),
  ...(redacted ? { redacted } : {}),
});

/** The diff as {@link ManifestDiffJson}: plain data with a fixed property order. */
export function diffToJson(d: ManifestDiff): ManifestDiffJson {
  return {
    format: 'kubecraft.io/diff/v1',
    summary: summarizeDiff(d),
    counts: {
      changed: d.changed.length,
      added: d.added.length,
      removed: d.removed.length,
      rollingWorkloads: d.changed.filter((c) => c.rollout?.rollsPods).length,
    },
    added: d.added.map(identity),
    removed: d.removed.map(identity),
    changed: d.changed.map((c) => ({
      ...identity(c),
      ...(c.rollout
        ? {
            rollout: {
              rollsPods: c.rollout.rollsPods,
              reasons: [...c.rollout.reasons],
              ...(c.rollout.note ? { note: c.rollout.note } : {}),
            },
          }
        : {}),
      fields: c.fields.map(field),
    })),
  };
}

/** {@link diffToJson} as indented JSON text with a final newline: what `kubecraft diff --json` prints. */
export function formatDiffJson(d: ManifestDiff): string {
  return `${JSON.stringify(diffToJson(d), null, 2)}\n`;
}
