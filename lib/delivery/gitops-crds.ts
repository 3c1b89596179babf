import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError, ownPackageRoot, registerCustomResourceScope } from '../core';
import { crdsInFile, registerCrdsFromFile } from '../upstream/crds';
import { registerPrecompiledCrdValidators } from '../validation/schema/crd-compiler';
import { registerBuiltInCrd, registerPrecompiledCustomResource } from '../validation/schema/store';

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
  // the app's copies of the CRDs compile to the code the package ships: read it from there
  registerPrecompiledCrdValidators(path.join(path.dirname(files[0]), 'validators'));
  const chart = Chart.of(scope);
  files.forEach((file, i) => {
    crdsInFile(file).forEach((crd, j) => new ApiObject(chart, `${engine}-crd-${i}-${j}`, crd as never));
  });
}

/**
 * What `crds/gitops/validators/index.json` says of each vendored CRD file: the kind it defines,
 * its scope and, for each served version, the file of its validator compiled ahead of time
 * (written with the files by test/delivery/gitops-crd-validators.test.ts, which checks them
 * against the CRDs).
 */
interface PrecompiledIndex {
  readonly [file: string]: {
    readonly group: string;
    readonly kind: string;
    readonly scope: 'Cluster' | 'Namespaced';
    readonly validators: Readonly<Record<string, string>>;
  };
}

let precompiledIndex: PrecompiledIndex | null | undefined;

/** The index of the vendored CRDs' compiled validators (null when the package has none). */
function precompiledIndexIn(folder: string): PrecompiledIndex | null {
  if (precompiledIndex === undefined) {
    try {
      precompiledIndex = JSON.parse(fs.readFileSync(path.join(folder, 'index.json'), 'utf8')) as PrecompiledIndex;
    } catch {
      precompiledIndex = null;
    }
  }
  return precompiledIndex;
}

/**
 * Registers the vendored CRD of `file` for validation: its validators compiled ahead of time,
 * read on the first object of each version (neither the CRD's YAML is parsed nor its schema
 * compiled), else, without them, the CRD itself.
 */
function registerVendoredCrd(file: string): void {
  const folder = path.join(path.dirname(file), 'validators');
  const entry = precompiledIndexIn(folder)?.[path.basename(file)];
  if (!entry) {
    registerCrdsFromFile(file);
    return;
  }
  registerCustomResourceScope(entry.group, entry.kind, entry.scope);
  for (const [apiVersion, validator] of Object.entries(entry.validators))
    registerPrecompiledCustomResource(apiVersion, entry.kind, path.join(folder, validator));
  // an app that includes the CRD itself compiles its schema to the same code: read it from here
  registerPrecompiledCrdValidators(folder);
}

// The engines' objects, typed or not (raw ApiObjects, included YAML), are validated against their
// CRDs, registered on the first object of their kind: an app pays only for the kinds it uses.
for (const engine of Object.keys(VENDORED) as GitOpsEngine[]) {
  for (const crd of VENDORED[engine].crds) {
    registerBuiltInCrd(crd.group, crd.kind, () => {
      const file = vendoredFile(crd);
      if (file) registerVendoredCrd(file);
    });
  }
}
