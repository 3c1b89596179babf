/*
 * A small fake Kubernetes API server for tests, driven by the real kubectl (node:http; no
 * dependency beyond the `yaml` package the project already has). It answers the requests kubectl
 * 1.32 makes the way a Kubernetes 1.35 API server does: aggregated and legacy discovery, a
 * minimal OpenAPI v3 index, get/list/watch, create, update, patch (server-side apply, merge,
 * strategic merge, JSON patch), delete, dry-run, the /scale subresource, Table and
 * PartialObjectMetadata content negotiation, and Status errors. Written from the Kubernetes API
 * conventions and checked against kubectl in test/support/fake-cluster.test.ts.
 *
 * What it models beyond storage: server-side apply with managed fields and conflicts; defaults
 * (below); generation/resourceVersion/uid/creationTimestamp; a finished rollout as the status of
 * every workload write; the ServiceAccount controller (a Namespace gets its `default`
 * ServiceAccount and `kube-root-ca.crt` ConfigMap `serviceAccountDelayMs` after creation) and
 * the Pod admission check on it; CRDs served and Established `crdEstablishDelayMs` after
 * creation; namespace and CRD deletion cascading at once; finalizers holding a deleted object.
 * A new cluster has the namespaces default, kube-node-lease, kube-public and kube-system (with
 * their ServiceAccounts and ConfigMaps) and the default/kubernetes Service (10.96.0.1).
 *
 * Defaults applied (on create, update, apply and dry-run; not owned by an applying manager):
 * Deployment replicas 1, revisionHistoryLimit 10, progressDeadlineSeconds 600, RollingUpdate
 * 25%/25%; StatefulSet replicas 1, OrderedReady, RollingUpdate partition 0, revisionHistoryLimit
 * 10, PVC retention Retain; DaemonSet RollingUpdate maxUnavailable 1 / maxSurge 0,
 * revisionHistoryLimit 10; ReplicaSet replicas 1; Job parallelism/completions 1, backoffLimit 6,
 * NonIndexed, suspend false, podReplacementPolicy, generated selector and labels; CronJob Allow,
 * suspend false, history limits 3/1; pod specs (templates included) restartPolicy Always,
 * dnsPolicy ClusterFirst, schedulerName, securityContext {}, terminationGracePeriodSeconds 30,
 * container terminationMessagePath/Policy, imagePullPolicy (Always for :latest or no tag),
 * resources {}, port protocol TCP, volume defaultMode 420; Pods also serviceAccountName default,
 * enableServiceLinks, priority, preemptionPolicy and the not-ready/unreachable tolerations;
 * Service type ClusterIP, clusterIP(s) allocated from 10.96.0.0/24 (kept across updates),
 * ipFamilies IPv4, SingleStack, sessionAffinity None, internalTrafficPolicy Cluster, port
 * protocol TCP and targetPort = port, nodePorts from 30000; Secret type Opaque; Namespace
 * finalizer kubernetes and label kubernetes.io/metadata.name; PVC volumeMode Filesystem;
 * NetworkPolicy policyTypes; PriorityClass preemptionPolicy; StorageClass reclaimPolicy and
 * volumeBindingMode; CRD names.singular/listKind and conversion None.
 *
 * What it does NOT model:
 * - Admission beyond the Pod ServiceAccount check and the namespace-must-exist check: no
 *   webhooks, no policies, no quotas or limit ranges, no PodSecurity, no token volume injection,
 *   no RBAC and no authentication (every request is allowed).
 * - Schema validation: nothing is checked against a schema (`fieldValidation` is accepted and
 *   ignored, unknown fields are stored), custom resources are neither validated nor pruned
 *   against the CRD's openAPIV3Schema. Only these checks are made: metadata.name present;
 *   apps workloads have a spec.selector that matches the template labels and never changes;
 *   a Job's restartPolicy is OnFailure or Never; a CRD is named <plural>.<group>.
 * - Garbage collection: ownerReferences are stored, owned objects are never deleted.
 * - Real controllers: no ReplicaSets or Pods for a Deployment, no Pods for a Job or a
 *   StatefulSet, no Endpoints/EndpointSlices, no scheduling and no nodes (a DaemonSet has one
 *   pod), no HPA or CronJob controllers; status is written in the same write as the spec (one
 *   resourceVersion), as a finished rollout (a Job completes at once, a Pod is Running and
 *   Ready). Namespace deletion has no Terminating phase: its objects go at once.
 * - Managed fields granularity: every list is atomic (owned as a whole by each manager that sets
 *   it: no associative lists keyed by name or containerPort, no sets), maps are granular per
 *   key; fieldsV1 uses the real `f:` nesting but never `k:`/`v:`/`i:` keys nor `.` entries, so a
 *   conflict on a container is reported as `.spec.template.spec.containers`. A `null` in an
 *   applied configuration is stored as null rather than removing the field.
 * - Versions: one version per built-in kind (autoscaling/v2, no v1); CRD versions are served
 *   with conversion None (objects are relabeled, never converted).
 * - Wire formats: JSON only. Protobuf and CBOR request bodies (kubectl's typed generators:
 *   `kubectl create namespace|deployment|configmap|secret`, `kubectl run`) get 415; responses
 *   are JSON whatever the Accept header prefers. No aggregated discovery v2beta1, no ETag/304.
 *   OpenAPI v3 documents carry only PATCH operations and their parameters (enough for kubectl
 *   to use server-side field validation), no schemas; /openapi/v2 is an empty document.
 * - Lists: `limit`/`continue` are ignored (one page); label selectors support `=`, `==`, `!=`,
 *   `in`, `notin`, exists and `!` (not `<`/`>`); field selectors compare any dotted path as a
 *   string (a real server allows only a few fields per kind). Tables have only the default
 *   Name and Created At columns (no READY, UP-TO-DATE... of kubectl's printers).
 * - Watches replay from any resourceVersion (the whole history is kept: no 410 Gone); no
 *   bookmarks except the one that ends `sendInitialEvents`.
 * - Subresources: GET .../status, and /scale for Deployment, StatefulSet, ReplicaSet and
 *   ReplicationController; no writes to /status, no /log, /exec, /attach, /portforward,
 *   /proxy, /eviction, /ephemeralcontainers, no legacy /api/v1/watch/... paths.
 * - Concurrency: resourceVersion preconditions (PUT, patches and applies that carry one, DELETE
 *   preconditions) are checked, but there is one process and one in-memory store.
 */
import { createHash, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';

export interface FakeClusterOptions {
  /**
   * Extra built-in kinds to serve beyond the defaults (`apiVersion|Kind`): plural guessed the
   * way Kubernetes guesses it, namespaced unless the kind is a known cluster-scoped one (or
   * `apiVersion|Kind|Cluster` is given). Kinds already served are ignored.
   */
  readonly kinds?: Iterable<string>;
  /** Milliseconds after a Namespace is created before its `default` ServiceAccount exists (models the ServiceAccount controller). @default 300 */
  readonly serviceAccountDelayMs?: number;
  /** Milliseconds after a CRD is created before it is served and has condition Established=True. @default 300 */
  readonly crdEstablishDelayMs?: number;
}

export interface LiveObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid: string;
    resourceVersion: string;
    generation?: number;
    managedFields?: unknown[];
    [k: string]: unknown;
  };
  readonly [k: string]: unknown;
}

export interface FakeCluster {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Path of a kubeconfig file (in a temp dir) whose current context points at the server. */
  readonly kubeconfig: string;
  /**
   * An empty directory (next to the kubeconfig) for kubectl's discovery and HTTP caches: set
   * `KUBECACHEDIR` to it (or pass `--cache-dir`), so no cache from another server is reused.
   */
  readonly cacheDir: string;
  /** Every live object (not dry-run), sorted by apiVersion, kind, namespace, name. */
  objects(): LiveObject[];
  /** One live object, or undefined (`namespace` defaults to `default` for namespaced kinds). */
  get(apiVersion: string, kind: string, name: string, namespace?: string): LiveObject | undefined;
  /**
   * Every request served, discovery and OpenAPI included: method, path, query (parsed), content
   * type. For assertions like "no write happened" (`requests.filter((r) => r.method !== 'GET')`).
   */
  readonly requests: ReadonlyArray<{
    method: string;
    path: string;
    query: Record<string, string>;
    contentType?: string;
  }>;
  /**
   * Make the next matching request fail with this HTTP status and a Status body (e.g. 500 or 422), to test failed phases.
   * `kind` is the resource plural (`deployments`); a POST matches by the name in its body. Each call fails one request.
   * For 422, write the message as the server does (`Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: ...`):
   * details.causes are derived from it, since kubectl prints an Invalid error from its causes (`The Deployment "web" is invalid: ...`).
   */
  failNext(match: { method?: string; kind?: string; name?: string }, status: number, message: string): void;
  /** Ends open watches and timers, stops the server and removes the temp dir (kubeconfig, cache). */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// JSON values

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const copy = <T extends Json>(v: T): T => structuredClone(v);

function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The object at `o[key]`, created (replacing a non-object) when absent. */
function child(o: JsonObject, key: string): JsonObject {
  const c = o[key];
  if (isObject(c)) return c;
  const n: JsonObject = {};
  o[key] = n;
  return n;
}

function at(o: Json | undefined, ...keys: string[]): Json | undefined {
  let cur = o;
  for (const k of keys) {
    if (!isObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

const objAt = (o: Json | undefined, ...keys: string[]): JsonObject | undefined => {
  const v = at(o, ...keys);
  return isObject(v) ? v : undefined;
};

function setDefault(o: JsonObject, key: string, value: Json): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

const meta = (o: JsonObject): JsonObject => child(o, 'metadata');
const nameOf = (o: JsonObject): string => str(at(o, 'metadata', 'name')) ?? '';
const nsOf = (o: JsonObject): string => str(at(o, 'metadata', 'namespace')) ?? '';

function stringMap(o: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(o)) for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  return out;
}

const timestamp = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function parseBody(text: string): Json {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return parseYaml(text) as Json;
  }
}

// ---------------------------------------------------------------------------------------------
// Resource types

interface ResourceType {
  readonly group: string;
  /** Served versions, preferred first. */
  readonly versions: string[];
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: string[];
  readonly categories: string[];
  /** Has a status subresource: status is not written through the main resource. */
  readonly status: boolean;
  /** Has metadata.generation. */
  readonly generation: boolean;
  /** Name of the CRD that defines it. */
  readonly crd?: string;
}

const gv = (group: string, version: string): string => (group ? `${group}/${version}` : version);
const splitApiVersion = (apiVersion: string): [string, string] => {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
};
/** `deployments.apps`, `configmaps`: how the server names a resource in messages. */
const qualifiedResource = (t: ResourceType): string => (t.group ? `${t.plural}.${t.group}` : t.plural);
/** `Deployment.apps`, `Pod`: how the server names a kind in "is invalid" messages. */
const qualifiedKind = (t: ResourceType): string => (t.group ? `${t.kind}.${t.group}` : t.kind);

/** The plural the way Kubernetes guesses it (meta.UnsafeGuessKindToResource). */
function guessPlural(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

// apiVersion kind plural scope(N|C) shortNames flags(s: status subresource, g: generation, a: category "all")
const BUILTIN_KINDS = `
v1 Namespace namespaces C ns s
v1 ServiceAccount serviceaccounts N sa -
v1 Secret secrets N - -
v1 ConfigMap configmaps N cm -
v1 Service services N svc sa
v1 Pod pods N po sga
v1 PersistentVolumeClaim persistentvolumeclaims N pvc s
v1 PersistentVolume persistentvolumes C pv s
v1 Endpoints endpoints N ep -
v1 LimitRange limitranges N limits -
v1 ResourceQuota resourcequotas N quota s
v1 Event events N ev -
v1 ReplicationController replicationcontrollers N rc sga
v1 Node nodes C no s
apps/v1 Deployment deployments N deploy sga
apps/v1 StatefulSet statefulsets N sts sga
apps/v1 DaemonSet daemonsets N ds sga
apps/v1 ReplicaSet replicasets N rs sga
apps/v1 ControllerRevision controllerrevisions N - -
batch/v1 Job jobs N - sga
batch/v1 CronJob cronjobs N cj sga
networking.k8s.io/v1 Ingress ingresses N ing sg
networking.k8s.io/v1 NetworkPolicy networkpolicies N netpol g
networking.k8s.io/v1 IngressClass ingressclasses C - g
policy/v1 PodDisruptionBudget poddisruptionbudgets N pdb sg
rbac.authorization.k8s.io/v1 Role roles N - -
rbac.authorization.k8s.io/v1 RoleBinding rolebindings N - -
rbac.authorization.k8s.io/v1 ClusterRole clusterroles C - -
rbac.authorization.k8s.io/v1 ClusterRoleBinding clusterrolebindings C - -
autoscaling/v2 HorizontalPodAutoscaler horizontalpodautoscalers N hpa sga
apiextensions.k8s.io/v1 CustomResourceDefinition customresourcedefinitions C crd,crds sg
storage.k8s.io/v1 StorageClass storageclasses C sc -
storage.k8s.io/v1 CSIDriver csidrivers C - -
storage.k8s.io/v1 CSINode csinodes C - -
storage.k8s.io/v1 VolumeAttachment volumeattachments C - s
scheduling.k8s.io/v1 PriorityClass priorityclasses C pc -
admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration validatingwebhookconfigurations C - g
admissionregistration.k8s.io/v1 MutatingWebhookConfiguration mutatingwebhookconfigurations C - g
admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy validatingadmissionpolicies C - sg
admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding validatingadmissionpolicybindings C - g
coordination.k8s.io/v1 Lease leases N - -
discovery.k8s.io/v1 EndpointSlice endpointslices N - g
node.k8s.io/v1 RuntimeClass runtimeclasses C - -
`;

/** Kinds that are cluster-scoped when given as extra `kinds` (everything else is namespaced). */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CustomResourceDefinition',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'PriorityLevelConfiguration',
  'FlowSchema',
  'ClusterIssuer',
]);

function builtinTypes(extra: Iterable<string>): ResourceType[] {
  const types: ResourceType[] = [];
  for (const line of BUILTIN_KINDS.trim().split('\n')) {
    const [apiVersion, kind, plural, scope, shortNames, flags] = line.split(' ');
    const [group, version] = splitApiVersion(apiVersion);
    types.push({
      group,
      versions: [version],
      kind,
      plural,
      singular: kind.toLowerCase(),
      namespaced: scope === 'N',
      shortNames: shortNames === '-' ? [] : shortNames.split(','),
      categories: flags.includes('a') ? ['all'] : [],
      status: flags.includes('s'),
      generation: flags.includes('g'),
    });
  }
  for (const spec of extra) {
    const [apiVersion, kind, scope] = spec.split('|');
    const [group, version] = splitApiVersion(apiVersion);
    if (!kind || types.some((t) => t.group === group && t.kind === kind)) continue;
    types.push({
      group,
      versions: [version],
      kind,
      plural: guessPlural(kind),
      singular: kind.toLowerCase(),
      namespaced: scope ? scope.toLowerCase() !== 'cluster' : !CLUSTER_SCOPED_KINDS.has(kind),
      shortNames: [],
      categories: [],
      status: false,
      generation: true,
    });
  }
  return types;
}

/** Kubernetes version priority: v1 > v1beta2 > v1beta1 > v1alpha1 > other (alphabetical). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number, string] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0, v];
    const level = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [level, -Number(m[1]), -Number(m[3] ?? 0), v];
  };
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return pa[3] < pb[3] ? -1 : pa[3] > pb[3] ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Errors, shaped like the API server's Status objects

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: JsonObject,
  ) {
    super(message);
  }
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function statusBody(e: ApiError): JsonObject {
  const body: JsonObject = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    reason: e.reason,
  };
  if (e.details) body.details = e.details;
  body.code = e.code;
  return body;
}

const resourceDetails = (t: ResourceType, name: string): JsonObject =>
  t.group ? { name, group: t.group, kind: t.plural } : { name, kind: t.plural };

const errNotFound = (t: ResourceType, name: string): ApiError =>
  new ApiError(404, 'NotFound', `${qualifiedResource(t)} "${name}" not found`, resourceDetails(t, name));
const errAlreadyExists = (t: ResourceType, name: string): ApiError =>
  new ApiError(409, 'AlreadyExists', `${qualifiedResource(t)} "${name}" already exists`, resourceDetails(t, name));
const errModified = (t: ResourceType, name: string): ApiError =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(t, name),
  );
const errNamespaceNotFound = (ns: string): ApiError =>
  new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
const errBadRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);
const errNoResource = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {
    causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }],
  });

interface Cause {
  readonly field: string;
  readonly type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported';
  readonly message: string;
}

function errInvalid(t: ResourceType, name: string, causes: Cause[]): ApiError {
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind(t)} "${name}" is invalid: ${list}`, {
    name,
    ...(t.group ? { group: t.group } : {}),
    kind: t.kind,
    causes: causes.map((c) => ({ reason: c.type, message: c.message, field: c.field })),
  });
}

/** Go's %#v of a map[string]string, as in validation messages. */
const goMap = (m: Record<string, string>): string =>
  `map[string]string{${Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(', ')}}`;

// ---------------------------------------------------------------------------------------------
// Managed fields (server-side apply bookkeeping)

type FieldPath = readonly string[];
type FieldSet = Map<string, FieldPath>;
const fieldKey = (p: FieldPath): string => JSON.stringify(p);

interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  fields: FieldSet;
}

/** Leaf paths of a value: scalars, lists (atomic) and empty objects. */
function leaves(v: Json, prefix: FieldPath = [], out: FieldSet = new Map()): FieldSet {
  if (isObject(v) && Object.keys(v).length > 0) {
    for (const [k, c] of Object.entries(v)) leaves(c, [...prefix, k], out);
  } else if (prefix.length > 0) {
    out.set(fieldKey(prefix), prefix);
  }
  return out;
}

function encodeFields(fields: FieldSet): JsonObject {
  const root: JsonObject = {};
  for (const p of fields.values()) {
    let node = root;
    for (const seg of p) node = child(node, `f:${seg}`);
  }
  return root;
}

function decodeFields(node: Json | undefined, prefix: FieldPath = [], out: FieldSet = new Map()): FieldSet {
  if (!isObject(node)) return out;
  const keys = Object.keys(node);
  // k:/v:/i: (list items) make the list atomic for this fake; `.` alone marks the node itself
  if (keys.length === 0 || keys.some((k) => /^[kvi]:/.test(k)) || keys.every((k) => k === '.' || !k.startsWith('f:'))) {
    if (prefix.length > 0) out.set(fieldKey(prefix), prefix);
    return out;
  }
  for (const k of keys) if (k.startsWith('f:')) decodeFields(node[k], [...prefix, k.slice(2)], out);
  return out;
}

function readManagers(o: JsonObject | undefined): ManagerEntry[] {
  const list = at(o, 'metadata', 'managedFields');
  if (!Array.isArray(list)) return [];
  const out: ManagerEntry[] = [];
  for (const e of list) {
    if (!isObject(e) || typeof e.manager !== 'string') continue;
    out.push({
      manager: e.manager,
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: str(e.apiVersion) ?? '',
      time: str(e.time) ?? timestamp(),
      subresource: str(e.subresource) || undefined,
      fields: decodeFields(e.fieldsV1),
    });
  }
  return out;
}

function writeManagers(o: JsonObject, managers: ManagerEntry[]): void {
  const entries = managers
    .filter((m) => m.fields.size > 0)
    .sort(
      (a, b) =>
        a.operation.localeCompare(b.operation) ||
        a.time.localeCompare(b.time) ||
        a.manager.localeCompare(b.manager) ||
        a.apiVersion.localeCompare(b.apiVersion) ||
        (a.subresource ?? '').localeCompare(b.subresource ?? ''),
    )
    .map((m): JsonObject => {
      const e: JsonObject = {
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        time: m.time,
        fieldsType: 'FieldsV1',
        fieldsV1: encodeFields(m.fields),
      };
      if (m.subresource) e.subresource = m.subresource;
      return e;
    });
  if (entries.length > 0) meta(o).managedFields = entries;
  else delete meta(o).managedFields;
}

const sameManager = (a: ManagerEntry, b: Omit<ManagerEntry, 'time' | 'fields'>): boolean =>
  a.manager === b.manager &&
  a.operation === b.operation &&
  (a.subresource ?? '') === (b.subresource ?? '') &&
  (a.operation === 'Apply' || a.apiVersion === b.apiVersion);

/** `conflict with "x"` / `conflict with "x" using apps/v1`: how the server names a manager. */
function describeManager(m: ManagerEntry): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

const METADATA_SYSTEM_FIELDS = [
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

/** The part of an object that managers own: no apiVersion/kind/system metadata (nor status, when a subresource). */
function ownedPart(t: ResourceType, o: JsonObject): JsonObject {
  const out = copy(o);
  delete out.apiVersion;
  delete out.kind;
  if (t.status) delete out.status;
  const m = out.metadata;
  if (isObject(m)) {
    for (const f of METADATA_SYSTEM_FIELDS) delete m[f];
    if (Object.keys(m).length === 0) delete out.metadata;
  } else {
    delete out.metadata;
  }
  return out;
}

function setPath(o: JsonObject, p: FieldPath, value: Json): void {
  let node = o;
  for (const seg of p.slice(0, -1)) node = child(node, seg);
  node[p[p.length - 1]] = value;
}

/** Deletes a leaf, then the objects it leaves empty unless `keep(path)` says an empty one is owned. */
function deletePath(o: JsonObject, p: FieldPath, keep: (p: FieldPath) => boolean): void {
  const chain: JsonObject[] = [o];
  for (const seg of p.slice(0, -1)) {
    const next = chain[chain.length - 1][seg];
    if (!isObject(next)) return;
    chain.push(next);
  }
  delete chain[chain.length - 1][p[p.length - 1]];
  for (let i = chain.length - 1; i > 0; i--) {
    const parentPath = p.slice(0, i);
    if (Object.keys(chain[i]).length > 0 || keep(parentPath)) break;
    delete chain[i - 1][p[i - 1]];
  }
}

/** Ownership after a non-apply write: the writer owns what changed; nobody owns what was removed. */
function updateManagers(
  managers: ManagerEntry[],
  before: JsonObject,
  after: JsonObject,
  id: { manager: string; apiVersion: string; subresource?: string },
): ManagerEntry[] {
  const oldLeaves = leaves(before);
  const newLeaves = leaves(after);
  const changed: FieldPath[] = [];
  for (const [k, p] of newLeaves) {
    if (!oldLeaves.has(k) || !deepEqual(at(before, ...p), at(after, ...p))) changed.push(p);
  }
  const removed = [...oldLeaves.keys()].filter((k) => !newLeaves.has(k));
  const out = managers.map((m) => ({ ...m, fields: new Map(m.fields) }));
  for (const m of out) {
    for (const p of changed) m.fields.delete(fieldKey(p));
    for (const k of removed) m.fields.delete(k);
  }
  if (changed.length > 0) {
    const key = { ...id, operation: 'Update' as const };
    let mine = out.find((m) => sameManager(m, key));
    if (!mine) {
      mine = { ...key, time: timestamp(), fields: new Map() };
      out.push(mine);
    }
    mine.time = timestamp();
    for (const p of changed) mine.fields.set(fieldKey(p), p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Patches

function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return copy(patch);
  const out: JsonObject = isObject(target) ? copy(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Merge keys of the lists that strategic merge patch merges (the rest are replaced). */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  const first = items.find(isObject);
  const has = (k: string): boolean => first !== undefined && k in first;
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ports':
      return has('containerPort') ? 'containerPort' : 'port';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    default:
      return undefined;
  }
}

function strategicMerge(target: Json | undefined, patch: Json): Json | undefined {
  if (!isObject(patch)) return copy(patch);
  if (patch.$patch === 'delete') return undefined;
  const base: JsonObject = isObject(target) && patch.$patch !== 'replace' ? copy(target) : {};
  const retain = Array.isArray(patch.$retainKeys) ? new Set(patch.$retainKeys.map(String)) : undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const list = base[field];
      if (Array.isArray(list) && Array.isArray(v)) base[field] = list.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    if (v === null) {
      delete base[k];
      continue;
    }
    const cur = base[k];
    if (Array.isArray(v)) {
      const key = mergeKeyFor(k, v);
      const replace = v.some((x) => isObject(x) && x.$patch === 'replace');
      if (key && Array.isArray(cur) && !replace) {
        const merged = [...cur];
        for (const item of v) {
          if (!isObject(item)) continue;
          const i = merged.findIndex((x) => isObject(x) && deepEqual(x[key], item[key]));
          const result = strategicMerge(i >= 0 ? merged[i] : undefined, item);
          if (i >= 0 && result === undefined) merged.splice(i, 1);
          else if (i >= 0 && result !== undefined) merged[i] = result;
          else if (result !== undefined) merged.push(result);
        }
        base[k] = merged;
      } else {
        base[k] = v.filter((x) => !(isObject(x) && x.$patch !== undefined)).map((x) => copy(x));
      }
      continue;
    }
    const result = strategicMerge(cur, v);
    if (result === undefined) delete base[k];
    else base[k] = result;
  }
  if (retain) for (const k of Object.keys(base)) if (!retain.has(k)) delete base[k];
  return base;
}

function jsonPointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw errBadRequest(`invalid JSON pointer ${JSON.stringify(p)}`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(doc: JsonObject, ops: Json): JsonObject {
  if (!Array.isArray(ops)) throw errBadRequest('json patch must be a list of operations');
  let root: Json = copy(doc);
  const parentOf = (p: string[]): { parent: Json; last: string } => {
    let cur: Json | undefined = root;
    for (const seg of p.slice(0, -1)) {
      cur = Array.isArray(cur) ? cur[Number(seg)] : isObject(cur) ? cur[seg] : undefined;
      if (cur === undefined) throw new ApiError(422, 'Invalid', `doc is missing path: ${p.join('/')}`);
    }
    return { parent: cur, last: p[p.length - 1] };
  };
  const get = (p: string[]): Json | undefined => {
    let cur: Json | undefined = root;
    for (const seg of p) cur = Array.isArray(cur) ? cur[Number(seg)] : isObject(cur) ? cur[seg] : undefined;
    return cur;
  };
  const remove = (p: string[]): void => {
    const { parent, last } = parentOf(p);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (isObject(parent) && last in parent) delete parent[last];
    else throw new ApiError(422, 'Invalid', `doc is missing path: /${p.join('/')}`);
  };
  const add = (p: string[], value: Json): void => {
    if (p.length === 0) {
      root = value;
      return;
    }
    const { parent, last } = parentOf(p);
    if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, value);
    else if (isObject(parent)) parent[last] = value;
  };
  for (const op of ops) {
    if (!isObject(op)) continue;
    const p = jsonPointer(str(op.path) ?? '');
    const value = op.value === undefined ? null : copy(op.value);
    switch (op.op) {
      case 'add':
        add(p, value);
        break;
      case 'remove':
        remove(p);
        break;
      case 'replace':
        remove(p);
        add(p, value);
        break;
      case 'move':
      case 'copy': {
        const from = jsonPointer(str(op.from) ?? '');
        const v = copy(get(from) ?? null);
        if (op.op === 'move') remove(from);
        add(p, v);
        break;
      }
      case 'test':
        if (!deepEqual(get(p), value)) {
          throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request`);
        }
        break;
      default:
        throw errBadRequest(`unexpected JSON patch operation ${JSON.stringify(op.op)}`);
    }
  }
  if (!isObject(root)) throw errBadRequest('json patch result is not an object');
  return root;
}

// ---------------------------------------------------------------------------------------------
// Selectors

type Requirement = (labels: Record<string, string>) => boolean;

function parseLabelSelector(selector: string): Requirement[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const reqs: Requirement[] = [];
  for (const raw of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(raw))) {
      const [, key, op, list] = m;
      const values = list
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      reqs.push(op === 'in' ? (l) => values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]));
    } else if ((m = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(raw))) {
      const [, key, value] = m;
      reqs.push((l) => l[key] !== value);
    } else if ((m = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(raw))) {
      const [, key, value] = m;
      reqs.push((l) => l[key] === value);
    } else if ((m = /^!\s*([^\s!=]+)$/.exec(raw))) {
      const key = m[1];
      reqs.push((l) => !(key in l));
    } else if ((m = /^([^\s!=()]+)$/.exec(raw))) {
      const key = m[1];
      reqs.push((l) => key in l);
    } else {
      throw errBadRequest(`unable to parse requirement: ${raw}`);
    }
  }
  return reqs;
}

type ObjectFilter = (o: JsonObject) => boolean;

function parseFieldSelector(selector: string): ObjectFilter[] {
  return selector
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((raw): ObjectFilter => {
      const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(raw);
      if (!m) throw errBadRequest(`invalid selector: '${raw}'; can't understand '${raw}'`);
      const [, field, op, value] = m;
      const keys = field.trim().split('.');
      const actual = (o: JsonObject): string => {
        const v = at(o, ...keys);
        return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      };
      return op === '!=' ? (o) => actual(o) !== value : (o) => actual(o) === value;
    });
}

// ---------------------------------------------------------------------------------------------
// Defaulting (a subset of the built-in defaults, applied on every write)

function imagePullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 || last.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultPodSpec(spec: JsonObject): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const field of ['initContainers', 'containers']) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObject(c)) continue;
      setDefault(c, 'terminationMessagePath', '/dev/termination-log');
      setDefault(c, 'terminationMessagePolicy', 'File');
      setDefault(c, 'imagePullPolicy', imagePullPolicy(str(c.image) ?? ''));
      setDefault(c, 'resources', {});
      if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) setDefault(p, 'protocol', 'TCP');
    }
  }
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      if (!isObject(v)) continue;
      for (const source of ['configMap', 'secret', 'projected', 'downwardAPI']) {
        const s = v[source];
        if (isObject(s)) setDefault(s, 'defaultMode', 420);
      }
    }
  }
}

function defaultTemplate(o: JsonObject, ...keys: string[]): void {
  const spec = objAt(o, ...keys, 'template', 'spec');
  if (spec) defaultPodSpec(spec);
}

// ---------------------------------------------------------------------------------------------
// The server

interface ResourceRequest {
  readonly type: ResourceType;
  readonly version: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

interface WatchEvent {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly storeKey: string;
  readonly object: JsonObject;
  readonly previous?: JsonObject;
}

interface Watcher {
  readonly storeKey: string;
  readonly matches: ObjectFilter;
  send(type: string, object: JsonObject): void;
}

type Format = 'json' | 'table' | 'metadata';

interface FailRule {
  readonly match: { method?: string; kind?: string; name?: string };
  readonly status: number;
  readonly message: string;
}

/** Protobuf (gnostic openapi_v2.Document) of `{swagger: "2.0", info: {title: "Kubernetes", version: "v1.35.0"}}`. */
const OPENAPI_V2_DOCUMENT = ((): Buffer => {
  const field = (n: number, bytes: Buffer): Buffer => Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
  const info = Buffer.concat([field(1, Buffer.from('Kubernetes')), field(2, Buffer.from('v1.35.0'))]);
  return Buffer.concat([field(1, Buffer.from('2.0')), field(2, info)]);
})();
const OPENAPI_V2_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const hasScale = (t: ResourceType): boolean =>
  (t.group === 'apps' && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(t.kind)) ||
  (t.group === '' && t.kind === 'ReplicationController');
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const AGGREGATED_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether an Accept header asks for aggregated discovery v2 before plain JSON. */
function wantsAggregated(accept: string): boolean {
  for (const media of accept.split(',')) {
    const parts = media.split(';').map((p) => p.trim());
    if (parts[0] !== 'application/json' && parts[0] !== '*/*') continue;
    const params = new Set(parts.slice(1));
    if (params.has('g=apidiscovery.k8s.io') && params.has('as=APIGroupDiscoveryList')) {
      if (params.has('v=v2')) return true;
      continue;
    }
    return false;
  }
  return false;
}

/** Keys in the order the API server writes them (kubectl sorts them anyway; this is for objects()). */
function canonical(o: JsonObject): JsonObject {
  const order = (src: JsonObject, first: string[], last: string[] = []): JsonObject => {
    const out: JsonObject = {};
    for (const k of first) if (k in src) out[k] = src[k];
    for (const k of Object.keys(src)) if (!first.includes(k) && !last.includes(k)) out[k] = src[k];
    for (const k of last) if (k in src) out[k] = src[k];
    return out;
  };
  const out = order(o, ['apiVersion', 'kind', 'metadata'], ['status']);
  if (isObject(out.metadata)) {
    out.metadata = order(out.metadata, [
      'name',
      'generateName',
      'namespace',
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'labels',
      'annotations',
      'ownerReferences',
      'finalizers',
      'managedFields',
    ]);
  }
  return out;
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const ROOT_CA = '-----BEGIN CERTIFICATE-----\nZmFrZS1jbHVzdGVyLXJvb3QtY2E=\n-----END CERTIFICATE-----\n';

class Cluster {
  private readonly types: ResourceType[];
  private readonly store = new Map<string, JsonObject>();
  private readonly events: WatchEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly failRules: FailRule[] = [];
  readonly requests: { method: string; path: string; query: Record<string, string>; contentType?: string }[] = [];
  private rv = 1;
  private nextServiceIP = 1;
  private nextNodePort = 30000;
  private nextPodIP = 1;
  private closed = false;

  constructor(
    kinds: Iterable<string>,
    private readonly serviceAccountDelayMs: number,
    private readonly crdEstablishDelayMs: number,
  ) {
    this.types = builtinTypes(kinds);
    for (const ns of SYSTEM_NAMESPACES) {
      this.systemCreate('v1', 'Namespace', { metadata: { name: ns } });
      this.namespaceControllers(ns);
    }
    this.systemCreate('v1', 'Service', {
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: { ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    });
  }

  // --- public helpers --------------------------------------------------------------------------

  objects(): JsonObject[] {
    const all = [...this.store.values()].map((o) => copy(o));
    const key = (o: JsonObject): string[] => [str(o.apiVersion) ?? '', str(o.kind) ?? '', nsOf(o), nameOf(o)];
    return all.sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return 0;
    });
  }

  getObject(apiVersion: string, kind: string, name: string, namespace?: string): JsonObject | undefined {
    const [group, version] = splitApiVersion(apiVersion);
    const t = this.types.find((x) => x.group === group && x.kind === kind && x.versions.includes(version));
    if (!t) return undefined;
    const o = this.store.get(this.key(t, t.namespaced ? (namespace ?? 'default') : '', name));
    return o ? this.atVersion(o, t, version) : undefined;
  }

  failNext(rule: FailRule): void {
    this.failRules.push(rule);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.watchers.clear();
  }

  // --- storage -------------------------------------------------------------------------------

  private key(t: ResourceType, ns: string, name: string): string {
    return `${t.group}|${t.plural}|${ns}|${name}`;
  }

  private storeKey(t: ResourceType): string {
    return `${t.group}|${t.plural}`;
  }

  private atVersion(o: JsonObject, t: ResourceType, version: string): JsonObject {
    const out = copy(o);
    out.apiVersion = gv(t.group, version);
    return out;
  }

  private typeFor(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.plural === plural && t.versions.includes(version));
  }

  private typeOfKind(apiVersion: string, kind: string): ResourceType {
    const [group, version] = splitApiVersion(apiVersion);
    const t = this.types.find((x) => x.group === group && x.kind === kind && x.versions.includes(version));
    if (!t) throw new Error(`fake cluster: no type ${apiVersion} ${kind}`);
    return t;
  }

  private emit(type: WatchEvent['type'], t: ResourceType, object: JsonObject, previous?: JsonObject): void {
    const ev: WatchEvent = { rv: this.rv, type, storeKey: this.storeKey(t), object: copy(object), previous };
    this.events.push(ev);
    for (const w of this.watchers) this.offer(w, ev);
  }

  private offer(w: Watcher, ev: WatchEvent): void {
    if (ev.storeKey !== w.storeKey) return;
    const now = w.matches(ev.object);
    if (ev.type === 'MODIFIED' && ev.previous) {
      const before = w.matches(ev.previous);
      if (now && before) w.send('MODIFIED', ev.object);
      else if (now) w.send('ADDED', ev.object);
      else if (before) w.send('DELETED', ev.object);
    } else if (now) {
      w.send(ev.type, ev.object);
    }
  }

  private schedule(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(timer);
  }

  // --- the write path ------------------------------------------------------------------------

  /**
   * Stores `next` (already merged, defaulted, with its managers) as the new state of `old`:
   * system metadata, generation, controller status, no-op detection, dry-run, watch events.
   */
  private commit(t: ResourceType, version: string, old: JsonObject | undefined, next: JsonObject, dryRun: boolean) {
    const m = meta(next);
    const name = nameOf(next);
    if (old) {
      const om = meta(old);
      for (const f of ['uid', 'creationTimestamp', 'generation', 'resourceVersion', 'deletionTimestamp']) {
        if (om[f] !== undefined) m[f] = om[f];
        else delete m[f];
      }
      if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
      if (t.status) {
        if (old.status !== undefined) next.status = copy(old.status);
        else delete next.status;
      }
      const specOf = (o: JsonObject): JsonObject => {
        const { apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest } = o;
        return rest;
      };
      if (t.generation && !deepEqual(specOf(old), specOf(next)))
        m.generation = (num(at(old, 'metadata', 'generation')) ?? 1) + 1;
    } else {
      if (m.uid === undefined) m.uid = randomUUID();
      m.creationTimestamp = timestamp();
      if (t.generation) m.generation = 1;
      else delete m.generation;
      delete m.resourceVersion;
      delete m.deletionTimestamp;
      if (t.status) delete next.status;
      this.initialStatus(t, next);
    }
    next.apiVersion = gv(t.group, version);
    next.kind = t.kind;
    this.controllerStatus(t, version, next, dryRun);
    if (old && deepEqual(this.withoutTimes(old), this.withoutTimes(next))) return { object: old, created: false };
    if (dryRun) return { object: next, created: !old };
    this.rv++;
    m.resourceVersion = String(this.rv);
    const key = this.key(t, nsOf(next), name);
    // a deleted object whose last finalizer is gone goes away
    const finalizers = m.finalizers;
    if (m.deletionTimestamp !== undefined && !(Array.isArray(finalizers) && finalizers.length > 0)) {
      this.store.delete(key);
      this.emit('DELETED', t, next);
      this.afterDelete(t, next);
      return { object: next, created: false };
    }
    this.store.set(key, canonical(next));
    this.emit(old ? 'MODIFIED' : 'ADDED', t, next, old);
    this.afterWrite(t, old, next);
    return { object: next, created: !old };
  }

  private withoutTimes(o: JsonObject): JsonObject {
    const out = copy(o);
    const mf = at(out, 'metadata', 'managedFields');
    if (Array.isArray(mf)) for (const e of mf) if (isObject(e)) delete e.time;
    return out;
  }

  /** Status set by the registry on create (Namespace phase, Service load balancer, CRD names). */
  private initialStatus(t: ResourceType, o: JsonObject): void {
    if (t.group === '' && t.kind === 'Namespace') o.status = { phase: 'Active' };
    if (t.group === '' && t.kind === 'Service') o.status = { loadBalancer: {} };
    if (t.group === '' && t.kind === 'PersistentVolumeClaim') o.status = { phase: 'Pending' };
    if (t.group === 'apiextensions.k8s.io' && t.kind === 'CustomResourceDefinition') {
      const versions = at(o, 'spec', 'versions');
      const storage = Array.isArray(versions) ? versions.find((v) => isObject(v) && v.storage === true) : undefined;
      o.status = {
        acceptedNames: { kind: '', plural: '' },
        storedVersions: isObject(storage) && typeof storage.name === 'string' ? [storage.name] : [],
      };
    }
  }

  /** The controllers' view of a workload right after a write: a finished rollout. */
  private controllerStatus(t: ResourceType, version: string, o: JsonObject, dryRun: boolean): void {
    const generation = num(at(o, 'metadata', 'generation')) ?? 1;
    const replicas = num(at(o, 'spec', 'replicas')) ?? 1;
    const name = nameOf(o);
    const hash = createHash('sha256')
      .update(JSON.stringify(at(o, 'spec', 'template') ?? null))
      .digest('hex')
      .slice(0, 10)
      .replace(/[0-9a-f]/g, (c) => 'bcdfghjklmnpqrstvwxz'[parseInt(c, 16)]);
    // the server leaves zero counts out (omitempty)
    const counts = (fields: string[], n: number): JsonObject => {
      const out: JsonObject = {};
      if (n > 0) for (const f of fields) out[f] = n;
      return out;
    };
    const old = isObject(o.status) ? o.status : undefined;
    const condition = (type: string, reason: string, message: string): JsonObject => {
      const prev = Array.isArray(old?.conditions)
        ? old.conditions.find((c) => isObject(c) && c.type === type && c.status === 'True')
        : undefined;
      const since = (isObject(prev) && str(prev.lastTransitionTime)) || timestamp();
      const c: JsonObject = { type, status: 'True', lastTransitionTime: since, reason, message };
      if (t.kind === 'Deployment') c.lastUpdateTime = (isObject(prev) && str(prev.lastUpdateTime)) || since;
      return c;
    };
    let status: JsonObject | undefined;
    let manager = 'kube-controller-manager';
    if (t.group === 'apps' && t.kind === 'Deployment') {
      status = {
        observedGeneration: generation,
        ...counts(['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'], replicas),
        conditions: [
          condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
          condition(
            'Progressing',
            'NewReplicaSetAvailable',
            `ReplicaSet "${name}-${hash}" has successfully progressed.`,
          ),
        ],
      };
    } else if (t.group === 'apps' && t.kind === 'StatefulSet') {
      status = {
        observedGeneration: generation,
        replicas,
        ...counts(['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'], replicas),
        currentRevision: `${name}-${hash}`,
        updateRevision: `${name}-${hash}`,
        collisionCount: 0,
      };
    } else if (t.group === 'apps' && t.kind === 'DaemonSet') {
      status = {
        currentNumberScheduled: 1,
        desiredNumberScheduled: 1,
        numberAvailable: 1,
        numberMisscheduled: 0,
        numberReady: 1,
        observedGeneration: generation,
        updatedNumberScheduled: 1,
      };
    } else if (
      (t.group === 'apps' && t.kind === 'ReplicaSet') ||
      (t.group === '' && t.kind === 'ReplicationController')
    ) {
      status = {
        replicas,
        ...counts(['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'], replicas),
        observedGeneration: generation,
      };
    } else if (t.group === 'batch' && t.kind === 'Job') {
      if (at(o, 'spec', 'suspend') === true) status = old ?? {};
      else if (old && old.completionTime !== undefined) status = old;
      else {
        const now = timestamp();
        status = {
          conditions: [
            condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
            condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
          ],
          startTime: now,
          completionTime: now,
          succeeded: num(at(o, 'spec', 'completions')) ?? 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
        };
      }
    } else if (t.group === '' && t.kind === 'Pod') {
      manager = 'kubelet';
      const containers = at(o, 'spec', 'containers');
      const ip =
        isObject(old) && str(old.podIP) ? str(old.podIP) : `10.244.0.${dryRun ? this.nextPodIP : this.nextPodIP++}`;
      const started = (isObject(old) && str(old.startTime)) || timestamp();
      status = {
        phase: 'Running',
        conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((c) =>
          condition(c, '', ''),
        ),
        hostIP: '172.18.0.2',
        podIP: ip ?? '',
        podIPs: [{ ip: ip ?? '' }],
        startTime: started,
        qosClass: 'BestEffort',
        containerStatuses: (Array.isArray(containers) ? containers : []).filter(isObject).map((c) => ({
          name: str(c.name) ?? '',
          image: str(c.image) ?? '',
          imageID: '',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: started } },
        })),
      };
      for (const c of status.conditions as JsonObject[]) {
        delete c.reason;
        delete c.message;
      }
    }
    if (!status || (old && deepEqual(old, status))) return;
    const before = { status: old ?? {} };
    o.status = status;
    const managers = updateManagers(
      readManagers(o),
      before,
      { status },
      {
        manager,
        apiVersion: gv(t.group, version),
        subresource: 'status',
      },
    );
    writeManagers(o, managers);
  }

  /** Asynchronous controllers: namespaces get their ServiceAccount, CRDs get established. */
  private afterWrite(t: ResourceType, old: JsonObject | undefined, o: JsonObject): void {
    if (t.group === '' && t.kind === 'Namespace' && !old) {
      const ns = nameOf(o);
      const uid = at(o, 'metadata', 'uid');
      this.schedule(this.serviceAccountDelayMs, () => {
        const live = this.store.get(this.key(t, '', ns));
        if (live && at(live, 'metadata', 'uid') === uid) this.namespaceControllers(ns);
      });
    }
    if (t.group === 'apiextensions.k8s.io' && t.kind === 'CustomResourceDefinition') {
      const name = nameOf(o);
      const uid = at(o, 'metadata', 'uid');
      if (!old) {
        this.schedule(this.crdEstablishDelayMs, () => {
          const live = this.store.get(this.key(t, '', name));
          if (live && at(live, 'metadata', 'uid') === uid) this.establish(live);
        });
      } else if (this.types.some((x) => x.crd === name)) {
        this.registerCrd(o);
      }
    }
  }

  private afterDelete(t: ResourceType, o: JsonObject): void {
    if (t.group === '' && t.kind === 'Namespace') {
      const ns = nameOf(o);
      for (const [k, obj] of [...this.store]) {
        if (nsOf(obj) !== ns) continue;
        const ot = this.types.find((x) => k.startsWith(`${x.group}|${x.plural}|`));
        this.store.delete(k);
        this.rv++;
        meta(obj).resourceVersion = String(this.rv);
        if (ot) this.emit('DELETED', ot, obj);
      }
    }
    if (t.group === 'apiextensions.k8s.io' && t.kind === 'CustomResourceDefinition') {
      const name = nameOf(o);
      const crdTypes = this.types.filter((x) => x.crd === name);
      for (const ct of crdTypes) {
        for (const [k, obj] of [...this.store]) {
          if (!k.startsWith(`${this.storeKey(ct)}|`)) continue;
          this.store.delete(k);
          this.rv++;
          meta(obj).resourceVersion = String(this.rv);
          this.emit('DELETED', ct, obj);
        }
        this.types.splice(this.types.indexOf(ct), 1);
      }
    }
  }

  private namespaceControllers(ns: string): void {
    if (!this.store.has(this.key(this.typeOfKind('v1', 'ServiceAccount'), ns, 'default'))) {
      this.systemCreate('v1', 'ServiceAccount', { metadata: { name: 'default', namespace: ns } });
    }
    if (!this.store.has(this.key(this.typeOfKind('v1', 'ConfigMap'), ns, 'kube-root-ca.crt'))) {
      this.systemCreate('v1', 'ConfigMap', {
        metadata: {
          name: 'kube-root-ca.crt',
          namespace: ns,
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: { 'ca.crt': ROOT_CA },
      });
    }
  }

  /** Creates an object the way a controller does (an Update by kube-controller-manager). */
  private systemCreate(apiVersion: string, kind: string, body: JsonObject): void {
    const t = this.typeOfKind(apiVersion, kind);
    const o: JsonObject = { apiVersion, kind, ...copy(body) };
    this.defaults(t, o, undefined);
    writeManagers(o, updateManagers([], {}, ownedPart(t, o), { manager: 'kube-controller-manager', apiVersion }));
    this.commit(t, t.versions[0], undefined, o, false);
  }

  private establish(crd: JsonObject): void {
    this.registerCrd(crd);
    const t = this.typeOfKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    const next = copy(crd);
    const names = objAt(next, 'spec', 'names') ?? {};
    const now = timestamp();
    const status: JsonObject = {
      acceptedNames: copy(names),
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: now,
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: now,
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      storedVersions: at(crd, 'status', 'storedVersions') ?? [],
    };
    const before = { status: crd.status ?? {} };
    next.status = status;
    writeManagers(
      next,
      updateManagers(
        readManagers(next),
        before,
        { status },
        {
          manager: 'kube-apiserver',
          apiVersion: 'apiextensions.k8s.io/v1',
          subresource: 'status',
        },
      ),
    );
    this.rv++;
    meta(next).resourceVersion = String(this.rv);
    this.store.set(this.key(t, '', nameOf(next)), next);
    this.emit('MODIFIED', t, next, crd);
  }

  private registerCrd(crd: JsonObject): void {
    const name = nameOf(crd);
    for (const x of this.types.filter((y) => y.crd === name)) this.types.splice(this.types.indexOf(x), 1);
    const spec = objAt(crd, 'spec') ?? {};
    const names = objAt(spec, 'names') ?? {};
    const versions = (Array.isArray(spec.versions) ? spec.versions : [])
      .filter(isObject)
      .filter((v) => v.served !== false);
    if (versions.length === 0 || typeof names.kind !== 'string' || typeof names.plural !== 'string') return;
    const served = versions.map((v) => str(v.name) ?? '').sort(compareVersions);
    const storage = versions.find((v) => v.storage === true) ?? versions[0];
    this.types.push({
      group: str(spec.group) ?? '',
      versions: served,
      kind: names.kind,
      plural: names.plural,
      singular: str(names.singular) ?? names.kind.toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      shortNames: Array.isArray(names.shortNames) ? names.shortNames.map(String) : [],
      categories: Array.isArray(names.categories) ? names.categories.map(String) : [],
      status: isObject(at(storage, 'subresources', 'status')),
      generation: true,
      crd: name,
    });
  }

  /** Built-in defaults (a subset), applied to every written object. */
  private defaults(t: ResourceType, o: JsonObject, old: JsonObject | undefined, dryRun = false): void {
    const id = `${t.group}/${t.kind}`;
    switch (id) {
      case 'apps/Deployment': {
        const s = child(o, 'spec');
        setDefault(s, 'replicas', 1);
        setDefault(s, 'revisionHistoryLimit', 10);
        setDefault(s, 'progressDeadlineSeconds', 600);
        const strategy = child(s, 'strategy');
        setDefault(strategy, 'type', 'RollingUpdate');
        if (strategy.type === 'RollingUpdate') {
          const ru = child(strategy, 'rollingUpdate');
          setDefault(ru, 'maxUnavailable', '25%');
          setDefault(ru, 'maxSurge', '25%');
        }
        defaultTemplate(o, 'spec');
        break;
      }
      case 'apps/StatefulSet': {
        const s = child(o, 'spec');
        setDefault(s, 'replicas', 1);
        setDefault(s, 'podManagementPolicy', 'OrderedReady');
        setDefault(s, 'revisionHistoryLimit', 10);
        const strategy = child(s, 'updateStrategy');
        setDefault(strategy, 'type', 'RollingUpdate');
        if (strategy.type === 'RollingUpdate') setDefault(child(strategy, 'rollingUpdate'), 'partition', 0);
        const retention = child(s, 'persistentVolumeClaimRetentionPolicy');
        setDefault(retention, 'whenDeleted', 'Retain');
        setDefault(retention, 'whenScaled', 'Retain');
        defaultTemplate(o, 'spec');
        break;
      }
      case 'apps/DaemonSet': {
        const s = child(o, 'spec');
        setDefault(s, 'revisionHistoryLimit', 10);
        const strategy = child(s, 'updateStrategy');
        setDefault(strategy, 'type', 'RollingUpdate');
        if (strategy.type === 'RollingUpdate') {
          const ru = child(strategy, 'rollingUpdate');
          setDefault(ru, 'maxUnavailable', 1);
          setDefault(ru, 'maxSurge', 0);
        }
        defaultTemplate(o, 'spec');
        break;
      }
      case 'apps/ReplicaSet':
      case '/ReplicationController':
        setDefault(child(o, 'spec'), 'replicas', 1);
        defaultTemplate(o, 'spec');
        break;
      case 'batch/Job': {
        const s = child(o, 'spec');
        this.defaultJob(o, s);
        break;
      }
      case 'batch/CronJob': {
        const s = child(o, 'spec');
        setDefault(s, 'concurrencyPolicy', 'Allow');
        setDefault(s, 'suspend', false);
        setDefault(s, 'successfulJobsHistoryLimit', 3);
        setDefault(s, 'failedJobsHistoryLimit', 1);
        defaultTemplate(o, 'spec', 'jobTemplate', 'spec');
        break;
      }
      case '/Pod': {
        const s = child(o, 'spec');
        defaultPodSpec(s);
        setDefault(s, 'serviceAccountName', 'default');
        s.serviceAccount = s.serviceAccountName;
        setDefault(s, 'enableServiceLinks', true);
        setDefault(s, 'priority', 0);
        setDefault(s, 'preemptionPolicy', 'PreemptLowerPriority');
        setDefault(s, 'tolerations', [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ]);
        break;
      }
      case '/Service':
        this.defaultService(o, old, dryRun);
        break;
      case '/Secret':
        setDefault(o, 'type', 'Opaque');
        break;
      case '/Namespace': {
        setDefault(child(o, 'spec'), 'finalizers', ['kubernetes']);
        child(meta(o), 'labels')['kubernetes.io/metadata.name'] = nameOf(o);
        break;
      }
      case '/PersistentVolumeClaim':
        setDefault(child(o, 'spec'), 'volumeMode', 'Filesystem');
        break;
      case 'networking.k8s.io/NetworkPolicy': {
        const s = child(o, 'spec');
        if (!Array.isArray(s.policyTypes))
          s.policyTypes = Array.isArray(s.egress) ? ['Ingress', 'Egress'] : ['Ingress'];
        for (const dir of ['ingress', 'egress']) {
          const rules = s[dir];
          if (!Array.isArray(rules)) continue;
          for (const r of rules) {
            if (!isObject(r) || !Array.isArray(r.ports)) continue;
            for (const p of r.ports) if (isObject(p)) setDefault(p, 'protocol', 'TCP');
          }
        }
        break;
      }
      case 'scheduling.k8s.io/PriorityClass':
        setDefault(o, 'preemptionPolicy', 'PreemptLowerPriority');
        break;
      case 'storage.k8s.io/StorageClass':
        setDefault(o, 'reclaimPolicy', 'Delete');
        setDefault(o, 'volumeBindingMode', 'Immediate');
        break;
      case 'apiextensions.k8s.io/CustomResourceDefinition': {
        const s = child(o, 'spec');
        const names = child(s, 'names');
        if (typeof names.kind === 'string') {
          setDefault(names, 'singular', names.kind.toLowerCase());
          setDefault(names, 'listKind', `${names.kind}List`);
        }
        setDefault(child(s, 'conversion'), 'strategy', 'None');
        break;
      }
      default:
        break;
    }
  }

  private defaultJob(o: JsonObject, s: JsonObject): void {
    setDefault(s, 'parallelism', 1);
    setDefault(s, 'completions', 1);
    setDefault(s, 'backoffLimit', 6);
    setDefault(s, 'completionMode', 'NonIndexed');
    setDefault(s, 'suspend', false);
    setDefault(s, 'podReplacementPolicy', 'TerminatingOrFailed');
    setDefault(s, 'manualSelector', null);
    if (s.manualSelector === null) delete s.manualSelector;
    const uid = str(at(o, 'metadata', 'uid'));
    if (uid && s.manualSelector !== true && s.selector === undefined) {
      s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      const labels = child(child(child(s, 'template'), 'metadata'), 'labels');
      setDefault(labels, 'batch.kubernetes.io/controller-uid', uid);
      setDefault(labels, 'batch.kubernetes.io/job-name', nameOf(o));
      setDefault(labels, 'controller-uid', uid);
      setDefault(labels, 'job-name', nameOf(o));
    }
    defaultTemplate(o, 'spec');
  }

  private defaultService(o: JsonObject, old: JsonObject | undefined, dryRun: boolean): void {
    const s = child(o, 'spec');
    const oldSpec = objAt(old, 'spec');
    setDefault(s, 'type', 'ClusterIP');
    setDefault(s, 'sessionAffinity', 'None');
    if (s.type !== 'ExternalName') {
      // allocated values survive updates that omit them, as on a real server
      if (oldSpec && s.clusterIP === undefined && oldSpec.clusterIP !== undefined)
        s.clusterIP = copy(oldSpec.clusterIP);
      if (oldSpec && s.clusterIPs === undefined && oldSpec.clusterIPs !== undefined)
        s.clusterIPs = copy(oldSpec.clusterIPs);
      if (s.clusterIP === undefined || s.clusterIP === '') {
        s.clusterIP = `10.96.0.${dryRun ? this.nextServiceIP : this.nextServiceIP++}`;
      }
      setDefault(s, 'clusterIPs', [s.clusterIP]);
      setDefault(s, 'ipFamilies', ['IPv4']);
      setDefault(s, 'ipFamilyPolicy', 'SingleStack');
      setDefault(s, 'internalTrafficPolicy', 'Cluster');
    }
    const nodePorts = s.type === 'NodePort' || s.type === 'LoadBalancer';
    if (nodePorts) setDefault(s, 'externalTrafficPolicy', 'Cluster');
    if (s.type === 'LoadBalancer') setDefault(s, 'allocateLoadBalancerNodePorts', true);
    if (Array.isArray(s.ports)) {
      const oldPorts = Array.isArray(oldSpec?.ports) ? oldSpec.ports.filter(isObject) : [];
      for (const p of s.ports) {
        if (!isObject(p)) continue;
        setDefault(p, 'protocol', 'TCP');
        setDefault(p, 'targetPort', p.port ?? null);
        if (nodePorts && p.nodePort === undefined) {
          const prev = oldPorts.find((q) => q.port === p.port && q.nodePort !== undefined);
          p.nodePort = prev ? copy(prev.nodePort) : dryRun ? this.nextNodePort : this.nextNodePort++;
        }
      }
    }
  }

  /** Validation and admission that a real server would refuse the object for (a small subset). */
  private validate(t: ResourceType, o: JsonObject, old: JsonObject | undefined): void {
    const name = nameOf(o);
    if (!name) {
      throw errInvalid(t, '', [
        {
          field: 'metadata.name',
          type: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
        },
      ]);
    }
    const workload = t.group === 'apps' && ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(t.kind);
    if (workload) {
      const selector = objAt(o, 'spec', 'selector');
      if (!selector) {
        throw errInvalid(t, name, [{ field: 'spec.selector', type: 'FieldValueRequired', message: 'Required value' }]);
      }
      const labels = stringMap(at(o, 'spec', 'template', 'metadata', 'labels'));
      const wanted = stringMap(selector.matchLabels);
      if (Object.entries(wanted).some(([k, v]) => labels[k] !== v)) {
        throw errInvalid(t, name, [
          {
            field: 'spec.template.metadata.labels',
            type: 'FieldValueInvalid',
            message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
          },
        ]);
      }
      const oldSelector = objAt(old, 'spec', 'selector');
      if (oldSelector && !deepEqual(oldSelector, selector)) {
        throw errInvalid(t, name, [
          {
            field: 'spec.selector',
            type: 'FieldValueInvalid',
            message: `Invalid value: v1.LabelSelector{MatchLabels:${goMap(wanted)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`,
          },
        ]);
      }
    }
    if (t.group === 'batch' && t.kind === 'Job') {
      const policy = str(at(o, 'spec', 'template', 'spec', 'restartPolicy'));
      if (policy !== 'OnFailure' && policy !== 'Never') {
        throw errInvalid(t, name, [
          {
            field: 'spec.template.spec.restartPolicy',
            type: 'FieldValueNotSupported',
            message: `Unsupported value: "${policy ?? ''}": supported values: "OnFailure", "Never"`,
          },
        ]);
      }
    }
    if (t.group === 'apiextensions.k8s.io' && t.kind === 'CustomResourceDefinition') {
      const want = `${str(at(o, 'spec', 'names', 'plural')) ?? ''}.${str(at(o, 'spec', 'group')) ?? ''}`;
      if (name !== want) {
        throw errInvalid(t, name, [
          {
            field: 'metadata.name',
            type: 'FieldValueInvalid',
            message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`,
          },
        ]);
      }
    }
  }

  /** Checks a create would be admitted: its namespace exists, a Pod's ServiceAccount exists. */
  private admitCreate(rr: ResourceRequest, o: JsonObject): void {
    const ns = nsOf(o);
    if (rr.type.namespaced && !this.store.has(this.key(this.typeOfKind('v1', 'Namespace'), '', ns))) {
      throw errNamespaceNotFound(ns);
    }
    if (rr.type.group === '' && rr.type.kind === 'Pod') {
      const sa = str(at(o, 'spec', 'serviceAccountName')) || 'default';
      if (!this.store.has(this.key(this.typeOfKind('v1', 'ServiceAccount'), ns, sa))) {
        throw new ApiError(
          403,
          'Forbidden',
          `pods "${nameOf(o)}" is forbidden: error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`,
          { name: nameOf(o), kind: 'pods' },
        );
      }
    }
  }

  // --- HTTP ----------------------------------------------------------------------------------

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const method = (req.method ?? 'GET').toUpperCase();
    const contentType = req.headers['content-type'];
    this.requests.push({ method, path: url.pathname, query, ...(contentType ? { contentType } : {}) });
    this.userAgent = String(req.headers['user-agent'] ?? '');
    const send = (code: number, body: Json, type = 'application/json'): void => {
      if (res.headersSent) return;
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-cache, private' });
      res.end(JSON.stringify(body));
    };
    try {
      const segments = url.pathname.split('/').filter((s) => s !== '');
      const accept = String(req.headers.accept ?? '');
      if ((url.pathname === '/api' || url.pathname === '/apis') && wantsAggregated(accept)) {
        return send(200, this.aggregatedDiscovery(url.pathname === '/api'), AGGREGATED_TYPE);
      }
      if (url.pathname === '/openapi/v2') {
        // an empty OpenAPI v2 document (kubectl's client-side validation finds no schema and passes)
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_TYPE });
        res.end(OPENAPI_V2_DOCUMENT);
        return;
      }
      const discovery = this.discovery(url.pathname, segments);
      if (discovery !== undefined) return send(200, discovery);
      const rr = this.parseResourcePath(segments);
      if (!rr) throw errNoResource();
      this.checkFailRules(method, rr, text);
      await this.serveResource(
        method,
        rr,
        query,
        text,
        (contentType ?? '').split(';')[0].trim(),
        accept,
        req,
        res,
        send,
      );
    } catch (e) {
      if (e instanceof ApiError) return send(e.code, statusBody(e));
      const message = e instanceof Error ? e.message : String(e);
      send(500, statusBody(new ApiError(500, 'InternalError', `Internal error occurred: ${message}`)));
    }
  }

  /** Throws the error of the first failNext rule matching this request (a POST is matched by the name in its body). */
  private checkFailRules(method: string, rr: ResourceRequest, text: string): void {
    let name = rr.name;
    if (name === undefined && method === 'POST') {
      try {
        name = str(at(parseBody(text), 'metadata', 'name'));
      } catch {
        name = undefined;
      }
    }
    const i = this.failRules.findIndex(
      (r) =>
        (!r.match.method || r.match.method.toUpperCase() === method) &&
        (!r.match.kind || r.match.kind === rr.type.plural) &&
        (!r.match.name || r.match.name === name),
    );
    if (i < 0) return;
    const [rule] = this.failRules.splice(i, 1);
    const t = rr.type;
    if (rule.status === 422) {
      // kubectl prints an Invalid error from its details: `The Kind "name" is invalid: * field: message`
      const rest = /" is invalid: (.*)$/s.exec(rule.message)?.[1] ?? rule.message;
      const parts = rest.startsWith('[') && rest.endsWith(']') ? rest.slice(1, -1).split(', ') : [rest];
      const causes = parts.map((part) => {
        const m = /^([\w.[\]"/-]+): (.*)$/s.exec(part);
        return { reason: 'FieldValueInvalid', message: m ? m[2] : part, field: m ? m[1] : '' };
      });
      throw new ApiError(422, 'Invalid', rule.message, {
        name: name ?? '',
        ...(t.group ? { group: t.group } : {}),
        kind: t.kind,
        causes,
      });
    }
    const details = name ? resourceDetails(t, name) : { kind: t.plural, ...(t.group ? { group: t.group } : {}) };
    throw new ApiError(rule.status, REASONS[rule.status] ?? '', rule.message, details);
  }

  private parseResourcePath(segments: string[]): ResourceRequest | undefined {
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments[1] === 'v1') {
      [group, version, rest] = ['', 'v1', segments.slice(2)];
    } else if (segments[0] === 'apis' && segments.length >= 4) {
      [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
    } else {
      return undefined;
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && this.typeFor(group, version, rest[2])?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const type = this.typeFor(group, version, rest[0]);
    if (!type || rest.length > 3) return undefined;
    if (!type.namespaced && namespace !== undefined) return undefined;
    const [, name, subresource] = rest;
    if (type.namespaced && namespace === undefined && name !== undefined) return undefined;
    return { type, version, namespace, name, subresource };
  }

  // --- discovery and OpenAPI -----------------------------------------------------------------

  private groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const t of this.types) {
      const versions = groups.get(t.group) ?? [];
      for (const v of t.versions) if (!versions.includes(v)) versions.push(v);
      groups.set(t.group, versions);
    }
    for (const versions of groups.values()) versions.sort(compareVersions);
    return groups;
  }

  /** Aggregated discovery (apidiscovery.k8s.io/v2): every group, version and resource in one answer. */
  private aggregatedDiscovery(core: boolean): JsonObject {
    const items: JsonObject[] = [];
    for (const [group, versions] of this.groups()) {
      if ((group === '') !== core) continue;
      items.push({
        metadata: { name: group, creationTimestamp: null },
        versions: versions.map((version) => ({
          version,
          resources: this.types
            .filter((t) => t.group === group && t.versions.includes(version))
            .map((t) => {
              const responseKind = { group, version, kind: t.kind };
              const r: JsonObject = {
                resource: t.plural,
                responseKind,
                scope: t.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: t.singular,
                verbs: VERBS,
              };
              if (t.shortNames.length > 0) r.shortNames = t.shortNames;
              if (t.categories.length > 0) r.categories = t.categories;
              const subresources: JsonObject[] = [];
              if (t.status)
                subresources.push({ subresource: 'status', responseKind, verbs: ['get', 'patch', 'update'] });
              if (hasScale(t)) {
                subresources.push({
                  subresource: 'scale',
                  responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
                  verbs: ['get', 'patch', 'update'],
                });
              }
              if (subresources.length > 0) r.subresources = subresources;
              return r;
            }),
          freshness: 'Current',
        })),
      });
    }
    return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
  }

  private discovery(pathname: string, segments: string[]): Json | undefined {
    if (pathname === '/version') {
      return {
        major: '1',
        minor: '35',
        gitVersion: 'v1.35.0',
        gitCommit: '0000000000000000000000000000000000000000',
        gitTreeState: 'clean',
        buildDate: '2025-12-17T00:00:00Z',
        goVersion: 'go1.25.5',
        compiler: 'gc',
        platform: 'linux/amd64',
      };
    }
    if (pathname === '/api') {
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      };
    }
    const groupJson = (name: string, versions: string[]): JsonObject => ({
      name,
      versions: versions.map((v) => ({ groupVersion: gv(name, v), version: v })),
      preferredVersion: { groupVersion: gv(name, versions[0]), version: versions[0] },
    });
    if (pathname === '/apis') {
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...this.groups()].filter(([g]) => g !== '').map(([g, versions]) => groupJson(g, versions)),
      };
    }
    if (segments[0] === 'apis' && segments.length === 2) {
      const versions = this.groups().get(segments[1]);
      if (!versions || segments[1] === '') throw errNoResource();
      return { kind: 'APIGroup', apiVersion: 'v1', ...groupJson(segments[1], versions) };
    }
    const resourceList = (group: string, version: string): JsonObject => {
      const types = this.types.filter((t) => t.group === group && t.versions.includes(version));
      if (types.length === 0) throw errNoResource();
      const resources: JsonObject[] = [];
      for (const t of types) {
        const r: JsonObject = {
          name: t.plural,
          singularName: t.singular,
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: VERBS,
        };
        if (t.shortNames.length > 0) r.shortNames = t.shortNames;
        if (t.categories.length > 0) r.categories = t.categories;
        resources.push(r);
        if (t.status) {
          resources.push({
            name: `${t.plural}/status`,
            singularName: '',
            namespaced: t.namespaced,
            kind: t.kind,
            verbs: ['get', 'patch', 'update'],
          });
        }
        if (hasScale(t)) {
          resources.push({
            name: `${t.plural}/scale`,
            singularName: '',
            namespaced: t.namespaced,
            group: 'autoscaling',
            version: 'v1',
            kind: 'Scale',
            verbs: ['get', 'patch', 'update'],
          });
        }
      }
      return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
    };
    if (pathname === '/api/v1') return resourceList('', 'v1');
    if (segments[0] === 'apis' && segments.length === 3) return resourceList(segments[1], segments[2]);
    if (pathname === '/openapi/v3') {
      const paths: JsonObject = {};
      for (const [g, versions] of this.groups()) {
        for (const v of versions) {
          const p = g ? `apis/${g}/${v}` : `api/${v}`;
          const hash = createHash('sha512')
            .update(JSON.stringify(this.openApi(g, v)))
            .digest('hex')
            .toUpperCase();
          paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
        }
      }
      return { paths };
    }
    if (segments[0] === 'openapi' && segments[1] === 'v3') {
      const [g, v] = segments[2] === 'api' ? ['', segments[3]] : [segments[3], segments[4]];
      if (!this.types.some((t) => t.group === g && t.versions.includes(v ?? ''))) throw errNoResource();
      return this.openApi(g, v);
    }
    if (['/healthz', '/livez', '/readyz'].includes(pathname)) return 'ok';
    return undefined;
  }

  /** An OpenAPI v3 document with just the PATCH operations and their parameters. */
  private openApi(group: string, version: string): JsonObject {
    const paths: JsonObject = {};
    const params = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
      name,
      in: 'query',
      schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
    }));
    for (const t of this.types.filter((x) => x.group === group && x.versions.includes(version))) {
      const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
      const p = t.namespaced ? `${base}/namespaces/{namespace}/${t.plural}/{name}` : `${base}/${t.plural}/{name}`;
      paths[p] = {
        patch: {
          operationId: `patch${t.kind}`,
          parameters: params,
          responses: { '200': { description: 'OK' } },
          'x-kubernetes-action': 'patch',
          'x-kubernetes-group-version-kind': { group, version, kind: t.kind },
        },
      };
    }
    return {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.35.0' },
      paths,
      components: { schemas: {} },
    };
  }

  // --- resources -----------------------------------------------------------------------------

  private async serveResource(
    method: string,
    rr: ResourceRequest,
    query: Record<string, string>,
    text: string,
    contentType: string,
    accept: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    send: (code: number, body: Json, type?: string) => void,
  ): Promise<void> {
    const format = negotiate(accept);
    const includeObject = query.includeObject ?? 'Metadata';
    const dryRun = query.dryRun === 'All';
    if (query.dryRun !== undefined && query.dryRun !== 'All' && query.dryRun !== '') {
      throw errBadRequest(`dryRun: Unsupported value: "${query.dryRun}": supported values: "All"`);
    }
    if (rr.subresource === 'scale' && hasScale(rr.type) && rr.name !== undefined) {
      return this.scale(method, rr, rr.name, query, text, contentType, dryRun, send);
    }
    if (rr.subresource !== undefined && (rr.subresource !== 'status' || method !== 'GET')) throw errNoResource();
    const ns = rr.namespace ?? '';
    const output = (code: number, o: JsonObject): void => {
      const out = this.atVersion(o, rr.type, rr.version);
      if (format.kind === 'table') return send(code, this.table([out], includeObject), TABLE_TYPE);
      if (format.kind === 'metadata') return send(code, partialMetadata(out), `${METADATA_TYPE}`);
      send(code, out);
    };
    if (method === 'GET' && rr.name !== undefined) {
      const o = this.store.get(this.key(rr.type, ns, rr.name));
      if (!o) throw errNotFound(rr.type, rr.name);
      return output(200, o);
    }
    if (method === 'GET') {
      const filter = this.filter(rr, query);
      if (query.watch === 'true' || query.watch === '1')
        return this.watch(rr, query, filter, format, includeObject, req, res);
      const items = [...this.store.entries()]
        .filter(([k, o]) => k.startsWith(`${this.storeKey(rr.type)}|`) && filter(o))
        .map(([, o]) => this.atVersion(o, rr.type, rr.version))
        .sort((a, b) => (nsOf(a) + '/' + nameOf(a) < nsOf(b) + '/' + nameOf(b) ? -1 : 1));
      if (format.kind === 'table') return send(200, this.table(items, includeObject), TABLE_TYPE);
      if (format.kind === 'metadata') {
        return send(
          200,
          {
            kind: 'PartialObjectMetadataList',
            apiVersion: 'meta.k8s.io/v1',
            metadata: { resourceVersion: String(this.rv) },
            items: items.map(partialMetadata),
          },
          METADATA_LIST_TYPE,
        );
      }
      const builtin = rr.type.crd === undefined;
      return send(200, {
        kind: `${rr.type.kind}List`,
        apiVersion: gv(rr.type.group, rr.version),
        metadata: { resourceVersion: String(this.rv) },
        // the server leaves apiVersion/kind out of the items of built-in lists
        items: items.map((o) => {
          if (!builtin) return o;
          const { apiVersion: _a, kind: _k, ...rest } = o;
          return rest;
        }),
      });
    }
    if (contentType.includes('protobuf') || contentType.includes('cbor')) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the fake cluster does not decode ${contentType} request bodies (kubectl's typed generators such as "kubectl create namespace" send them): use "kubectl apply -f" or "kubectl create -f" with a manifest`,
      );
    }
    const body = parseBody(text);
    if (method === 'POST' && rr.name === undefined) {
      if (!isObject(body)) throw errBadRequest('the body of the request was in an unknown format');
      const { object } = this.create(rr, body, query, dryRun);
      return output(201, object);
    }
    if (method === 'PUT' && rr.name !== undefined) {
      if (!isObject(body)) throw errBadRequest('the body of the request was in an unknown format');
      return output(200, this.update(rr, rr.name, body, query, dryRun));
    }
    if (method === 'PATCH' && rr.name !== undefined) {
      if (contentType === 'application/apply-patch+yaml') {
        if (!isObject(body)) throw errBadRequest('the body of the request was in an unknown format');
        const { object, created } = this.apply(rr, rr.name, body, query, dryRun);
        return output(created ? 201 : 200, object);
      }
      const live = this.store.get(this.key(rr.type, ns, rr.name));
      if (!live) throw errNotFound(rr.type, rr.name);
      const current = this.atVersion(live, rr.type, rr.version);
      let patched: JsonObject;
      if (contentType === 'application/merge-patch+json') {
        const r = mergePatch(current, body);
        if (!isObject(r)) throw errBadRequest('merge patch result is not an object');
        patched = r;
      } else if (contentType === 'application/strategic-merge-patch+json') {
        if (rr.type.crd !== undefined) {
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            'strategic merge patch is not supported for custom resources',
          );
        }
        const r = strategicMerge(current, body);
        if (!isObject(r)) throw errBadRequest('strategic merge patch result is not an object');
        patched = r;
      } else if (contentType === 'application/json-patch+json') {
        patched = jsonPatch(current, body);
      } else {
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
        );
      }
      // a patch does not need a resourceVersion precondition unless it sets one
      const patchedRv = at(patched, 'metadata', 'resourceVersion');
      if (patchedRv === at(live, 'metadata', 'resourceVersion')) delete meta(patched).resourceVersion;
      return output(200, this.update(rr, rr.name, patched, query, dryRun));
    }
    if (method === 'DELETE') {
      const options = isObject(body) ? body : {};
      if (rr.name !== undefined) return this.remove(rr, rr.name, options, dryRun, send);
      const filter = this.filter(rr, query);
      const victims = [...this.store.entries()]
        .filter(([k, o]) => k.startsWith(`${this.storeKey(rr.type)}|`) && filter(o))
        .map(([, o]) => o);
      for (const v of victims) {
        this.remove({ ...rr, namespace: nsOf(v) || undefined }, nameOf(v), options, dryRun, () => undefined);
      }
      return send(200, {
        kind: `${rr.type.kind}List`,
        apiVersion: gv(rr.type.group, rr.version),
        metadata: { resourceVersion: String(this.rv) },
        items: victims.map((o) => this.atVersion(o, rr.type, rr.version)),
      });
    }
    throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }

  private filter(rr: ResourceRequest, query: Record<string, string>): ObjectFilter {
    const labels = parseLabelSelector(query.labelSelector ?? '');
    const fields = parseFieldSelector(query.fieldSelector ?? '');
    const ns = rr.namespace;
    return (o) =>
      (ns === undefined || nsOf(o) === ns) &&
      (rr.name === undefined || nameOf(o) === rr.name) &&
      labels.every((r) => r(stringMap(at(o, 'metadata', 'labels')))) &&
      fields.every((f) => f(o));
  }

  private watch(
    rr: ResourceRequest,
    query: Record<string, string>,
    matches: ObjectFilter,
    format: Negotiated,
    includeObject: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): void {
    const contentType =
      format.kind === 'table' ? TABLE_TYPE : format.kind === 'metadata' ? METADATA_TYPE : 'application/json';
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    let first = true;
    const send = (type: string, object: JsonObject): void => {
      if (res.writableEnded) return;
      let out: JsonObject = type === 'BOOKMARK' ? object : this.atVersion(object, rr.type, rr.version);
      if (type !== 'BOOKMARK' && format.kind === 'table') {
        out = this.table([out], includeObject, !first);
        first = false;
      } else if (type !== 'BOOKMARK' && format.kind === 'metadata') {
        out = partialMetadata(out);
      }
      res.write(`${JSON.stringify({ type, object: out })}\n`);
    };
    const watcher: Watcher = { storeKey: this.storeKey(rr.type), matches, send };
    const from = query.resourceVersion;
    if (from === undefined || from === '' || from === '0' || query.sendInitialEvents === 'true') {
      const current = [...this.store.entries()]
        .filter(([k, o]) => k.startsWith(`${watcher.storeKey}|`) && matches(o))
        .map(([, o]) => o);
      for (const o of current) send('ADDED', o);
      if (query.sendInitialEvents === 'true') {
        send('BOOKMARK', {
          kind: rr.type.kind,
          apiVersion: gv(rr.type.group, rr.version),
          metadata: { resourceVersion: String(this.rv), annotations: { 'k8s.io/initial-events-end': 'true' } },
        });
      }
    } else {
      const since = Number(from);
      for (const ev of this.events) if (ev.rv > since) this.offer(watcher, ev);
    }
    this.watchers.add(watcher);
    const end = (): void => {
      this.watchers.delete(watcher);
      clearTimeout(timer);
      if (!res.writableEnded) res.end();
    };
    const seconds = Number(query.timeoutSeconds ?? '0');
    const timer = setTimeout(end, seconds > 0 ? seconds * 1000 : 3_600_000);
    this.endWatches.add(end);
    res.on('close', () => {
      this.endWatches.delete(end);
      end();
    });
  }

  readonly endWatches = new Set<() => void>();

  private table(items: JsonObject[], includeObject: string, noHeader = false): JsonObject {
    const table: JsonObject = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: String(this.rv) },
    };
    if (!noHeader) {
      table.columnDefinitions = [
        {
          name: 'Name',
          type: 'string',
          format: 'name',
          description:
            'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
          priority: 0,
        },
        {
          name: 'Created At',
          type: 'date',
          format: '',
          description:
            'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
          priority: 0,
        },
      ];
    }
    table.rows = items.map((o) => {
      const row: JsonObject = { cells: [nameOf(o), str(at(o, 'metadata', 'creationTimestamp')) ?? ''] };
      if (includeObject === 'Object') row.object = o;
      else if (includeObject !== 'None') row.object = partialMetadata(o);
      return row;
    });
    return table;
  }

  // --- writes --------------------------------------------------------------------------------

  private checkBody(rr: ResourceRequest, body: JsonObject, name: string | undefined): void {
    const apiVersion = gv(rr.type.group, rr.version);
    if (body.apiVersion !== undefined && body.apiVersion !== apiVersion) {
      throw errBadRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (body.kind !== undefined && body.kind !== rr.type.kind) {
      throw errBadRequest(
        `the kind in the data (${String(body.kind)}) does not match the expected kind (${rr.type.kind})`,
      );
    }
    const bodyName = str(at(body, 'metadata', 'name'));
    if (name !== undefined && bodyName !== undefined && bodyName !== '' && bodyName !== name) {
      throw errBadRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
    }
    const bodyNs = str(at(body, 'metadata', 'namespace'));
    if (rr.type.namespaced && bodyNs && bodyNs !== rr.namespace) {
      throw errBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }

  /** The `fieldManager` parameter, else (as the server does) the User-Agent up to its first `/`. */
  private fieldManager(query: Record<string, string>): string {
    return query.fieldManager || this.userAgent.split('/')[0] || 'unknown';
  }

  private userAgent = '';

  private create(rr: ResourceRequest, body: JsonObject, query: Record<string, string>, dryRun: boolean) {
    this.checkBody(rr, body, undefined);
    const o = copy(body);
    const m = meta(o);
    for (const f of METADATA_SYSTEM_FIELDS) if (f !== 'name') delete m[f];
    if (!str(m.name) && str(m.generateName)) {
      m.name = `${str(m.generateName)}${Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(Math.random() * 27)]).join('')}`;
    }
    if (rr.type.namespaced) m.namespace = rr.namespace ?? '';
    const name = nameOf(o);
    if (name && this.store.has(this.key(rr.type, rr.namespace ?? '', name))) throw errAlreadyExists(rr.type, name);
    m.uid = randomUUID();
    o.apiVersion = gv(rr.type.group, rr.version);
    o.kind = rr.type.kind;
    if (rr.type.status) delete o.status;
    this.defaults(rr.type, o, undefined, dryRun);
    this.validate(rr.type, o, undefined);
    this.admitCreate(rr, o);
    const manager = this.fieldManager(query);
    writeManagers(
      o,
      updateManagers([], {}, ownedPart(rr.type, o), { manager, apiVersion: gv(rr.type.group, rr.version) }),
    );
    return this.commit(rr.type, rr.version, undefined, o, dryRun);
  }

  /** The scale subresource (autoscaling/v1 Scale) of Deployments, StatefulSets, ReplicaSets. */
  private scale(
    method: string,
    rr: ResourceRequest,
    name: string,
    query: Record<string, string>,
    text: string,
    contentType: string,
    dryRun: boolean,
    send: (code: number, body: Json, type?: string) => void,
  ): void {
    const t = rr.type;
    const live = this.store.get(this.key(t, rr.namespace ?? '', name));
    if (!live) throw errNotFound(t, name);
    const scaleOf = (o: JsonObject): JsonObject => {
      const m = objAt(o, 'metadata') ?? {};
      const labels = stringMap(at(o, 'spec', 'selector', 'matchLabels'));
      return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: m.name ?? name,
          namespace: m.namespace ?? '',
          uid: m.uid ?? '',
          resourceVersion: m.resourceVersion ?? '',
          creationTimestamp: m.creationTimestamp ?? null,
        },
        spec: { replicas: num(at(o, 'spec', 'replicas')) ?? 0 },
        status: {
          replicas: num(at(o, 'status', 'replicas')) ?? 0,
          selector: Object.entries(labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        },
      };
    };
    if (method === 'GET') return send(200, scaleOf(live));
    const body = parseBody(text);
    let next: Json;
    if (method === 'PUT') next = body;
    else if (method === 'PATCH' && contentType === 'application/merge-patch+json')
      next = mergePatch(scaleOf(live), body);
    else if (method === 'PATCH' && contentType === 'application/strategic-merge-patch+json') {
      next = strategicMerge(scaleOf(live), body) ?? null;
    } else if (method === 'PATCH' && contentType === 'application/json-patch+json')
      next = jsonPatch(scaleOf(live), body);
    else
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the fake cluster does not support ${method} ${contentType} on /scale`,
      );
    const rv = str(at(next, 'metadata', 'resourceVersion'));
    if (method === 'PUT' && rv && rv !== at(live, 'metadata', 'resourceVersion')) throw errModified(t, name);
    const replicas = num(at(next, 'spec', 'replicas'));
    if (replicas === undefined || replicas < 0) {
      throw new ApiError(
        422,
        'Invalid',
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`,
      );
    }
    const o = this.atVersion(live, t, rr.version);
    child(o, 'spec').replicas = replicas;
    writeManagers(
      o,
      updateManagers(readManagers(live), ownedPart(t, live), ownedPart(t, o), {
        manager: this.fieldManager(query),
        apiVersion: gv(t.group, rr.version),
        subresource: 'scale',
      }),
    );
    send(200, scaleOf(this.commit(t, rr.version, live, o, dryRun).object));
  }

  private update(rr: ResourceRequest, name: string, body: JsonObject, query: Record<string, string>, dryRun: boolean) {
    this.checkBody(rr, body, name);
    const live = this.store.get(this.key(rr.type, rr.namespace ?? '', name));
    if (!live) throw errNotFound(rr.type, name);
    const rv = str(at(body, 'metadata', 'resourceVersion'));
    if (rv && rv !== str(at(live, 'metadata', 'resourceVersion'))) throw errModified(rr.type, name);
    const o = copy(body);
    const m = meta(o);
    m.name = name;
    if (rr.type.namespaced) m.namespace = rr.namespace ?? '';
    m.uid = copy(at(live, 'metadata', 'uid') ?? null);
    o.apiVersion = gv(rr.type.group, rr.version);
    o.kind = rr.type.kind;
    if (rr.type.status) {
      if (live.status !== undefined) o.status = copy(live.status);
      else delete o.status;
    }
    this.defaults(rr.type, o, live, dryRun);
    this.validate(rr.type, o, live);
    const base =
      m.managedFields !== undefined && !deepEqual(m.managedFields, at(live, 'metadata', 'managedFields'))
        ? readManagers(o)
        : readManagers(live);
    const manager = this.fieldManager(query);
    writeManagers(
      o,
      updateManagers(base, ownedPart(rr.type, live), ownedPart(rr.type, o), {
        manager,
        apiVersion: gv(rr.type.group, rr.version),
      }),
    );
    return this.commit(rr.type, rr.version, live, o, dryRun).object;
  }

  /** Server-side apply (PATCH application/apply-patch+yaml). */
  private apply(rr: ResourceRequest, name: string, body: JsonObject, query: Record<string, string>, dryRun: boolean) {
    const manager = query.fieldManager;
    if (!manager) {
      throw new ApiError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    }
    if (body.apiVersion === undefined || body.kind === undefined) {
      throw errBadRequest(`error decoding YAML: Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    }
    this.checkBody(rr, body, name);
    const force = query.force === 'true';
    const apiVersion = gv(rr.type.group, rr.version);
    const t = rr.type;
    const ns = rr.namespace ?? '';
    const config = ownedPart(t, body);
    const applied = leaves(config);
    const live = this.store.get(this.key(t, ns, name));
    const precondition = str(at(body, 'metadata', 'resourceVersion'));
    if (live && precondition && precondition !== at(live, 'metadata', 'resourceVersion')) throw errModified(t, name);
    const managers = readManagers(live).map((m) => ({ ...m, fields: new Map(m.fields) }));
    const me = { manager, operation: 'Apply' as const, apiVersion };
    let mine = managers.find((m) => sameManager(m, me));
    const previous = mine?.fields ?? new Map<string, FieldPath>();
    const merged: JsonObject = live ? this.atVersion(live, t, rr.version) : { apiVersion, kind: t.kind, metadata: {} };
    const mm = meta(merged);
    mm.name = name;
    if (t.namespaced) mm.namespace = ns;
    if (!live) mm.uid = randomUUID();
    for (const p of applied.values()) {
      const v = at(config, ...p);
      if (v === undefined) continue;
      if (isObject(v)) {
        if (!isObject(at(merged, ...p))) setPath(merged, p, {});
      } else {
        setPath(merged, p, copy(v));
      }
    }
    const others = (): ManagerEntry[] => managers.filter((m) => m !== mine);
    const ownedByOthers = (k: string): boolean => others().some((m) => m.fields.has(k));
    // a field this manager applied before and omits now goes, unless someone still owns it or something under it
    const under = (p: FieldPath, q: FieldPath): boolean => q.length >= p.length && p.every((seg, i) => q[i] === seg);
    const stillOwned = (p: FieldPath): boolean =>
      [...applied.values()].some((q) => under(p, q)) ||
      others().some((m) => [...m.fields.values()].some((q) => under(p, q)));
    for (const p of previous.values()) {
      if (stillOwned(p)) continue;
      deletePath(merged, p, (q) => applied.has(fieldKey(q)) || ownedByOthers(fieldKey(q)));
    }
    this.defaults(t, merged, live, dryRun);
    if (live) {
      const conflicts: { entry: ManagerEntry; path: FieldPath }[] = [];
      for (const entry of others()) {
        for (const [k, p] of applied) {
          if (entry.fields.has(k) && !deepEqual(at(merged, ...p), at(live, ...p))) conflicts.push({ entry, path: p });
        }
      }
      if (conflicts.length > 0 && !force) throw conflictError(conflicts);
      for (const c of conflicts) c.entry.fields.delete(fieldKey(c.path));
    }
    this.validate(t, merged, live);
    if (!live) this.admitCreate(rr, merged);
    if (!mine) {
      mine = { ...me, time: timestamp(), fields: new Map() };
      managers.push(mine);
    }
    const changed = !live || !deepEqual(ownedPart(t, live), ownedPart(t, merged)) || !sameFields(previous, applied);
    mine.fields = new Map(applied);
    if (changed) mine.time = timestamp();
    writeManagers(merged, managers);
    return this.commit(t, rr.version, live, merged, dryRun);
  }

  private remove(
    rr: ResourceRequest,
    name: string,
    options: JsonObject,
    dryRun: boolean,
    send: (code: number, body: Json, type?: string) => void,
  ): void {
    const t = rr.type;
    const key = this.key(t, rr.namespace ?? '', name);
    const live = this.store.get(key);
    if (!live) throw errNotFound(t, name);
    const pre = objAt(options, 'preconditions');
    if (pre) {
      if (pre.uid !== undefined && pre.uid !== at(live, 'metadata', 'uid')) {
        throw new ApiError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": Precondition failed: UID in precondition: ${String(pre.uid)}, UID in object meta: ${String(at(live, 'metadata', 'uid'))}`,
          resourceDetails(t, name),
        );
      }
      if (pre.resourceVersion !== undefined && pre.resourceVersion !== at(live, 'metadata', 'resourceVersion')) {
        throw errModified(t, name);
      }
    }
    const dryRunOption = Array.isArray(options.dryRun) && options.dryRun.includes('All');
    const details = { ...resourceDetails(t, name), uid: at(live, 'metadata', 'uid') ?? '' };
    const success: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
    const finalizers = at(live, 'metadata', 'finalizers');
    if (Array.isArray(finalizers) && finalizers.length > 0) {
      const next = copy(live);
      if (at(next, 'metadata', 'deletionTimestamp') === undefined) {
        meta(next).deletionTimestamp = timestamp();
        meta(next).deletionGracePeriodSeconds = 0;
        if (!dryRun && !dryRunOption) {
          this.rv++;
          meta(next).resourceVersion = String(this.rv);
          this.store.set(key, next);
          this.emit('MODIFIED', t, next, live);
        }
      }
      return send(200, this.atVersion(next, t, rr.version));
    }
    if (dryRun || dryRunOption) return send(200, success);
    this.store.delete(key);
    this.rv++;
    const gone = copy(live);
    meta(gone).resourceVersion = String(this.rv);
    this.emit('DELETED', t, gone);
    this.afterDelete(t, gone);
    send(200, success);
  }
}

function sameFields(a: FieldSet, b: FieldSet): boolean {
  return a.size === b.size && [...a.keys()].every((k) => b.has(k));
}

function conflictError(conflicts: { entry: ManagerEntry; path: FieldPath }[]): ApiError {
  const pathString = (p: FieldPath): string => p.map((s) => `.${s}`).join('');
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = describeManager(c.entry);
      byManager.set(m, [...(byManager.get(m) ?? []), pathString(c.path)]);
    }
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const p of byManager.get(m) ?? []) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${describeManager(c.entry)}`,
      field: pathString(c.path),
    })),
  });
}

// ---------------------------------------------------------------------------------------------
// Content negotiation

const TABLE_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const METADATA_TYPE = 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io';
const METADATA_LIST_TYPE = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';

interface Negotiated {
  readonly kind: Format;
}

function negotiate(accept: string): Negotiated {
  for (const media of accept.split(',')) {
    const [type, ...rest] = media.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const [k, v] = p.split('=');
      if (k && v !== undefined) params[k.trim()] = v.trim();
    }
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    if (params.as === undefined) return { kind: 'json' };
    if (params.g !== 'meta.k8s.io') continue;
    if (params.as === 'Table') return { kind: 'table' };
    if (params.as === 'PartialObjectMetadata' || params.as === 'PartialObjectMetadataList') {
      return { kind: 'metadata' };
    }
  }
  return { kind: 'json' };
}

function partialMetadata(o: JsonObject): JsonObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: copy(objAt(o, 'metadata') ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// Kubeconfig files

function writeKubeconfig(dir: string, server: string): string {
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: fake',
      '  cluster:',
      `    server: ${server}`,
      'contexts:',
      '- name: fake',
      '  context:',
      '    cluster: fake',
      '    user: fake',
      'current-context: fake',
      'users:',
      '- name: fake',
      '  user: {}',
      'preferences: {}',
      '',
    ].join('\n'),
  );
  return file;
}

/** Starts a fake API server on 127.0.0.1 (a free port) with a kubeconfig pointing at it. */
export async function startFakeCluster(options: FakeClusterOptions = {}): Promise<FakeCluster> {
  const cluster = new Cluster(
    options.kinds ?? [],
    options.serviceAccountDelayMs ?? 300,
    options.crdEstablishDelayMs ?? 300,
  );
  const server = http.createServer((req, res) => {
    cluster.handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-fake-cluster-'));
  const kubeconfig = writeKubeconfig(dir, url);
  const cacheDir = path.join(dir, 'cache');
  fs.mkdirSync(cacheDir);
  const asLive = (o: JsonObject): LiveObject => o as unknown as LiveObject;
  return {
    url,
    kubeconfig,
    cacheDir,
    requests: cluster.requests,
    objects: () => cluster.objects().map(asLive),
    get: (apiVersion, kind, name, namespace) => {
      const o = cluster.getObject(apiVersion, kind, name, namespace);
      return o ? asLive(o) : undefined;
    },
    failNext: (match, status, message) => cluster.failNext({ match, status, message }),
    close: async () => {
      cluster.close();
      for (const end of [...cluster.endWatches]) end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A kubeconfig file pointing at a URL where nothing listens (for "cluster unreachable" tests). */
export function unreachableKubeconfig(): string {
  // port 1 (tcpmux) is privileged and unused: connecting to it is refused at once
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-unreachable-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return writeKubeconfig(dir, 'http://127.0.0.1:1');
}
