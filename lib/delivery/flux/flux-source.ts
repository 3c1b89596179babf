import { ApiObject, Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { assertValid } from '../../values/assert-valid';
import { GitOpsObjectProps } from '../gitops-object';
import { goDuration } from '../go-duration';

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

/** What the props of every Flux source (`FluxGitRepository`, `FluxOciRepository`) have. */
export interface FluxSourceProps extends GitOpsObjectProps {
  /**
   * How often Flux looks for a new revision.
   *
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;
  /**
   * The Secret with the source's credentials: for git, username/password, bearerToken, or
   * identity and known_hosts for ssh; for OCI, a `kubernetes.io/dockerconfigjson` Secret.
   *
   * @default - none (a public source)
   */
  readonly secretName?: string;
}

/** The names of `FluxSourceProps`, for the `knownProps` of each source. */
export const FLUX_SOURCE_PROP_NAMES = ['metadata', 'interval', 'secretName'] as const;

/**
 * The spec fields every Flux source has: `url`, the `ref` it follows (the keys given; refused when
 * it names nothing, since Flux would then follow a default: git's `master`, OCI's `latest`),
 * `interval` and `secretRef`.
 */
export function fluxSourceSpec(
  scope: IConstruct,
  url: string,
  ref: object | undefined,
  props: FluxSourceProps,
  refHint: string,
): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(ref ?? {}).filter(([, v]) => v !== undefined));
  assertValid(scope, 'ref', ref, Object.keys(given).length === 0 ? ['names nothing to follow'] : [], refHint);
  return {
    url,
    ref: given,
    interval: goDuration(props.interval ?? Duration.minutes(1)),
    ...(props.secretName !== undefined ? { secretRef: { name: props.secretName } } : {}),
  };
}
