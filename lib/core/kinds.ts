/**
 * Every set of kinds kubecraft reasons about, defined once.
 *
 * - `POD_SPEC_PATHS` / `podSpecPath`: the kinds that carry a pod spec, and where it is;
 * - `POD_TEMPLATE_KINDS`: those whose pods come from a template (all but `Pod`);
 * - `REPLICATED_KINDS`: controllers that keep a set of pods running, selected by
 *   `spec.selector` (their pods must restart `Always`);
 * - `LONG_RUNNING_KINDS`: replicated kinds and bare Pods (expected to serve, so probed);
 * - `RUN_TO_COMPLETION_KINDS`: Jobs and CronJobs;
 * - `CLUSTER_SCOPED_KINDS`: built-in kinds that have no namespace.
 */

/** JSON path segments from the manifest root to the pod spec, per kind. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds that carry a pod spec (workloads, and bare Pods). */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(Object.keys(POD_SPEC_PATHS));

/** Kinds whose pods are created from a pod template (every workload kind but `Pod`). */
export const POD_TEMPLATE_KINDS: ReadonlySet<string> = new Set([...WORKLOAD_KINDS].filter((k) => k !== 'Pod'));

/** Controllers that keep a set of pods running, chosen by `spec.selector`. */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
]);

/** Kinds whose pods are meant to keep running: replicated kinds and bare Pods. */
export const LONG_RUNNING_KINDS: ReadonlySet<string> = new Set([...REPLICATED_KINDS, 'Pod']);

/** Kinds whose pods run to completion. */
export const RUN_TO_COMPLETION_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/**
 * Built-in kinds that are not namespaced. A chart's namespace is not applied to these, and
 * validation does not ask them for one.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'CertificateSigningRequest',
]);

/** The JSON path (segments) of the pod spec for `kind`, or undefined if the kind has no pods. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
}

/** Whether `kind` (a built-in kind) is cluster-scoped. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}
