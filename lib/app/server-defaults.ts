import {
  apiGroupOf,
  asArray,
  asObject,
  JsonObject,
  LONG_RUNNING_KINDS,
  Manifest,
  podSpecOf,
  WORKLOAD_KINDS,
} from '../core';

/**
 * A field dropped from rendered objects when it holds exactly `value`: cdk8s-plus-27 renders
 * it on every object whatever the user wrote (`hostNetwork: false`, `externalIPs: []`, ...),
 * and the Kubernetes API server gives an object without it that same value, or treats absent
 * and that value the same, so the field says nothing.
 */
export interface DroppedServerDefault {
  /** The built-in kinds it is dropped from (their API group is checked: a custom kind of the same name is left alone). */
  readonly kinds: readonly string[];
  /**
   * Where it is: path segments from the object (`in: 'object'`) or from its pod spec
   * (`in: 'podSpec'`, wherever the kind keeps it); `*` stands for every item of a list.
   */
  readonly in: 'object' | 'podSpec';
  /** The path of the field, e.g. `['spec', 'minReadySeconds']`. */
  readonly path: readonly string[];
  /** The value that is dropped; any other value (`hostNetwork: true`, a listed IP) is kept. */
  readonly value: boolean | number | string | readonly never[];
  /** The OpenAPI definition and property that documents the field, e.g. `io.k8s.api.core.v1.PodSpec.hostNetwork`. */
  readonly definition: string;
  /** What the official definitions say of its default, quoted (the same from Kubernetes 1.27 to 1.36). */
  readonly documented: string;
  /**
   * The API server's defaulting function that sets the value on objects without the field,
   * when there is one (kubernetes/kubernetes `pkg/apis/<group>/v1/defaults.go`); else the
   * description alone (`documented`) says absent means the value.
   *
   * @default - none: absent and the value mean the same
   */
  readonly defaultedBy?: string;
}

/** The API group of each built-in kind a dropped field belongs to. */
const BUILT_IN_GROUPS: Readonly<Record<string, string>> = {
  Pod: '',
  ReplicationController: '',
  Service: '',
  ConfigMap: '',
  Secret: '',
  PersistentVolume: '',
  PersistentVolumeClaim: '',
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
  NetworkPolicy: 'networking.k8s.io',
  Role: 'rbac.authorization.k8s.io',
  ClusterRole: 'rbac.authorization.k8s.io',
};

const CORE_DEFAULTS = 'pkg/apis/core/v1/defaults.go';
const APPS_DEFAULTS = 'pkg/apis/apps/v1/defaults.go';
const BATCH_DEFAULTS = 'pkg/apis/batch/v1/defaults.go';
const MIN_READY = 'Defaults to 0 (pod will be considered available as soon as it is ready)';
const IMMUTABLE = 'If not set to true, the field can be modified at any time. Defaulted to nil.';
const ALL_PORTS = 'If this field is empty or missing, this rule matches all ports (traffic not restricted by port).';
const ALL_NAMES = 'An empty set means that everything is allowed.';

/**
 * Every field dropped from the rendered objects of a `KubecraftChart`, with the server default
 * that justifies it. Deliberately kept although they hold the server's default: security
 * context fields (`privileged: false`, `allowPrivilegeEscalation: false`, `runAsNonRoot`: a
 * container's settings override the pod's, and reviewers read them), the Service `type`,
 * rollout and run parameters a pattern chooses and documents (`progressDeadlineSeconds`,
 * `revisionHistoryLimit`, update strategies, CronJob history limits), and tunable numbers
 * (`terminationGracePeriodSeconds: 30`, a probe's `failureThreshold: 3`).
 */
export const DROPPED_SERVER_DEFAULTS: readonly DroppedServerDefault[] = [
  {
    kinds: [...WORKLOAD_KINDS],
    in: 'podSpec',
    path: ['hostNetwork'],
    value: false,
    definition: 'io.k8s.api.core.v1.PodSpec.hostNetwork',
    documented: 'Default to false.',
  },
  {
    kinds: [...WORKLOAD_KINDS],
    in: 'podSpec',
    path: ['setHostnameAsFQDN'],
    value: false,
    definition: 'io.k8s.api.core.v1.PodSpec.setHostnameAsFQDN',
    documented: 'Default to false.',
  },
  {
    kinds: [...WORKLOAD_KINDS],
    in: 'podSpec',
    path: ['dnsPolicy'],
    value: 'ClusterFirst',
    definition: 'io.k8s.api.core.v1.PodSpec.dnsPolicy',
    documented: 'Defaults to "ClusterFirst".',
    defaultedBy: `SetDefaults_PodSpec (${CORE_DEFAULTS})`,
  },
  {
    // not on Jobs and CronJobs, which must say Never or OnFailure (validation reports a missing one)
    kinds: [...LONG_RUNNING_KINDS],
    in: 'podSpec',
    path: ['restartPolicy'],
    value: 'Always',
    definition: 'io.k8s.api.core.v1.PodSpec.restartPolicy',
    documented: 'Default to Always.',
    defaultedBy: `SetDefaults_PodSpec (${CORE_DEFAULTS})`,
  },
  {
    kinds: [...WORKLOAD_KINDS],
    in: 'podSpec',
    path: ['securityContext', 'fsGroupChangePolicy'],
    value: 'Always',
    definition: 'io.k8s.api.core.v1.PodSecurityContext.fsGroupChangePolicy',
    documented: 'If not specified, "Always" is used.',
  },
  {
    kinds: [...WORKLOAD_KINDS],
    in: 'podSpec',
    path: ['volumes', '*', 'hostPath', 'type'],
    value: '',
    definition: 'io.k8s.api.core.v1.HostPathVolumeSource.type',
    documented: 'Defaults to ""',
    defaultedBy: `SetDefaults_HostPathVolumeSource (${CORE_DEFAULTS})`,
  },
  {
    kinds: [...WORKLOAD_KINDS],
    in: 'podSpec',
    path: ['volumes', '*', 'persistentVolumeClaim', 'readOnly'],
    value: false,
    definition: 'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource.readOnly',
    documented: 'Default false.',
  },
  {
    kinds: ['Deployment'],
    in: 'object',
    path: ['spec', 'minReadySeconds'],
    value: 0,
    definition: 'io.k8s.api.apps.v1.DeploymentSpec.minReadySeconds',
    documented: MIN_READY,
  },
  {
    kinds: ['StatefulSet'],
    in: 'object',
    path: ['spec', 'minReadySeconds'],
    value: 0,
    definition: 'io.k8s.api.apps.v1.StatefulSetSpec.minReadySeconds',
    documented: MIN_READY,
  },
  {
    kinds: ['DaemonSet'],
    in: 'object',
    path: ['spec', 'minReadySeconds'],
    value: 0,
    definition: 'io.k8s.api.apps.v1.DaemonSetSpec.minReadySeconds',
    documented: MIN_READY,
  },
  {
    kinds: ['ReplicaSet'],
    in: 'object',
    path: ['spec', 'minReadySeconds'],
    value: 0,
    definition: 'io.k8s.api.apps.v1.ReplicaSetSpec.minReadySeconds',
    documented: MIN_READY,
  },
  {
    kinds: ['ReplicationController'],
    in: 'object',
    path: ['spec', 'minReadySeconds'],
    value: 0,
    definition: 'io.k8s.api.core.v1.ReplicationControllerSpec.minReadySeconds',
    documented: MIN_READY,
  },
  {
    kinds: ['StatefulSet'],
    in: 'object',
    path: ['spec', 'podManagementPolicy'],
    value: 'OrderedReady',
    definition: 'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy',
    documented: 'The default policy is `OrderedReady`',
    defaultedBy: `SetDefaults_StatefulSet (${APPS_DEFAULTS})`,
  },
  {
    kinds: ['StatefulSet'],
    in: 'object',
    path: ['spec', 'volumeClaimTemplates', '*', 'spec', 'volumeMode'],
    value: 'Filesystem',
    definition: 'io.k8s.api.core.v1.PersistentVolumeClaimSpec.volumeMode',
    documented: 'Value of Filesystem is implied when not included in claim spec.',
    defaultedBy: `SetDefaults_PersistentVolumeClaimSpec (${CORE_DEFAULTS})`,
  },
  {
    kinds: ['PersistentVolumeClaim'],
    in: 'object',
    path: ['spec', 'volumeMode'],
    value: 'Filesystem',
    definition: 'io.k8s.api.core.v1.PersistentVolumeClaimSpec.volumeMode',
    documented: 'Value of Filesystem is implied when not included in claim spec.',
    defaultedBy: `SetDefaults_PersistentVolumeClaimSpec (${CORE_DEFAULTS})`,
  },
  {
    kinds: ['PersistentVolume'],
    in: 'object',
    path: ['spec', 'volumeMode'],
    value: 'Filesystem',
    definition: 'io.k8s.api.core.v1.PersistentVolumeSpec.volumeMode',
    documented: 'Value of Filesystem is implied when not included in spec.',
    defaultedBy: `SetDefaults_PersistentVolume (${CORE_DEFAULTS})`,
  },
  {
    kinds: ['CronJob'],
    in: 'object',
    path: ['spec', 'suspend'],
    value: false,
    definition: 'io.k8s.api.batch.v1.CronJobSpec.suspend',
    documented: 'Defaults to false.',
    defaultedBy: `SetDefaults_CronJob (${BATCH_DEFAULTS})`,
  },
  {
    // `ExternalIPs []string json:"externalIPs,omitempty"` (k8s.io/api core/v1): an empty list is not even stored
    kinds: ['Service'],
    in: 'object',
    path: ['spec', 'externalIPs'],
    value: [],
    definition: 'io.k8s.api.core.v1.ServiceSpec.externalIPs',
    documented: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic',
  },
  {
    kinds: ['NetworkPolicy'],
    in: 'object',
    path: ['spec', 'ingress', '*', 'ports'],
    value: [],
    definition: 'io.k8s.api.networking.v1.NetworkPolicyIngressRule.ports',
    documented: ALL_PORTS,
  },
  {
    kinds: ['NetworkPolicy'],
    in: 'object',
    path: ['spec', 'egress', '*', 'ports'],
    value: [],
    definition: 'io.k8s.api.networking.v1.NetworkPolicyEgressRule.ports',
    documented: ALL_PORTS,
  },
  {
    kinds: ['Role', 'ClusterRole'],
    in: 'object',
    path: ['rules', '*', 'resourceNames'],
    value: [],
    definition: 'io.k8s.api.rbac.v1.PolicyRule.resourceNames',
    documented: ALL_NAMES,
  },
  {
    kinds: ['ConfigMap'],
    in: 'object',
    path: ['immutable'],
    value: false,
    definition: 'io.k8s.api.core.v1.ConfigMap.immutable',
    documented: IMMUTABLE,
  },
  {
    kinds: ['Secret'],
    in: 'object',
    path: ['immutable'],
    value: false,
    definition: 'io.k8s.api.core.v1.Secret.immutable',
    documented: IMMUTABLE,
  },
];

/**
 * Drops the fields of `DROPPED_SERVER_DEFAULTS` from `manifests` (changed in place: synthesis
 * renders fresh objects) where they hold exactly the server's default; any other value, and
 * every other field, is kept. Built-in kinds only: a custom resource's `hostNetwork: false`
 * is its own.
 */
export function dropServerDefaults(manifests: readonly Manifest[]): void {
  for (const m of manifests) {
    const group = BUILT_IN_GROUPS[m.kind];
    if (group === undefined || apiGroupOf(m.apiVersion) !== group) continue;
    const pod = podSpecOf(m);
    for (const field of DROPPED_SERVER_DEFAULTS) {
      if (!field.kinds.includes(m.kind)) continue;
      const root = field.in === 'object' ? (m as JsonObject) : pod?.spec;
      if (root) dropAt(root, field.path, field.value);
    }
  }
}

/** Deletes the field at `path` below `obj` (`*`: in every item of a list) where it equals `value`. */
function dropAt(obj: JsonObject, path: readonly string[], value: DroppedServerDefault['value']): void {
  const [key, ...rest] = path;
  if (rest.length === 0) {
    if (key in obj && sameJson(obj[key], value)) delete obj[key];
    return;
  }
  const [next, ...after] = rest;
  const child = obj[key];
  if (next === '*') {
    for (const item of asArray(child)) {
      const o = asObject(item);
      if (o) dropAt(o, after, value);
    }
    return;
  }
  const o = asObject(child);
  if (o) dropAt(o, rest, value);
}

function sameJson(a: unknown, b: DroppedServerDefault['value']): boolean {
  if (Array.isArray(b)) return Array.isArray(a) && a.length === 0 && b.length === 0;
  return a === b;
}
