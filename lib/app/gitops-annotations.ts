import { IConstruct } from 'constructs';
import { apiGroupOf, asObject, getPath, insertSorted, JsonObject, Manifest } from '../core';
import { installPhaseOf } from '../output/install-phases';
import { SynthesizedFile } from './synthesis';

/** Argo CD's sync wave annotation: lower waves are applied, and healthy, before higher ones. */
export const ARGOCD_SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Argo CD's per-object sync options annotation. */
export const ARGOCD_SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/** The sync wave of the `setup` install phase (CRDs and Namespaces); the rest stays in wave 0. */
export const SETUP_SYNC_WAVE = '-1';
const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

/** The output folders an Argo CD delivery syncs, per app (root construct). */
const syncedByArgoCd = new WeakMap<IConstruct, Set<string>>();

/**
 * Says that Argo CD syncs `folders` (environments' names) of the app of `scope` (`ArgoCdDelivery`
 * does), so their install phases are written as sync waves, as `KubecraftAppProps.argoCdSyncWaves`
 * does for every folder.
 */
export function requestArgoCdSyncWaves(scope: IConstruct, folders: Iterable<string>): void {
  const root = scope.node.root;
  const set = syncedByArgoCd.get(root) ?? new Set<string>();
  for (const f of folders) set.add(f);
  syncedByArgoCd.set(root, set);
}

/** The output folders of the app of `scope` that an Argo CD delivery syncs. */
export function argoCdSyncedFolders(scope: IConstruct): ReadonlySet<string> {
  return syncedByArgoCd.get(scope.node.root) ?? new Set<string>();
}

function setAnnotation(m: Manifest, key: string, value: (current: string | undefined) => string | undefined): void {
  const annotations: JsonObject = { ...(asObject(m.metadata.annotations) ?? {}) };
  const current = typeof annotations[key] === 'string' ? (annotations[key] as string) : undefined;
  const next = value(current);
  if (next === undefined || next === current) return;
  if (current === undefined) insertSorted(annotations, key, next);
  else annotations[key] = next;
  m.metadata.annotations = annotations as Record<string, string>;
}

/**
 * The install phases as Argo CD annotations (changes the rendered manifests in place), so that
 * an Argo CD Application of an output folder syncs it in the order `kubecraft apply` does:
 *
 * - every object of the `setup` phase (CustomResourceDefinitions, Namespaces) gets
 *   `argocd.argoproj.io/sync-wave: "-1"`, unless it sets a wave of its own: Argo CD applies that
 *   wave first and waits until it is healthy (a CRD is healthy once established);
 * - every custom resource whose CRD is in the same output folder gets
 *   `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true` (added to the options it
 *   has): Argo CD dry-runs the whole sync before wave -1 exists, and would fail on the unknown kind.
 *
 * Flux needs none of this: its Kustomization applies CRDs and Namespaces first on its own.
 * `only`: the folders to annotate (default: every folder).
 */
export function addArgoCdSyncWaves(files: readonly SynthesizedFile[], only?: ReadonlySet<string>): void {
  for (const folder of new Set(files.map((f) => f.folder))) {
    if (only && !only.has(folder)) continue;
    const objects = files.filter((f) => f.folder === folder).flatMap((f) => f.objects.map((o) => o.manifest));
    const crdKinds = new Set(
      objects
        .filter((m) => m.kind === 'CustomResourceDefinition')
        .map((m) => `${String(getPath(m, ['spec', 'group']))}|${String(getPath(m, ['spec', 'names', 'kind']))}`),
    );
    for (const m of objects) {
      if (installPhaseOf(m) === 'setup') setAnnotation(m, ARGOCD_SYNC_WAVE_ANNOTATION, (c) => c ?? SETUP_SYNC_WAVE);
      if (crdKinds.has(`${apiGroupOf(m.apiVersion)}|${m.kind}`)) {
        setAnnotation(m, ARGOCD_SYNC_OPTIONS_ANNOTATION, (c) =>
          c === undefined ? SKIP_DRY_RUN : c.split(',').includes(SKIP_DRY_RUN) ? c : `${c},${SKIP_DRY_RUN}`,
        );
      }
    }
  }
}
