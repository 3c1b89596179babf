// `kubecraft diff`: what a change does to the synthesized output, readable by reviewers.
// Resources are matched by folder, API group, kind, namespace and name; arrays of named things
// by natural key (diff/keyed-arrays.ts); workloads say whether pods roll (diff/rollout.ts);
// Secret values are never shown (diff/secret-redaction.ts).
import { Manifest } from '../core';
import { compareResource } from './diff/field-changes';
import { ManifestDiff, ResourceChange } from './diff/model';
import { compareIdentities, identityOf, ResourceKey, resourceKey } from './diff/resource-identity';
import { rolloutOf } from './diff/rollout';
import { readAllManifests } from './output-folders';

export type { FieldChange, ManifestDiff, ResourceChange } from './diff/model';
export { hasChanges } from './diff/model';
export type { ResourceIdentity, ResourceKey } from './diff/resource-identity';
export { resourceKey } from './diff/resource-identity';
export type { RolloutReason, WorkloadRollout } from './diff/rollout';
export { ROLLOUT_REASONS } from './diff/rollout';
export { REDACTED } from './diff/secret-redaction';
export { formatDiff, summarizeDiff } from './diff/text-format';
export type { ManifestDiffJson } from './diff/json-format';
export { diffToJson, formatDiffJson } from './diff/json-format';

/**
 * Reads every manifest under `dir` (recursively, `*.yaml` except kustomization.yaml), keyed by
 * {@link resourceKey} with the output folder relative to `dir` (an install phase's `setup/`
 * sub-folder counts as its output folder: an object moving between phases is not a change).
 */
export function readManifests(dir: string): Map<ResourceKey, Manifest> {
  const result = new Map<ResourceKey, Manifest>();
  for (const { folder, manifest } of readAllManifests(dir)) result.set(resourceKey(manifest, folder), manifest);
  return result;
}

/**
 * Compares two sets of manifests resource by resource (by key: use {@link readManifests} or
 * {@link resourceKey}), field by field, with arrays of named things matched by name, and says
 * for each changed workload whether its pods roll.
 */
export function diffManifests(
  before: ReadonlyMap<ResourceKey, Manifest>,
  after: ReadonlyMap<ResourceKey, Manifest>,
): ManifestDiff {
  const added = [...after].filter(([k]) => !before.has(k)).map(([k, m]) => identityOf(k, m));
  const removed = [...before].filter(([k]) => !after.has(k)).map(([k, m]) => identityOf(k, m));
  const changed: ResourceChange[] = [];
  for (const [key, now] of after) {
    const old = before.get(key);
    if (!old) continue;
    const changes = compareResource(old, now);
    if (changes.length === 0) continue;
    const rollout = rolloutOf(now.kind, now, changes);
    changed.push({ ...identityOf(key, now), fields: changes.map((c) => c.field), ...(rollout ? { rollout } : {}) });
  }
  return {
    added: added.sort(compareIdentities),
    removed: removed.sort(compareIdentities),
    changed: changed.sort(compareIdentities),
  };
}
