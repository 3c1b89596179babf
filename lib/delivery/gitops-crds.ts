import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError, ownPackageRoot, yamlPackage } from '../core';
import { registerCrdsFromFile } from '../upstream/crds';
import { registerBuiltInCrds } from '../validation/schema/store';

/**
 * Flux's CRD files, vendored in `crds/gitops/` of the package (its README says where each comes
 * from). Argo CD's are not vendored (see `ArgoCdApplicationSet`).
 */
const FLUX_CRD_FILES: readonly string[] = [
  'source.toolkit.fluxcd.io_gitrepositories.yaml',
  'source.toolkit.fluxcd.io_ocirepositories.yaml',
  'kustomize.toolkit.fluxcd.io_kustomizations.yaml',
  'helm.toolkit.fluxcd.io_helmreleases.yaml',
];

/** The paths of Flux's vendored CRD files (none when the package's `crds/` folder is missing). */
function fluxCrdFiles(): string[] {
  const root = ownPackageRoot();
  if (!root) return [];
  return FLUX_CRD_FILES.map((f) => path.join(root, 'crds', 'gitops', f)).filter((f) => fs.existsSync(f));
}

/** The API groups of Flux's vendored CRDs. */
const FLUX_GROUPS: readonly string[] = [
  'source.toolkit.fluxcd.io',
  'kustomize.toolkit.fluxcd.io',
  'helm.toolkit.fluxcd.io',
];

let registered = false;

/**
 * Registers Flux's vendored CRDs for validation (once per process), so Flux objects are
 * validated against Flux's own schemas, as a cluster running Flux has them.
 */
export function registerFluxCrds(): void {
  if (registered) return;
  registered = true;
  for (const file of fluxCrdFiles()) registerCrdsFromFile(file);
}

/**
 * Adds Flux's vendored CRDs to `scope`'s chart (they go to the output folder's `setup/` phase),
 * for a cluster where Flux is not installed yet.
 */
export function includeFluxCrds(scope: Construct): void {
  const files = fluxCrdFiles();
  if (files.length === 0) {
    throw new ConstructError(scope, "Flux's CRDs are not found in kubecraft's package (crds/gitops/)", {
      prop: 'includeCrds',
      hint: 'reinstall kubecraft, or install Flux (and its CRDs) in the cluster by its own means',
    });
  }
  const chart = Chart.of(scope);
  files.forEach((file, i) => {
    yamlPackage()
      .parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJS() as Record<string, unknown> | null)
      .filter((d): d is Record<string, unknown> => d !== null && d.kind === 'CustomResourceDefinition')
      .forEach((crd, j) => new ApiObject(chart, `flux-crd-${i}-${j}`, crd as never));
  });
}

// Flux's objects, typed or not (raw ApiObjects, included YAML), are validated against its CRDs.
registerBuiltInCrds(FLUX_GROUPS, registerFluxCrds);
