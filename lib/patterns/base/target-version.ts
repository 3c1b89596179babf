import { IConstruct } from 'constructs';
import { KubecraftApp } from '../../app/kubecraft-app';
import { FEATURE_SINCE } from '../../core/feature-versions';
import { atLeast, DEFAULT_KUBERNETES_VERSION } from '../../core/kubernetes-version';

/** The Kubernetes version the app of `scope` targets (the library default outside a KubecraftApp). */
export function kubernetesVersionOf(scope: IConstruct): string {
  const root = scope.node.root;
  return root instanceof KubecraftApp ? root.kubernetesVersion : DEFAULT_KUBERNETES_VERSION;
}

/**
 * Whether the app of `scope` targets a Kubernetes version with native sidecars
 * (`FEATURE_SINCE.nativeSidecars`, 1.29); outside a `KubecraftApp`, the library default's answer.
 */
export function nativeSidecarsSupported(scope: IConstruct): boolean {
  return atLeast(kubernetesVersionOf(scope), FEATURE_SINCE.nativeSidecars);
}
