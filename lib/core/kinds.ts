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
 * - `registerCustomResourceScope`: custom kinds' scopes, from their CRDs (`isClusterScoped`), registered or the app's own.
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
 * The scopes of custom kinds: `group` → `kind` → cluster-scoped or not, read by
 * `isClusterScoped`. Two sources, kept apart:
 * - registered ones (`registerCustomResourceScope`, `registerCrdsFromFile`, the CRDs built into the
 *   library), for every app of the process, as the caller asked;
 * - the app's own: the CustomResourceDefinitions among the objects of the app being rendered
 *   (`registerCustomResourceScopeOf(crd, 'app')`), replaced at the start of every render
 *   (`resetAppCustomResourceScopes`), so that a CRD removed from the app (a watch cycle) or one of
 *   another app in the same process is not seen.
 * Kept here, at the bottom layer, so that every layer sees the same answer without importing upward.
 */
const REGISTERED_SCOPES = new Map<string, Map<string, boolean>>();
const APP_SCOPES = new Map<string, Map<string, boolean>>();

function setScope(scopes: Map<string, Map<string, boolean>>, group: string, kind: string, cluster: boolean): void {
  let kinds = scopes.get(group);
  if (!kinds) {
    kinds = new Map();
    scopes.set(group, kinds);
  }
  kinds.set(kind, cluster);
}

/**
 * Records, for every app of this process, that custom `kind` of API `group` is cluster-scoped
 * (`scope: 'Cluster'`) or namespaced (`'Namespaced'`), as its CRD's `spec.scope` says (for a CRD
 * installed by other means). A later registration of the same group and kind replaces the earlier one.
 */
export function registerCustomResourceScope(group: string, kind: string, scope: 'Cluster' | 'Namespaced'): void {
  setScope(REGISTERED_SCOPES, group, kind, scope === 'Cluster');
}

/**
 * Registers the scope of a CustomResourceDefinition given as JSON (any shape: anything that is
 * not a CRD with a group, a kind and a scope is ignored): for every app (`'registered'`), or as
 * one of the app being rendered (`'app'`, until the next `resetAppCustomResourceScopes`).
 * Returns whether it registered one.
 */
export function registerCustomResourceScopeOf(crd: unknown, source: 'registered' | 'app' = 'registered'): boolean {
  const c = crd as { kind?: unknown; spec?: { group?: unknown; scope?: unknown; names?: { kind?: unknown } } } | null;
  if (c === null || typeof c !== 'object' || c.kind !== 'CustomResourceDefinition') return false;
  const group = c.spec?.group;
  const kind = c.spec?.names?.kind;
  const scope = c.spec?.scope;
  if (typeof group !== 'string' || typeof kind !== 'string' || (scope !== 'Cluster' && scope !== 'Namespaced'))
    return false;
  setScope(source === 'app' ? APP_SCOPES : REGISTERED_SCOPES, group, kind, scope === 'Cluster');
  return true;
}

/** Forgets the scopes of the last rendered app's CRDs (each render registers its own again). */
export function resetAppCustomResourceScopes(): void {
  APP_SCOPES.clear();
}

/**
 * Whether `kind` is cluster-scoped: a built-in cluster-scoped kind, or a custom kind whose
 * CRD says `scope: Cluster` (see `registerCustomResourceScope`). With `apiVersion`, a custom
 * kind is looked up in its own API group only; without it, in any group.
 */
export function isClusterScoped(kind: string, apiVersion?: string): boolean {
  if (CLUSTER_SCOPED_KINDS.has(kind)) return true;
  if (APP_SCOPES.size === 0 && REGISTERED_SCOPES.size === 0) return false;
  if (apiVersion !== undefined) {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    return APP_SCOPES.get(group)?.get(kind) ?? REGISTERED_SCOPES.get(group)?.get(kind) ?? false;
  }
  for (const scopes of [APP_SCOPES, REGISTERED_SCOPES])
    for (const kinds of scopes.values()) if (kinds.get(kind) === true) return true;
  return false;
}
