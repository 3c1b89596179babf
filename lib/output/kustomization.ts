import { toYamlDocuments } from './yaml-serializer';

/**
 * The file name of each output folder's kustomization. kustomize (`kubectl apply -k`,
 * `kubectl kustomize`) reads `Kustomization` as it reads `kustomization.yaml`, while
 * `kubectl apply -f <folder>` only takes `.yaml`, `.yml` and `.json` files and so skips it:
 * both forms work on the same folder.
 */
export const KUSTOMIZATION_FILE = 'Kustomization';

/**
 * A kustomization listing `resources` (file names relative to its folder) in the given
 * order, so that `kubectl apply -k <folder>` and `kubectl kustomize <folder>` take the folder
 * as one unit. kustomize itself orders the resources by kind (Namespaces first, ...).
 */
export function kustomization(resources: readonly string[]): string {
  return toYamlDocuments([
    { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] },
  ]);
}
