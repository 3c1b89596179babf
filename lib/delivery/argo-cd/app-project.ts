import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, knownProps } from '../../core';
import { GitOpsObject, GitOpsObjectProps } from '../gitops-object';
import { knownArgoCdObject } from './argo-cd-kinds';

/** A kind by API group (`''` for the core group) and name, for an AppProject's lists. */
export interface ArgoCdGroupKind {
  /** The API group. */
  readonly group: string;
  /** The kind. */
  readonly kind: string;
}

/** A cluster and namespace an AppProject's Applications may sync to (globs allowed). */
export interface ArgoCdProjectDestination {
  /**
   * The cluster's API server URL.
   *
   * @default - `name` gives the cluster
   */
  readonly server?: string;
  /**
   * The cluster's name in Argo CD.
   *
   * @default - `server` gives the cluster
   */
  readonly name?: string;
  /** The namespace, or a glob such as `*`. */
  readonly namespace: string;
}

/** Properties of `ArgoCdAppProject`. */
export interface ArgoCdAppProjectProps extends GitOpsObjectProps {
  /**
   * What the project is for.
   *
   * @default - none
   */
  readonly description?: string;
  /** The repositories its Applications may sync from (URLs or globs). */
  readonly sourceRepos: readonly string[];
  /** The clusters and namespaces its Applications may sync to. */
  readonly destinations: readonly ArgoCdProjectDestination[];
  /**
   * The cluster-scoped kinds its Applications may create. A function is called at synth, when
   * the whole app exists (`ArgoCdDelivery` lists the cluster-scoped kinds of the app's output).
   *
   * @default - none (Argo CD: an empty list allows no cluster-scoped kind)
   */
  readonly clusterResourceWhitelist?: readonly ArgoCdGroupKind[] | (() => readonly ArgoCdGroupKind[]);
  /**
   * The namespaced kinds its Applications may create.
   *
   * @default - every namespaced kind
   */
  readonly namespaceResourceWhitelist?: readonly ArgoCdGroupKind[];
}

const APP_PROJECT_PROPS = knownProps<ArgoCdAppProjectProps>('ArgoCdAppProjectProps')([
  'metadata',
  'description',
  'sourceRepos',
  'destinations',
  'clusterResourceWhitelist',
  'namespaceResourceWhitelist',
]);

/**
 * An Argo CD `AppProject` (`argoproj.io/v1alpha1`): what its Applications may sync, from where
 * and to where. Least privilege by default: no cluster-scoped kind unless listed. Validated
 * against Argo CD's own CRD.
 */
export class ArgoCdAppProject extends GitOpsObject {
  /** The API version. */
  public static readonly API_VERSION = 'argoproj.io/v1alpha1';
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdAppProjectProps) {
    super(scope, id);
    checkKnownProps(this, props, APP_PROJECT_PROPS);
    const whitelist = props.clusterResourceWhitelist;
    this.apiObject = knownArgoCdObject(
      new ApiObject(this, 'Resource', {
        apiVersion: ArgoCdAppProject.API_VERSION,
        kind: 'AppProject',
        metadata: props.metadata,
        spec: {
          ...(props.description !== undefined ? { description: props.description } : {}),
          sourceRepos: [...props.sourceRepos],
          destinations: props.destinations.map((d) => ({ ...d })),
          clusterResourceWhitelist: Lazy.any({
            produce: () => (typeof whitelist === 'function' ? whitelist() : (whitelist ?? [])).map((g) => ({ ...g })),
          }),
          ...(props.namespaceResourceWhitelist
            ? { namespaceResourceWhitelist: props.namespaceResourceWhitelist.map((g) => ({ ...g })) }
            : {}),
        },
      }),
    );
  }
}
