/**
 * Every set of kinds kubecraft reasons about, defined once.
 *
 * - `POD_SPEC_PATHS` / `podSpecPath`: the kinds that carry a pod spec, and where it is;
 * - `POD_TEMPLATE_KINDS`: those whose pods come from a template (all but `Pod`);
 * - `REPLICATED_KINDS`: controllers that keep a set of pods running, selected by
 *   `spec.selector` (their pods must restart `Always`);
 * - `LONG_RUNNING_KINDS`: replicated kinds and bare Pods (expected to serve, so probed);
 * - `RUN_TO_COMPLETION_KINDS`: Jobs and CronJobs;
 * - `CLUSTER_SCOPED_KINDS`: built-in kinds that have no namespace;
 * - `registerCustomResourceScope`: custom kinds' scopes, from their CRDs (`isClusterScoped`).
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

/**
 * The scopes of custom kinds, learnt from the CustomResourceDefinitions an app contains (or
 * registers from a file): `group` → `kind` → cluster-scoped or not. Filled by
 * `registerCustomResourceScope` (kubecraft charts call it for every CRD of their app before
 * rendering; `registerCrdsFromFile` and `UpstreamManifests` for the CRDs they read), read by
 * `isClusterScoped`. Kept here, at the bottom layer, so that every layer sees the same answer
 * without importing upward.
 */
const CUSTOM_SCOPES = new Map<string, Map<string, boolean>>();

/**
 * Records that custom `kind` of API `group` is cluster-scoped (`scope: 'Cluster'`) or
 * namespaced (`'Namespaced'`), as its CRD's `spec.scope` says. A later registration of the same
 * group and kind replaces the earlier one.
 */
export function registerCustomResourceScope(group: string, kind: string, scope: 'Cluster' | 'Namespaced'): void {
  let kinds = CUSTOM_SCOPES.get(group);
  if (!kinds) {
    kinds = new Map();
    CUSTOM_SCOPES.set(group, kinds);
  }
  kinds.set(kind, scope === 'Cluster');
}

/**
 * Registers the scope of a CustomResourceDefinition given as JSON (any shape: anything that is
 * not a CRD with a group, a kind and a scope is ignored). Returns whether it registered one.
 */
export function registerCustomResourceScopeOf(crd: unknown): boolean {
  const c = crd as { kind?: unknown; spec?: { group?: unknown; scope?: unknown; names?: { kind?: unknown } } } | null;
  if (c === null || typeof c !== 'object' || c.kind !== 'CustomResourceDefinition') return false;
  const group = c.spec?.group;
  const kind = c.spec?.names?.kind;
  const scope = c.spec?.scope;
  if (typeof group !== 'string' || typeof kind !== 'string' || (scope !== 'Cluster' && scope !== 'Namespaced'))
    return false;
  registerCustomResourceScope(group, kind, scope);
  return true;
}

/**
 * Whether `kind` is cluster-scoped: a built-in cluster-scoped kind, or a custom kind whose
 * CRD says `scope: Cluster` (see `registerCustomResourceScope`). With `apiVersion`, a custom
 * kind is looked up in its own API group only; without it, in any group.
 */
export function isClusterScoped(kind: string, apiVersion?: string): boolean {
  if (CLUSTER_SCOPED_KINDS.has(kind)) return true;
  if (CUSTOM_SCOPES.size === 0) return false;
  if (apiVersion !== undefined) {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    return CUSTOM_SCOPES.get(group)?.get(kind) ?? false;
  }
  for (const kinds of CUSTOM_SCOPES.values()) if (kinds.get(kind) === true) return true;
  return false;
}
