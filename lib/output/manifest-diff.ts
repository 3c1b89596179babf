// `kubecraft diff`: what a change does to the synthesized output, readable by reviewers.
// Resources are matched by folder, API group, kind, namespace and name; arrays of named things
// by natural key (diff/keyed-arrays.ts); workloads say whether pods roll (diff/rollout.ts);
// Secret values are never shown (diff/secret-redaction.ts).
import * as fs from 'fs';
import * as path from 'path';
import { Manifest, yamlPackage } from '../core';
import { compareResource } from './diff/field-changes';
import { ManifestDiff, ResourceChange } from './diff/model';
import { compareIdentities, identityOf, ResourceKey, resourceKey } from './diff/resource-identity';
import { rolloutOf } from './diff/rollout';
import { outputFolderOf } from './install-phases';

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
  if (!fs.existsSync(dir)) return result;
  const walk = (rel: string) => {
    for (const entry of fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relPath);
      else if (/\.ya?ml$/.test(entry.name) && entry.name !== 'kustomization.yaml') {
        for (const doc of yamlPackage().parseAllDocuments(fs.readFileSync(path.join(dir, relPath), 'utf8'))) {
          const m = doc.toJS() as Manifest | null;
          if (!m || typeof m !== 'object' || !m.kind) continue;
          result.set(resourceKey(m, outputFolderOf(rel).folder), m);
        }
      }
    }
  };
  walk('');
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
