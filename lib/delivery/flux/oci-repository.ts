import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, knownProps } from '../../core';
import { FLUX_CONTENT_MEDIA_TYPE } from '../../oci/artifact';
import { assertValid } from '../../values/assert-valid';
import { GitOpsObject, GitOpsObjectProps } from '../gitops-object';
import { goDuration } from '../go-duration';
import { FluxSourceKind, IFluxSource } from './flux-source';

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
export interface FluxOciRepositoryProps extends GitOpsObjectProps {
  /** The artifact repository, `oci://REGISTRY/REPOSITORY`. */
  readonly url: string;
  /** The version to follow. Flux itself would follow `latest` when none is given, so kubecraft asks for one. */
  readonly ref: FluxOciReference;
  /**
   * How often Flux looks for a new artifact.
   *
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;
  /**
   * The `kubernetes.io/dockerconfigjson` Secret with the registry credentials.
   *
   * @default - none (a public repository)
   */
  readonly secretName?: string;
}

const OCI_REPOSITORY_PROPS = knownProps<FluxOciRepositoryProps>('FluxOciRepositoryProps')([
  'metadata',
  'url',
  'ref',
  'interval',
  'secretName',
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
    const ref = Object.fromEntries(Object.entries(props.ref ?? {}).filter(([, v]) => v !== undefined));
    assertValid(
      this,
      'ref',
      props.ref,
      Object.keys(ref).length === 0 ? ['names nothing to follow'] : [],
      "give a tag, e.g. { tag: 'prod' }, or the digest kubecraft publish printed",
    );
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
        url: props.url,
        ref,
        interval: goDuration(props.interval ?? Duration.minutes(1)),
        layerSelector: { mediaType: FLUX_CONTENT_MEDIA_TYPE, operation: 'extract' },
        ...(props.secretName !== undefined ? { secretRef: { name: props.secretName } } : {}),
      },
    });
  }
}
