import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError, ownPackageRoot, yamlPackage } from '../core';
import { registerCrdsFromFile } from '../upstream/crds';
import { registerBuiltInCrds } from '../validation/schema/store';

/** A GitOps engine whose CustomResourceDefinitions kubecraft vendors. */
export type GitOpsEngine = 'flux' | 'argocd';

/** What kubecraft vendors of an engine, in `crds/gitops/` of the package (its README says where each file comes from). */
interface VendoredCrds {
  /** The engine's name, for messages. */
  readonly title: string;
  /** The API groups of its kinds. */
  readonly groups: readonly string[];
  /** Its CRD files, `<group>_<plural>.yaml`. */
  readonly files: readonly string[];
}

const VENDORED: Readonly<Record<GitOpsEngine, VendoredCrds>> = {
  flux: {
    title: 'Flux',
    groups: ['source.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io'],
    files: [
      'source.toolkit.fluxcd.io_gitrepositories.yaml',
      'source.toolkit.fluxcd.io_ocirepositories.yaml',
      'kustomize.toolkit.fluxcd.io_kustomizations.yaml',
      'helm.toolkit.fluxcd.io_helmreleases.yaml',
    ],
  },
  argocd: {
    title: 'Argo CD',
    groups: ['argoproj.io'],
    // the Application CRD; AppProject's and ApplicationSet's are looked for but not vendored (see crds/gitops/README.md)
    files: ['argoproj.io_appprojects.yaml', 'argoproj.io_applications.yaml', 'argoproj.io_applicationsets.yaml'],
  },
};

/** The paths of the engine's vendored CRD files the package holds. */
function vendoredFiles(engine: GitOpsEngine): string[] {
  const root = ownPackageRoot();
  if (!root) return [];
  return VENDORED[engine].files.map((f) => path.join(root, 'crds', 'gitops', f)).filter((f) => fs.existsSync(f));
}

/** Whether the package vendors the CRD of `plural` (e.g. `applicationsets`) of the engine. */
export function vendorsCrdOf(engine: GitOpsEngine, plural: string): boolean {
  return vendoredFiles(engine).some((f) => path.basename(f).endsWith(`_${plural}.yaml`));
}

const registered = new Set<GitOpsEngine>();

/**
 * Registers the engine's vendored CRDs for validation (once per process), so its objects are
 * validated against the engine's own schemas, as a cluster running the engine has them.
 * Validation does it on the first object of one of the engine's API groups.
 */
export function registerGitOpsCrds(engine: GitOpsEngine): void {
  if (registered.has(engine)) return;
  registered.add(engine);
  for (const file of vendoredFiles(engine)) registerCrdsFromFile(file);
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
    yamlPackage()
      .parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJS() as Record<string, unknown> | null)
      .filter((d): d is Record<string, unknown> => d !== null && d.kind === 'CustomResourceDefinition')
      .forEach((crd, j) => new ApiObject(chart, `${engine}-crd-${i}-${j}`, crd as never));
  });
}

// The engines' objects, typed or not (raw ApiObjects, included YAML), are validated against their CRDs.
for (const engine of Object.keys(VENDORED) as GitOpsEngine[]) {
  registerBuiltInCrds(VENDORED[engine].groups, () => registerGitOpsCrds(engine));
}
