import * as fs from 'fs';
import { registerCustomResourceScopeOf, yamlPackage } from '../core';
import { registerCustomResourceDefinitions } from '../validation/schema/store';

/**
 * Registers the CustomResourceDefinitions of a local YAML file (CRDs installed in the cluster
 * by other means: a platform team, an operator's own install) for this process's validations,
 * without regenerating kubecraft's precompiled validators: their custom resources are validated
 * against the CRDs' `openAPIV3Schema`s, and cluster-scoped custom kinds get no namespace.
 * Documents that are not CRDs are ignored. Returns the `<apiVersion>/<kind>` keys registered.
 *
 * ```ts
 * registerCrdsFromFile(path.join(__dirname, 'crds', 'cert-manager.crds.yaml'));
 * ```
 */
export function registerCrdsFromFile(file: string): string[] {
  const crds = yamlPackage()
    .parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as unknown)
    .filter((d) => (d as { kind?: unknown } | null)?.kind === 'CustomResourceDefinition');
  for (const crd of crds) registerCustomResourceScopeOf(crd);
  return registerCustomResourceDefinitions(crds);
}
