import { ResourceIdentity } from './resource-identity';
import { WorkloadRollout } from './rollout';

/** A field that differs between two versions of a resource. */
export interface FieldChange {
  /**
   * Field path. Properties are joined with `.` (quoted as `["a.b/c"]` when not a plain
   * identifier), array entries with a natural key are `[key]` (`containers[web].env[LOG_LEVEL]`),
   * other array entries are `[index]`.
   */
  readonly path: string;
  /**
   * `added`, `removed` or `changed`; `reordered` when a keyed array kept its entries but
   * changed their order (`before` and `after` are then the entry keys in order).
   */
  readonly type: 'added' | 'removed' | 'changed' | 'reordered';
  /** The value before; absent when added. */
  readonly before?: unknown;
  /** The value after; absent when removed. */
  readonly after?: unknown;
  /** Present (true) when values were replaced by `<redacted>`: Secret `data` and `stringData`. */
  readonly redacted?: true;
}

/** A resource present on both sides whose content differs. */
export interface ResourceChange extends ResourceIdentity {
  /** The differing fields, in document order; reorderings last. */
  readonly fields: readonly FieldChange[];
  /** For workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod): whether pods roll, and why. */
  readonly rollout?: WorkloadRollout;
}

/** The difference between two synthesized outputs, per resource. Serializable as is: Secret values are redacted. */
export interface ManifestDiff {
  readonly added: readonly ResourceIdentity[];
  readonly removed: readonly ResourceIdentity[];
  readonly changed: readonly ResourceChange[];
}

/** Whether anything differs. */
export function hasChanges(d: ManifestDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length > 0;
}
