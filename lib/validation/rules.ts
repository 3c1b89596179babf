/** How serious a finding is. */
export type Severity = 'error' | 'warning';

/** What a validation rule checks, why, and whether and how it can be relaxed. */
export interface RuleInfo {
  /** Error or warning. */
  readonly severity: Severity;
  /** What it checks. */
  readonly what: string;
  /** Why it matters. */
  readonly why: string;
  /** Whether `Policy.relax` may relax it (schema and value rules cannot: the API server would reject the object anyway). */
  readonly relaxable: boolean;
}

/** Every rule kubecraft checks at synth, by id. */
export const RULES = {
  // schema
  'schema/invalid': {
    severity: 'error',
    relaxable: false,
    what: "the object matches the official schema of its kind in the target Kubernetes version (or its CRD's openAPIV3Schema), strictly: no unknown fields, right types, required fields, valid enum values",
    why: 'the API server (strict field validation) rejects it',
  },
  'schema/removed-api': {
    severity: 'error',
    relaxable: false,
    what: "the target Kubernetes version serves the object's apiVersion and kind (not removed, not added later)",
    why: 'the API server of that version does not know the apiVersion: apply fails with "no matches for kind"',
  },
  'schema/deprecated-api': {
    severity: 'warning',
    relaxable: true,
    what: "the object's apiVersion is not deprecated in the target Kubernetes version",
    why: 'a later release stops serving it; migrate before upgrading',
  },
  'schema/unknown-kind': {
    severity: 'warning',
    relaxable: true,
    what: "a schema is known for the object's apiVersion and kind",
    why: 'objects of unknown kinds are not schema-checked; import their CRD (npm run import) to check them',
  },
  // values
  'values/name': {
    severity: 'error',
    relaxable: false,
    what: 'metadata.name is set and is a DNS-1123 subdomain (a DNS-1123 label for Namespaces, Services and other label-named kinds); namespace names are DNS-1123 labels',
    why: 'the API server rejects invalid names',
  },
  'values/label': {
    severity: 'error',
    relaxable: false,
    what: 'label keys and values and annotation keys have valid syntax and lengths (prefix ≤ 253, name ≤ 63, value ≤ 63)',
    why: 'the API server rejects invalid labels',
  },
  'values/port': {
    severity: 'error',
    relaxable: false,
    what: 'container, Service, target, node and probe ports are from 1 to 65535 (node ports from 30000 to 32767)',
    why: 'the API server rejects out-of-range ports',
  },
  'values/port-name': {
    severity: 'error',
    relaxable: false,
    what: "port names are IANA service names (≤ 15 lowercase alphanumerics or '-', with a letter) and unique per pod and per Service; multi-port Services name every port",
    why: 'the API server rejects invalid or duplicate port names',
  },
  'values/quantity': {
    severity: 'error',
    relaxable: false,
    what: 'resource quantities parse (e.g. 500m, 128Mi, 1Gi)',
    why: 'the API server rejects malformed quantities',
  },
  'values/requests-limits': {
    severity: 'error',
    relaxable: false,
    what: 'each resource request is at most its limit',
    why: 'the API server rejects requests above limits',
  },
  'values/cron': {
    severity: 'error',
    relaxable: false,
    what: 'CronJob schedules are valid five-field cron expressions or @descriptors',
    why: 'an invalid schedule is rejected, or never fires',
  },
  'values/probe': {
    severity: 'error',
    relaxable: false,
    what: 'probe thresholds and timings are positive, liveness and startup probes have successThreshold 1, a probe has exactly one handler',
    why: 'the API server rejects invalid probes',
  },
  'values/duplicate': {
    severity: 'error',
    relaxable: false,
    what: 'container names (init and regular), volume names, env variable names per container and volume mount paths per container are unique',
    why: 'the API server rejects duplicates, or the last one silently wins',
  },
  'values/restart-policy': {
    severity: 'error',
    relaxable: false,
    what: 'Jobs and CronJobs use restartPolicy Never or OnFailure; Deployments, ReplicaSets, StatefulSets and DaemonSets use Always',
    why: 'the API server rejects other restart policies for these kinds',
  },
  'values/selector': {
    severity: 'error',
    relaxable: false,
    what: 'selector keys and values are valid; In/NotIn have values, Exists/DoesNotExist have none; workload selectors are not empty',
    why: 'the API server rejects malformed selectors',
  },
  'values/replicas': {
    severity: 'error',
    relaxable: false,
    what: 'replica counts, backoff limits and HPA bounds are non-negative integers and minReplicas ≤ maxReplicas',
    why: 'the API server rejects them',
  },
  'values/native-sidecar': {
    severity: 'error',
    relaxable: true,
    what: 'native sidecar containers (init containers with restartPolicy Always) only where the target Kubernetes version enables them (1.29 and later)',
    why: 'below 1.29 the feature gate is off: the API server drops restartPolicy and the sidecar blocks the pod as an init container that never exits',
  },
  // references
  'refs/selector-template': {
    severity: 'error',
    relaxable: false,
    what: "a workload's selector matches its own pod template labels",
    why: 'the API server rejects the workload ("selector does not match template labels")',
  },
  'refs/service-selector': {
    severity: 'error',
    relaxable: true,
    what: "a Service's selector selects at least one pod template in its namespace (or pods declared with External.pods)",
    why: 'a Service that selects nothing has no endpoints: traffic to it fails',
  },
  'refs/service-target-port': {
    severity: 'error',
    relaxable: true,
    what: "a Service's targetPort (number or name) is a port of a container it selects",
    why: 'traffic is sent to a port nothing listens on',
  },
  'refs/ingress-backend': {
    severity: 'error',
    relaxable: true,
    what: 'Ingress backends name an existing Service in the namespace and one of its ports (number or name)',
    why: 'the Ingress routes to nothing (503)',
  },
  'refs/scale-target': {
    severity: 'error',
    relaxable: true,
    what: 'a HorizontalPodAutoscaler targets an existing workload in its namespace',
    why: 'the autoscaler does nothing',
  },
  'refs/pdb-selector': {
    severity: 'error',
    relaxable: true,
    what: 'a PodDisruptionBudget selects the pods of at least one workload in its namespace',
    why: 'the budget protects nothing',
  },
  'refs/config': {
    severity: 'error',
    relaxable: true,
    what: 'ConfigMaps, Secrets and PersistentVolumeClaims used as volumes, envFrom or valueFrom exist in the namespace (or are declared external), with the referenced keys where known',
    why: 'pods referencing a missing object or key do not start',
  },
  'refs/role': {
    severity: 'error',
    relaxable: true,
    what: 'RoleBindings and ClusterRoleBindings name an existing Role / ClusterRole, and ServiceAccount subjects exist',
    why: 'the binding grants nothing',
  },
  'refs/service-account': {
    severity: 'error',
    relaxable: true,
    what: 'a pod\'s serviceAccountName exists in its namespace (or is "default")',
    why: 'pods of a missing service account are not created',
  },
  'refs/unique-name': {
    severity: 'error',
    relaxable: false,
    what: 'names are unique per apiVersion group, kind and namespace',
    why: 'the second object silently replaces the first at apply',
  },
  'refs/namespace': {
    severity: 'error',
    relaxable: true,
    what: 'namespaced objects go to a namespace the app creates or that is declared with External.namespace',
    why: 'apply fails: namespace not found',
  },
  'refs/volume-mount': {
    severity: 'error',
    relaxable: false,
    what: 'every volumeMount names a volume of the pod (or a StatefulSet volume claim template)',
    why: 'the API server rejects the pod',
  },
  // policy (Pod Security Standards "restricted", and operational hygiene)
  'policy/run-as-non-root': {
    severity: 'error',
    relaxable: true,
    what: 'containers run as non-root (runAsNonRoot true, runAsUser not 0)',
    why: 'Pod Security Standards "restricted"; a container escape as root owns the node',
  },
  'policy/privilege-escalation': {
    severity: 'error',
    relaxable: true,
    what: 'allowPrivilegeEscalation is false on every container',
    why: 'Pod Security Standards "restricted"',
  },
  'policy/capabilities': {
    severity: 'error',
    relaxable: true,
    what: 'every container drops ALL capabilities and adds none but NET_BIND_SERVICE',
    why: 'Pod Security Standards "restricted"',
  },
  'policy/seccomp': {
    severity: 'error',
    relaxable: true,
    what: 'the seccomp profile is RuntimeDefault or Localhost (on the pod or every container), never Unconfined',
    why: 'Pod Security Standards "restricted"',
  },
  'policy/privileged': {
    severity: 'error',
    relaxable: true,
    what: 'no privileged containers',
    why: 'Pod Security Standards "baseline": a privileged container is root on the node',
  },
  'policy/host-namespaces': {
    severity: 'error',
    relaxable: true,
    what: 'no hostNetwork, hostPID or hostIPC',
    why: 'Pod Security Standards "baseline"',
  },
  'policy/host-path': {
    severity: 'error',
    relaxable: true,
    what: 'no hostPath volumes',
    why: 'Pod Security Standards "baseline": host files are readable (or writable) from the pod',
  },
  'policy/host-ports': {
    severity: 'error',
    relaxable: true,
    what: 'no hostPort on container ports',
    why: 'Pod Security Standards "baseline"; host ports also limit scheduling',
  },
  'policy/read-only-root-fs': {
    severity: 'error',
    relaxable: true,
    what: 'every container has a read-only root filesystem',
    why: "an attacker cannot modify the image's binaries; write paths are explicit volumes",
  },
  'policy/resources': {
    severity: 'error',
    relaxable: true,
    what: 'every container (init containers too) sets CPU and memory requests and limits',
    why: 'unbounded containers starve their neighbours and make scheduling guesswork',
  },
  'policy/image-pinned': {
    severity: 'error',
    relaxable: true,
    what: 'images carry a tag other than latest, or a digest',
    why: 'an unpinned image changes under you; deployments are not reproducible',
  },
  'policy/probes': {
    severity: 'error',
    relaxable: true,
    what: 'long-running containers (not Jobs, CronJobs or init containers) have liveness and readiness probes',
    why: 'without them, Kubernetes sends traffic to broken pods and never restarts hung ones',
  },
  'policy/plaintext-secret': {
    severity: 'error',
    relaxable: true,
    what: 'Secrets carry no data in the manifests (reference existing Secrets instead)',
    why: 'base64 is not encryption: the values end up in git and in CI logs',
  },
} as const satisfies Record<string, RuleInfo>;

/** A rule id. */
export type RuleId = keyof typeof RULES;

/** Whether `id` names a rule. */
export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
