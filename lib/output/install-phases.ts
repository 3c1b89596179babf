import { apiGroupOf, Manifest } from '../core';

/**
 * The install phases of an output folder. kubectl maps every object of one `kubectl apply`
 * before it creates any, so a custom resource cannot be applied in the same call as its
 * CustomResourceDefinition (`no matches for kind ... ensure CRDs are installed first`), and a
 * Pod in a Namespace created by the same call is refused until the ServiceAccount controller
 * has made the namespace's `default` ServiceAccount. So each output folder is applied in two
 * phases:
 *
 * - `setup`: the CustomResourceDefinitions and Namespaces, in the folder's `setup/` sub-folder;
 *   after it, wait for each CRD to be established and each new namespace's `default`
 *   ServiceAccount to exist;
 * - `main`: everything else, in the folder itself.
 */
export type InstallPhase = 'setup' | 'main';

/** The install phases, in the order they are applied. */
export const INSTALL_PHASES: readonly InstallPhase[] = ['setup', 'main'];

/** The sub-folder of each output folder that holds its `setup` phase. */
export const SETUP_FOLDER = 'setup';

/** The group-qualified kinds of the `setup` phase (`Kind.group`, core kinds without a group). */
const SETUP_KINDS: ReadonlySet<string> = new Set(['CustomResourceDefinition.apiextensions.k8s.io', 'Namespace']);

/** The phase a manifest is applied in: `setup` for CustomResourceDefinitions and Namespaces. */
export function installPhaseOf(manifest: Pick<Manifest, 'apiVersion' | 'kind'>): InstallPhase {
  const group = typeof manifest.apiVersion === 'string' ? apiGroupOf(manifest.apiVersion) : '';
  return SETUP_KINDS.has(group ? `${manifest.kind}.${group}` : manifest.kind) ? 'setup' : 'main';
}

/**
 * The folder (relative to the output directory) that holds `phase` of the output folder
 * `folder` ('' for the charts outside any environment): `prod/setup`, `setup`, `prod`, ''.
 */
export function phaseFolder(folder: string, phase: InstallPhase): string {
  if (phase === 'main') return folder;
  return folder ? `${folder}/${SETUP_FOLDER}` : SETUP_FOLDER;
}

/**
 * The output folder a path relative to the output directory belongs to, and its phase:
 * `prod/setup/shop.k8s.yaml` is phase `setup` of folder `prod`; `shop.k8s.yaml` phase `main` of
 * folder ''.
 */
export function outputFolderOf(relativeDir: string): { readonly folder: string; readonly phase: InstallPhase } {
  const parts = relativeDir.split('/').filter((p) => p !== '');
  if (parts[parts.length - 1] === SETUP_FOLDER) return { folder: parts.slice(0, -1).join('/'), phase: 'setup' };
  return { folder: parts.join('/'), phase: 'main' };
}

/** Splits items by the install phase of their manifest, keeping their order within each phase. */
export function splitByPhase<T extends { readonly manifest: Manifest }>(
  items: readonly T[],
): Record<InstallPhase, T[]> {
  const phases: Record<InstallPhase, T[]> = { setup: [], main: [] };
  for (const item of items) phases[installPhaseOf(item.manifest)].push(item);
  return phases;
}
