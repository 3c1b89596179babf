import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, knownProps } from '../../core';
import { GitOpsObject, GitOpsObjectProps } from '../gitops-object';
import { ArgoCdApplicationSpec, checkApplicationSpec, renderApplicationSpec } from './application-spec';
import { knownArgoCdObject } from './argo-cd-kinds';

/** Properties of `ArgoCdApplication`. */
export interface ArgoCdApplicationProps extends ArgoCdApplicationSpec, GitOpsObjectProps {}

const APPLICATION_PROPS = knownProps<ArgoCdApplicationProps>('ArgoCdApplicationProps')([
  'metadata',
  'project',
  'source',
  'destination',
  'syncPolicy',
]);

/**
 * An Argo CD `Application` (`argoproj.io/v1alpha1`): a folder of a repository that Argo CD syncs
 * to a cluster. By default it syncs automatically, prunes, self-heals and applies server-side.
 * When the app declares its `Clusters`, the destination must be one of them (checked at synth, as
 * `refs/argocd-destination`, which judges raw and included Applications too).
 * Validated against Argo CD's own Application CRD (vendored).
 */
export class ArgoCdApplication extends GitOpsObject {
  /** The API version. */
  public static readonly API_VERSION = 'argoproj.io/v1alpha1';
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    checkKnownProps(this, props, APPLICATION_PROPS);
    const { metadata, ...spec } = props;
    checkApplicationSpec(this, spec, 'spec');
    this.apiObject = knownArgoCdObject(
      new ApiObject(this, 'Resource', {
        apiVersion: ArgoCdApplication.API_VERSION,
        kind: 'Application',
        metadata,
        spec: renderApplicationSpec(spec),
      }),
    );
  }
}
