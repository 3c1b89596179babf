import { ResourceIdentity } from './resource-identity';

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

/** Why a workload's pod template changed, in the order they are reported. */
export const ROLLOUT_REASONS = [
  'image',
  'env',
  'config hash',
  'resources',
  'command/args',
  'probes',
  'volumes',
  'containers',
  'labels',
  'other',
] as const;

/**
 * Why a pod template changed: `image`, `env` (env, envFrom), `config hash` (the
 * `kubecraft.io/config-hash` annotation), `resources`, `command/args`, `probes`, `volumes`
 * (volumes, volumeMounts, volumeDevices), `containers` (a container added or removed),
 * `labels` (pod labels), `other`.
 */
export type RolloutReason = (typeof ROLLOUT_REASONS)[number];

/** What a change does to a workload's pods. */
export interface WorkloadRollout {
  /** Whether the pod template changed, so that applying the change replaces pods ("rolls pods"); else "no rollout". */
  readonly rollsPods: boolean;
  /** Why, in {@link ROLLOUT_REASONS} order; empty when pods do not roll. */
  readonly reasons: readonly RolloutReason[];
  /** When the kind or its update strategy makes the rollout differ from a Deployment's. */
  readonly note?: string;
}
