import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, knownProps } from '../../core';
import { FLUX_CONTENT_MEDIA_TYPE } from '../../oci/artifact';
import { assertValid } from '../../values/assert-valid';
import { GitOpsObject } from '../gitops-object';
import { FLUX_SOURCE_PROP_NAMES, FluxSourceKind, FluxSourceProps, fluxSourceSpec, IFluxSource } from './flux-source';

/** The artifact version a `FluxOciRepository` follows (Flux's `OCIRepositoryRef`; give one). */
export interface FluxOciReference {
  /**
   * A tag, e.g. `prod` (what `kubecraft publish oci://REPO:prod` pushed).
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
   * A digest, `sha256:<hex>` (what `kubecraft publish` prints): pinned.
   *
   * @default - none
   */
  readonly digest?: string;
}

const OCI_REFERENCE = knownProps<FluxOciReference>('FluxOciReference')(['tag', 'semver', 'digest']);

/** Properties of `FluxOciRepository`. */
export interface FluxOciRepositoryProps extends FluxSourceProps {
  /** The artifact repository, `oci://REGISTRY/REPOSITORY`. */
  readonly url: string;
  /** The version to follow. Flux itself would follow `latest` when none is given, so kubecraft asks for one. */
  readonly ref: FluxOciReference;
}

const OCI_REPOSITORY_PROPS = knownProps<FluxOciRepositoryProps>('FluxOciRepositoryProps')([
  ...FLUX_SOURCE_PROP_NAMES,
  'url',
  'ref',
]);

/**
 * A Flux `OCIRepository` (`source.toolkit.fluxcd.io`): an OCI artifact Flux pulls, such as an
 * output folder `kubecraft publish` pushed. Its layer selector picks the layer of Flux's content
 * media type, the one `kubecraft publish` writes. Validated against Flux's own CRD.
 */
export class FluxOciRepository extends GitOpsObject implements IFluxSource {
  /** The API version (the one the vendored CRD serves). */
  public static readonly API_VERSION = 'source.toolkit.fluxcd.io/v1';
  public readonly apiObject: ApiObject;
  /** The source kind. */
  public readonly sourceKind: FluxSourceKind = FluxSourceKind.OCI_REPOSITORY;

  constructor(scope: Construct, id: string, props: FluxOciRepositoryProps) {
    super(scope, id);
    checkKnownProps(this, props, OCI_REPOSITORY_PROPS);
    checkKnownProps(this, props.ref, OCI_REFERENCE, 'ref');
    // OCIRepositorySpec.url: +kubebuilder:validation:Pattern="^oci://.*$"
    assertValid(this, 'url', props.url, /^oci:\/\/.+/.test(String(props.url)) ? [] : ['must start with oci://']);
    if (props.ref?.digest !== undefined) {
      assertValid(
        this,
        'ref.digest',
        props.ref.digest,
        /^sha256:[a-f0-9]{64}$/.test(props.ref.digest) ? [] : ['must be sha256:<64 hex digits>'],
      );
    }
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: FluxOciRepository.API_VERSION,
      kind: 'OCIRepository',
      metadata: props.metadata,
      spec: {
        ...fluxSourceSpec(
          this,
          props.url,
          props.ref,
          props,
          "give a tag, e.g. { tag: 'prod' }, or the digest kubecraft publish printed",
        ),
        layerSelector: { mediaType: FLUX_CONTENT_MEDIA_TYPE, operation: 'extract' },
      },
    });
  }
}
