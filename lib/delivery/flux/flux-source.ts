import { ApiObject } from 'cdk8s';

/** The kinds of Flux sources a Kustomization applies from (`spec.sourceRef.kind`). */
export enum FluxSourceKind {
  /** A git repository (`source.toolkit.fluxcd.io` GitRepository). */
  GIT_REPOSITORY = 'GitRepository',
  /** An OCI artifact (`source.toolkit.fluxcd.io` OCIRepository), e.g. one `kubecraft publish` pushed. */
  OCI_REPOSITORY = 'OCIRepository',
  /** An S3-compatible bucket (`source.toolkit.fluxcd.io` Bucket). */
  BUCKET = 'Bucket',
}

/** A Flux source by reference: one created outside the app (e.g. by `flux bootstrap`). */
export interface FluxSourceReference {
  /** Its kind. */
  readonly kind: FluxSourceKind;
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default - the namespace of the object that refers to it
   */
  readonly namespace?: string;
}

/** A Flux source the app creates (`FluxGitRepository`, `FluxOciRepository`). */
export interface IFluxSource {
  /** The source's `ApiObject`. */
  readonly apiObject: ApiObject;
  /** Its kind. */
  readonly sourceKind: FluxSourceKind;
}

/** The `sourceRef` of `source`: its kind and name, and its namespace when it has one. */
export function fluxSourceRef(source: IFluxSource | FluxSourceReference): Record<string, string> {
  if ('apiObject' in source) {
    const ns = source.apiObject.metadata.namespace;
    return { kind: source.sourceKind, name: source.apiObject.name, ...(ns ? { namespace: ns } : {}) };
  }
  return { kind: source.kind, name: source.name, ...(source.namespace ? { namespace: source.namespace } : {}) };
}
