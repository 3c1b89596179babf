import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, knownProps } from '../../core';
import { assertValid } from '../../values/assert-valid';
import { dns1123LabelProblems } from '../../values/dns-name';
import { GitOpsObject, GitOpsObjectProps } from '../gitops-object';
import { goDuration } from '../go-duration';
import { FluxSourceReference, fluxSourceRef, IFluxSource } from './flux-source';

/** A Flux Kustomization another one depends on, by name: one created outside the app (declare it with `External.object`). */
export interface FluxDependencyReference {
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default - the namespace of the Kustomization that depends on it
   */
  readonly namespace?: string;
}

/** An object whose health a Kustomization waits for (Flux's `healthChecks`). */
export interface FluxHealthCheck {
  /**
   * Its API version.
   *
   * @default - any version of the kind
   */
  readonly apiVersion?: string;
  /** Its kind. */
  readonly kind: string;
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default - the Kustomization's namespace
   */
  readonly namespace?: string;
}

/** Properties of `FluxKustomization`. */
export interface FluxKustomizationProps extends GitOpsObjectProps {
  /** The source to apply from: a `FluxGitRepository` or `FluxOciRepository` of the app, or one by reference. */
  readonly source: IFluxSource | FluxSourceReference;
  /**
   * The folder in the source to apply (its `Kustomization` file, or every manifest under it).
   *
   * @default './' (the source's root)
   */
  readonly path?: string;
  /**
   * How often Flux applies the folder again (and reverts changes made in the cluster).
   *
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
  /**
   * How soon Flux tries again after a failed apply.
   *
   * @default Duration.minutes(2)
   */
  readonly retryInterval?: Duration;
  /**
   * How long an apply, and the wait for health, may take.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * Delete the objects that leave the folder.
   *
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Wait until every applied object is ready (a Deployment rolled out, a CRD established)
   * before the Kustomization is ready, so the ones that depend on it start after.
   *
   * @default true
   */
  readonly wait?: boolean;
  /**
   * Kustomizations applied (and ready) before this one: of the app (same output folder) or
   * declared with `External.object(scope, { kind: 'Kustomization', ... })`.
   *
   * @default - none
   */
  readonly dependsOn?: readonly (FluxKustomization | FluxDependencyReference)[];
  /**
   * Objects whose health to wait for (ignored by Flux when `wait` is true).
   *
   * @default - none
   */
  readonly healthChecks?: readonly FluxHealthCheck[];
  /**
   * The namespace every namespaced object is put in.
   *
   * @default - the namespaces the objects give
   */
  readonly targetNamespace?: string;
  /**
   * The ServiceAccount Flux impersonates when applying.
   *
   * @default - the controller's own
   */
  readonly serviceAccountName?: string;
}

const KUSTOMIZATION_PROPS = knownProps<FluxKustomizationProps>('FluxKustomizationProps')([
  'metadata',
  'source',
  'path',
  'interval',
  'retryInterval',
  'timeout',
  'prune',
  'wait',
  'dependsOn',
  'healthChecks',
  'targetNamespace',
  'serviceAccountName',
]);

/** The Flux Kustomization kind's API group. */
const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';

/**
 * A Flux `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`): a folder of a Flux source that Flux
 * applies to its cluster, keeps in sync and prunes. Flux applies CustomResourceDefinitions and
 * Namespaces first, in a stage of their own, so an output folder with its `setup/` phase is one
 * Kustomization. Validated against Flux's own CRD, and every `dependsOn` must name a
 * Kustomization of the same output folder or one declared with `External.object`
 * (`refs/flux-depends-on`, which judges raw and included Kustomizations too).
 */
export class FluxKustomization extends GitOpsObject {
  /** The API version. */
  public static readonly API_VERSION = `${KUSTOMIZE_GROUP}/v1`;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FluxKustomizationProps) {
    super(scope, id);
    checkKnownProps(this, props, KUSTOMIZATION_PROPS);
    if (props.targetNamespace !== undefined) {
      assertValid(this, 'targetNamespace', props.targetNamespace, dns1123LabelProblems(props.targetNamespace));
    }
    const dependsOn = props.dependsOn ?? [];
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: FluxKustomization.API_VERSION,
      kind: 'Kustomization',
      metadata: props.metadata,
      spec: {
        sourceRef: fluxSourceRef(props.source),
        path: props.path ?? './',
        interval: goDuration(props.interval ?? Duration.minutes(10)),
        retryInterval: goDuration(props.retryInterval ?? Duration.minutes(2)),
        timeout: goDuration(props.timeout ?? Duration.minutes(5)),
        prune: props.prune ?? true,
        wait: props.wait ?? true,
        ...(dependsOn.length > 0
          ? { dependsOn: Lazy.any({ produce: () => dependsOn.map((d) => this.dependencyRef(d)) }) }
          : {}),
        ...(props.healthChecks?.length ? { healthChecks: props.healthChecks.map((h) => ({ ...h })) } : {}),
        ...(props.targetNamespace !== undefined ? { targetNamespace: props.targetNamespace } : {}),
        ...(props.serviceAccountName !== undefined ? { serviceAccountName: props.serviceAccountName } : {}),
      },
    });
  }

  private dependencyRef(d: FluxKustomization | FluxDependencyReference): Record<string, string> {
    const name = d.name;
    const namespace = d.namespace;
    return namespace !== undefined && namespace !== this.namespace ? { name, namespace } : { name };
  }
}
