import { Manifest } from '../core';

/**
 * The order in which kinds are installed, as Helm does (`releaseutil.InstallOrder`): what
 * others depend on comes first (namespaces, policies, identities, configuration, storage,
 * RBAC, services), then workloads, then what targets workloads (autoscalers, disruption
 * budgets, ingresses). Deliberate differences from Helm: PodDisruptionBudgets come after the
 * workloads they guard, with the autoscalers; RuntimeClass comes with PriorityClass, before
 * the pods that name it (admission refuses a pod whose RuntimeClass does not exist). Kinds not listed (custom resources) come last.
 */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass',
  'RuntimeClass', // pods naming a RuntimeClass that does not exist yet are refused at admission
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'IngressClass',
  'Ingress',
  'APIService',
];

const RANK = new Map(INSTALL_ORDER.map((kind, i) => [kind, i]));

/** The install rank of a kind; custom resources and unknown kinds rank after every built-in. */
export function installRank(kind: string): number {
  return RANK.get(kind) ?? INSTALL_ORDER.length;
}

/**
 * Sorts items by the install order of their manifest's kind. The sort is stable: items of the
 * same kind keep their given order (cdk8s's dependency order), and unknown kinds keep theirs.
 */
export function sortByInstallOrder<T extends { readonly manifest: Manifest }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index, rank: installRank(item.manifest.kind) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.item);
}
