import { asObject, JsonObject, Manifest } from '../core';
import { diffManifests, ManifestDiff, ResourceKey, resourceKey } from '../output/manifest-diff';
import { OutputFolder } from '../output/output-folders';
import { FIELD_MANAGER } from './apply-output';
import { APPLY_SET_PART_OF_LABEL } from './apply-set';
import { asList, itemsOf, listApplySetMembers, readApplySetParent } from './apply-set-parent';
import { checkCluster, DeployError, KubectlOptions, kubectlErrorLine, runKubectl } from './kubectl';

/** Options for {@link diffAgainstCluster}. */
export interface LiveDiffOptions extends KubectlOptions {
  /** The output folders to compare (read with `readOutputFolders`). */
  readonly folders: readonly OutputFolder[];
  /** The ApplySet name of each folder, to find the objects a prune would delete. */
  readonly applySetNameOf: (folder: string) => string;
}

/** The result of {@link diffAgainstCluster}. */
export interface LiveDiff {
  /** The kubeconfig context compared with. */
  readonly context: string;
  /**
   * Per resource, what `kubecraft apply` would change: `added` objects the cluster does not
   * have, `removed` objects of the folder's ApplySet that the prune would delete, `changed`
   * objects field by field (with "rolls pods" for workloads).
   */
  readonly diff: ManifestDiff;
  /** Objects of kinds the cluster does not serve yet (their CRD is in the setup phase): shown as added. */
  readonly unserved: readonly string[];
}

/**
 * Metadata the server keeps for itself, and bookkeeping that is not the app's: left out on both
 * sides, so only what the app sets (and the server defaults from it) is compared.
 */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

/** A live or predicted object with what the server keeps for itself left out. */
export function comparableObject(obj: JsonObject): Manifest {
  const { status: _status, ...rest } = obj;
  const metadata: JsonObject = { ...(asObject(rest.metadata) ?? {}) };
  for (const k of SERVER_METADATA) delete metadata[k];
  for (const [field, drop] of [
    ['annotations', SERVER_ANNOTATIONS],
    ['labels', [APPLY_SET_PART_OF_LABEL]],
  ] as const) {
    const map = asObject(metadata[field]);
    if (!map) continue;
    const kept = Object.fromEntries(Object.entries(map).filter(([k]) => !(drop as readonly string[]).includes(k)));
    if (Object.keys(kept).length > 0) metadata[field] = kept;
    else delete metadata[field];
  }
  return { ...rest, metadata } as Manifest;
}

/** Server identity: group, kind, namespace, name (the namespace as the server filled it in). */
const identity = (o: Manifest) => resourceKey(o);

/**
 * Compares what `kubecraft apply` would apply with what runs in the cluster of the user's
 * kubeconfig context, with their kubectl:
 *
 * - the objects as they would be after the apply come from a server-side dry run of the same
 *   apply (`kubectl apply --server-side --field-manager=kubecraft --dry-run=server -o json`), so
 *   the server's defaults and admission show on both sides and are no change;
 * - the live objects from `kubectl get -o json`;
 * - the objects the prune would delete are the members of the folder's ApplySet
 *   (`applyset.kubernetes.io/part-of`) the folder no longer holds, listed by the kinds the
 *   parent records.
 *
 * Server-kept metadata (resourceVersion, managedFields, ...), `status` and the ApplySet label
 * are not compared. Objects whose kind the cluster does not serve yet (a CRD of the setup phase)
 * are shown as added.
 */
export async function diffAgainstCluster(options: LiveDiffOptions): Promise<LiveDiff> {
  const context = await checkCluster(options);
  const before = new Map<ResourceKey, Manifest>();
  const after = new Map<ResourceKey, Manifest>();
  const unserved: string[] = [];
  for (const f of options.folders) {
    const wanted = [...f.objects.setup, ...f.objects.main];
    // a dry run of objects whose kind is not served fails as a whole: leave those out, say so
    const notServed = new Set<string>();
    let predicted: JsonObject[] = [];
    for (let attempt = 0; ; attempt++) {
      const served = wanted.filter((m) => !notServed.has(`${m.apiVersion}|${m.kind}`));
      if (served.length === 0) break;
      const r = await runKubectl(
        ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--dry-run=server', '-o', 'json', '-f', '-'],
        options,
        { input: asList(served) },
      );
      if (r.status === 0) {
        predicted = itemsOf(r.stdout);
        break;
      }
      const missing = [...r.stderr.matchAll(/no matches for kind "([^"]+)" in version "([^"]+)"/g)].map(
        (m) => `${m[2]}|${m[1]}`,
      );
      if (missing.length === 0 || attempt > 2) {
        throw new DeployError(
          `the server-side dry run of ${f.folder ? `environment '${f.folder}'` : 'the charts outside environments'} failed: ${kubectlErrorLine(r)}`,
        );
      }
      missing.forEach((m) => notServed.add(m));
    }
    const servedObjects = wanted.filter((m) => !notServed.has(`${m.apiVersion}|${m.kind}`));
    for (const m of wanted.filter((o) => notServed.has(`${o.apiVersion}|${o.kind}`))) {
      after.set(resourceKey(m, f.folder), m);
      unserved.push(resourceKey(m, f.folder));
    }
    const predictedObjects = predicted.map(comparableObject);
    for (const p of predictedObjects) after.set(resourceKey(p, f.folder), p);
    if (servedObjects.length > 0) {
      const live = await runKubectl(['get', '--ignore-not-found', '-o', 'json', '-f', '-'], options, {
        input: asList(servedObjects),
      });
      if (live.status !== 0) throw new DeployError(`reading the live objects failed: ${kubectlErrorLine(live)}`);
      for (const l of itemsOf(live.stdout).map(comparableObject)) before.set(resourceKey(l, f.folder), l);
    }
    const kept = new Set(predictedObjects.map(identity));
    const name = options.applySetNameOf(f.folder);
    const recorded = await readApplySetParent(name, options);
    for (const m of recorded ? await listApplySetMembers(name, recorded.kinds, options) : []) {
      const c = comparableObject(m);
      if (!kept.has(identity(c))) before.set(resourceKey(c, f.folder), c);
    }
  }
  return { context, diff: diffManifests(before, after), unserved };
}
