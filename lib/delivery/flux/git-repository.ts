import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, knownProps } from '../../core';
import { assertValid } from '../../values/assert-valid';
import { GitOpsObject } from '../gitops-object';
import { FLUX_SOURCE_PROP_NAMES, FluxSourceKind, FluxSourceProps, fluxSourceSpec, IFluxSource } from './flux-source';

/** The git reference a `FluxGitRepository` follows (Flux's `GitRepositoryRef`; give one). */
export interface FluxGitReference {
  /**
   * A branch.
   *
   * @default - none
   */
  readonly branch?: string;
  /**
   * A tag.
   *
   * @default - none
   */
  readonly tag?: string;
  /**
   * A semver range over the tags: the highest matching tag.
   *
   * @default - none
   */
  readonly semver?: string;
  /**
   * A full git reference, e.g. `refs/heads/main` or `refs/pull/420/head`.
   *
   * @default - none
   */
  readonly name?: string;
  /**
   * A commit SHA (with `branch`, the commit must be on it).
   *
   * @default - none
   */
  readonly commit?: string;
}

const GIT_REFERENCE = knownProps<FluxGitReference>('FluxGitReference')(['branch', 'tag', 'semver', 'name', 'commit']);

/** Properties of `FluxGitRepository`. */
export interface FluxGitRepositoryProps extends FluxSourceProps {
  /** The repository's URL: `https://`, `http://` or `ssh://`. */
  readonly url: string;
  /**
   * What to follow. Flux itself would follow the `master` branch when none is given, so
   * kubecraft asks for one.
   */
  readonly ref: FluxGitReference;
  /**
   * Patterns of files to leave out of the artifact, in .gitignore format.
   *
   * @default - Flux's defaults
   */
  readonly ignore?: string;
}

const GIT_REPOSITORY_PROPS = knownProps<FluxGitRepositoryProps>('FluxGitRepositoryProps')([
  ...FLUX_SOURCE_PROP_NAMES,
  'url',
  'ref',
  'ignore',
]);

/**
 * A Flux `GitRepository` (`source.toolkit.fluxcd.io/v1`): a git repository Flux fetches, the
 * source of `FluxKustomization`s and `FluxHelmRelease`s. Validated against Flux's own CRD.
 */
export class FluxGitRepository extends GitOpsObject implements IFluxSource {
  /** The API version. */
  public static readonly API_VERSION = 'source.toolkit.fluxcd.io/v1';
  public readonly apiObject: ApiObject;
  /** The source kind. */
  public readonly sourceKind: FluxSourceKind = FluxSourceKind.GIT_REPOSITORY;

  constructor(scope: Construct, id: string, props: FluxGitRepositoryProps) {
    super(scope, id);
    checkKnownProps(this, props, GIT_REPOSITORY_PROPS);
    checkKnownProps(this, props.ref, GIT_REFERENCE, 'ref');
    // GitRepositorySpec.url: +kubebuilder:validation:Pattern="^(http|https|ssh)://.*$"
    assertValid(
      this,
      'url',
      props.url,
      /^(http|https|ssh):\/\/.*$/.test(String(props.url)) ? [] : ['must start with https://, http:// or ssh://'],
    );
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: FluxGitRepository.API_VERSION,
      kind: 'GitRepository',
      metadata: props.metadata,
      spec: {
        ...fluxSourceSpec(this, props.url, props.ref, props, "give a branch, e.g. { branch: 'main' }"),
        ...(props.ignore !== undefined ? { ignore: props.ignore } : {}),
      },
    });
  }
}
