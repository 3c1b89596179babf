import { stringify } from 'yaml';

/** The file name kustomize looks for. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/**
 * A `kustomization.yaml` listing `resources` (file names relative to its folder) in the given
 * order, so that `kubectl apply -k <folder>` and `kubectl kustomize <folder>` take the folder
 * as one unit. kustomize itself orders the resources by kind (Namespaces first, ...).
 */
export function kustomization(resources: readonly string[]): string {
  return stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] });
}
