import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError, ownPackageRoot } from '../core';
import { crdsInFile, registerCrdsFromFile } from '../upstream/crds';
import { registerBuiltInCrd } from '../validation/schema/store';

/** A GitOps engine whose CustomResourceDefinitions kubecraft vendors. */
export type GitOpsEngine = 'flux' | 'argocd';

/** A CRD kubecraft vendors: the kind it defines and its file in `crds/gitops/` of the package. */
interface VendoredCrd {
  readonly group: string;
  readonly kind: string;
  /** `<group>_<plural>.yaml` (the README in that folder says where each comes from). */
  readonly file: string;
}

/** The vendored CRDs of each engine. Argo CD's AppProject and ApplicationSet CRDs are not vendored (see the README). */
const VENDORED: Readonly<Record<GitOpsEngine, { readonly title: string; readonly crds: readonly VendoredCrd[] }>> = {
  flux: {
    title: 'Flux',
    crds: [
      {
        group: 'source.toolkit.fluxcd.io',
        kind: 'GitRepository',
        file: 'source.toolkit.fluxcd.io_gitrepositories.yaml',
      },
      {
        group: 'source.toolkit.fluxcd.io',
        kind: 'OCIRepository',
        file: 'source.toolkit.fluxcd.io_ocirepositories.yaml',
      },
      {
        group: 'kustomize.toolkit.fluxcd.io',
        kind: 'Kustomization',
        file: 'kustomize.toolkit.fluxcd.io_kustomizations.yaml',
      },
      { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', file: 'helm.toolkit.fluxcd.io_helmreleases.yaml' },
    ],
  },
  argocd: {
    title: 'Argo CD',
    crds: [{ group: 'argoproj.io', kind: 'Application', file: 'argoproj.io_applications.yaml' }],
  },
};

/** The path of a vendored CRD file, when the package holds it. */
function vendoredFile(crd: VendoredCrd): string | undefined {
  const root = ownPackageRoot();
  const file = root ? path.join(root, 'crds', 'gitops', crd.file) : undefined;
  return file && fs.existsSync(file) ? file : undefined;
}

/** The paths of the engine's vendored CRD files the package holds. */
function vendoredFiles(engine: GitOpsEngine): string[] {
  return VENDORED[engine].crds.map(vendoredFile).filter((f): f is string => f !== undefined);
}

/** Whether the package vendors the CRD of `kind` of the engine. */
export function vendorsCrdOf(engine: GitOpsEngine, kind: string): boolean {
  const crd = VENDORED[engine].crds.find((c) => c.kind === kind);
  return crd !== undefined && vendoredFile(crd) !== undefined;
}

/**
 * Adds the engine's vendored CRDs to `scope`'s chart (they go to the output folder's `setup/`
 * phase), for a cluster where the engine is not installed yet.
 */
export function includeGitOpsCrds(scope: Construct, engine: GitOpsEngine): void {
  const files = vendoredFiles(engine);
  const { title } = VENDORED[engine];
  if (files.length === 0) {
    throw new ConstructError(scope, `${title}'s CRDs are not found in kubecraft's package (crds/gitops/)`, {
      prop: 'includeCrds',
      hint: `reinstall kubecraft, or install ${title} (and its CRDs) in the cluster by its own means`,
    });
  }
  const chart = Chart.of(scope);
  files.forEach((file, i) => {
    crdsInFile(file).forEach((crd, j) => new ApiObject(chart, `${engine}-crd-${i}-${j}`, crd as never));
  });
}

// The engines' objects, typed or not (raw ApiObjects, included YAML), are validated against their
// CRDs: each file is read (and parsed, once per content) on the first object of its kind.
for (const engine of Object.keys(VENDORED) as GitOpsEngine[]) {
  for (const crd of VENDORED[engine].crds) {
    registerBuiltInCrd(crd.group, crd.kind, () => {
      const file = vendoredFile(crd);
      if (file) registerCrdsFromFile(file);
    });
  }
}
