import * as fs from 'fs';
import { registerCustomResourceScopeOf, yamlPackage } from '../core';
import { registerCustomResourceDefinitions } from '../validation/schema/store';
import { parsedOnce } from './parsed-yaml-cache';

const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;

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
  const crds = crdsInFile(file);
  for (const crd of crds) registerCustomResourceScopeOf(crd);
  return registerCustomResourceDefinitions(crds);
}

/**
 * The CustomResourceDefinitions of a local YAML file (other documents left out), parsed once per
 * content, in this process and between runs (see `parsedOnce`): CRD files are large. Each call
 * gets its own copy.
 */
export function crdsInFile(file: string): Record<string, unknown>[] {
  return parsedOnce(fs.readFileSync(file, 'utf8'), `crds:yaml@${YAML_VERSION}`, (text) =>
    yamlPackage()
      .parseAllDocuments(text)
      .map((d) => d.toJS() as Record<string, unknown> | null)
      .filter((d): d is Record<string, unknown> => d !== null && d.kind === 'CustomResourceDefinition'),
  );
}
