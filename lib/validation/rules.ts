/**
 * How serious a finding is: an `error` fails the synth, a `warning` is reported, an `info`
 * finding only records what kubecraft did on request (never a problem).
 */
export type Severity = 'error' | 'warning' | 'info';

/** What a validation rule checks, why, and whether and how it can be relaxed. */
export interface RuleInfo {
  /** Error, warning or info. */
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
    what: "the object matches the official schema of its kind in the target Kubernetes version (or its CRD's openAPIV3Schema), strictly: no unknown fields, right types, required fields, valid enum values, integers that fit their format (int32, int64)",
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
    severity: 'error',
    relaxable: true,
    what: "the object's apiVersion and kind are served by Kubernetes or by a CRD kubecraft knows (one included in the app, registered with registerCrdsFromFile, or built into the library), so a schema is known for them",
    why: 'the API server rejects a kind it does not serve ("no matches for kind"): a misspelt kind, or a custom resource whose CRD is not installed. Relax it only for a CRD installed in the cluster by other means',
  },
  // values
  'values/name': {
    severity: 'error',
    relaxable: false,
    what: 'metadata.name is set and has the format the API server requires of its kind: a DNS-1123 subdomain for most kinds, a DNS-1123 label for Namespaces and StatefulSets, a DNS-1035 label for Services, at most 52 characters for CronJobs, a path segment (no / or %) for RBAC objects and PodDisruptionBudgets, <plural>.<group> for CustomResourceDefinitions; namespace names are DNS-1123 labels',
    why: 'the API server rejects invalid names',
  },
  'values/label': {
    severity: 'error',
    relaxable: false,
    what: 'label keys and values (object and pod template labels, nodeSelector, Service selectors) and annotation keys have valid syntax and lengths (prefix ≤ 253, name ≤ 63, value ≤ 63; annotation keys may use uppercase)',
    why: 'the API server rejects invalid labels',
  },
  'values/annotation-size': {
    severity: 'error',
    relaxable: false,
    what: 'the annotations of an object (and of its pod template) total at most 256 KiB (262144 bytes, keys and values)',
    why: 'the API server rejects larger annotations (TotalAnnotationSizeLimitB)',
  },
  'values/port': {
    severity: 'error',
    relaxable: false,
    what: 'container, host, Service, target, probe, NetworkPolicy and CRD conversion webhook ports are from 1 to 65535 (a hostPort or nodePort of 0 means unset); a NetworkPolicy endPort is at least its port',
    why: 'the API server rejects out-of-range ports',
  },
  'values/port-name': {
    severity: 'error',
    relaxable: false,
    what: "container port names, named target and probe ports are IANA service names (≤ 15 lowercase alphanumerics or '-', with a letter) unique per container; Service port names are DNS-1123 labels, unique, and required when a Service has several ports",
    why: 'the API server rejects invalid or duplicate port names',
  },
  'values/field-name': {
    severity: 'error',
    relaxable: false,
    what: 'names inside a pod spec have the API format: container and volume names, hostname and subdomain are DNS-1123 labels; serviceAccountName, priorityClassName and referenced ConfigMap/Secret names are DNS-1123 subdomains',
    why: 'the API server rejects the pod (or the pod template)',
  },
  'values/env-name': {
    severity: 'error',
    relaxable: false,
    what: "environment variable names and envFrom prefixes are valid for the target version: before 1.32 letters, digits, '_', '-' or '.', not starting with a digit; from 1.32 (RelaxedEnvironmentVariableValidation) any printable ASCII but '='",
    why: 'the API server rejects invalid environment variable names',
  },
  'values/config-key': {
    severity: 'error',
    relaxable: false,
    what: "ConfigMap and Secret keys (data, binaryData, stringData, and keys referenced by env, envFrom and volumes) are ≤ 253 alphanumerics, '-', '_' or '.', not '.' or '..'; a ConfigMap key is not in both data and binaryData",
    why: 'the API server rejects invalid keys',
  },
  'values/required': {
    severity: 'error',
    relaxable: false,
    what: 'fields and lists the schema leaves optional but the API server requires are present and non-empty: container image, pod containers, PVC accessModes and storage request, Service ports (unless headless or ExternalName), Ingress rules or defaultBackend, paths and pathType, exec commands, valueFrom and envFrom sources, HPA behavior policies, NetworkPolicy peers, key references, RBAC rule verbs, and the apiGroups and resources of a rule without nonResourceURLs; in a CustomResourceDefinition the group, plural, kind, scope, at least one version, the openAPIV3Schema of each version, the approval annotation of a *.k8s.io group, the clientConfig and conversionReviewVersions of a conversion webhook, scale paths and printer column names, types and paths',
    why: 'the API server rejects the object ("Required value")',
  },
  'values/one-of': {
    severity: 'error',
    relaxable: false,
    what: 'exactly one of a set is given: one source per volume, env value or valueFrom (with one source), one handler per lifecycle hook, PodDisruptionBudget minAvailable or maxUnavailable, Ingress backend service or resource (port name or number), NetworkPolicy ipBlock alone, RBAC rules for either resources or nonResourceURLs (the latter in ClusterRoles only), the url or service of a CRD conversion webhook',
    why: 'the API server rejects the object ("may not specify more than 1")',
  },
  'values/range': {
    severity: 'error',
    relaxable: false,
    what: 'numbers are within the bounds the API server sets: int32 fields at most 2147483647 (every integer field must also fit its format, int32 or int64, or the API server cannot decode it: reported as schema/invalid); counts, durations and Job parallelism/completions/activeDeadlineSeconds non-negative; user and group ids (runAsUser, runAsGroup, fsGroup, supplementalGroups) from 0 to 2147483647; percentages at most 100%; HPA policy periodSeconds 1-1800, values and utilization targets positive; Deployment maxSurge and maxUnavailable not both 0, progressDeadlineSeconds (600 when absent) greater than minReadySeconds',
    why: 'the API server rejects out-of-range numbers',
  },
  'values/quantity': {
    severity: 'error',
    relaxable: false,
    what: 'resource quantities parse (e.g. 500m, 128Mi, 1Gi) wherever they appear (requests, limits, emptyDir sizeLimit, PVC storage, LimitRange, ResourceQuota, HPA targets) and are not negative where the server forbids it (LimitRange values may be negative)',
    why: 'the API server rejects malformed quantities',
  },
  'values/resource-name': {
    severity: 'error',
    relaxable: false,
    what: 'container resource names are standard (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified extended resources (example.com/gpu); so are resourceFieldRef resources',
    why: "the API server rejects unknown resource names such as 'cpus' or 'gpu'",
  },
  'values/requests-limits': {
    severity: 'error',
    relaxable: false,
    what: 'each resource request is at most its limit',
    why: 'the API server rejects requests above limits',
  },
  'values/limit-range': {
    severity: 'error',
    relaxable: false,
    what: 'every LimitRange (from any source) orders its values: min ≤ defaultRequest ≤ default ≤ max and min ≤ max per resource; maxLimitRequestRatio ≥ 1; a Pod limit has no default or defaultRequest; a PersistentVolumeClaim limit has a min or max storage',
    why: 'the API server rejects the LimitRange',
  },
  'values/cron': {
    severity: 'error',
    relaxable: false,
    what: "CronJob schedules parse as the API server parses them (robfig/cron v3 ParseStandard): five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-6 or sun-sat; *, ?, lists, ranges, /steps; no seconds, L, W, #, H or 7 for Sunday) or a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, '@every <Go duration>' such as '@every 1h30m'); no TZ anywhere in the schedule (set timeZone); a timeZone is an explicit, known IANA zone (not '' or 'Local')",
    why: 'the API server rejects an invalid schedule or time zone (validateScheduleFormat, validateTimeZone); a schedule in another cron dialect fails at apply',
  },
  'values/probe': {
    severity: 'error',
    relaxable: false,
    what: 'a probe has exactly one handler (exec, httpGet, tcpSocket, grpc); its thresholds and timings are not negative (0 is defaulted); liveness and startup probes have successThreshold 1 (or 0, defaulted to 1)',
    why: 'the API server rejects invalid probes',
  },
  'values/init-container': {
    severity: 'error',
    relaxable: false,
    what: 'init containers have no probes or lifecycle hooks unless they are native sidecars (restartPolicy Always, from Kubernetes 1.29); only init containers set restartPolicy, and only to Always',
    why: 'the API server rejects the pod',
  },
  'values/duplicate': {
    severity: 'error',
    relaxable: false,
    what: 'container names (init and regular), volume names and volume mount paths per container are unique; so are the version names, selectable fields and conversion review versions of a CustomResourceDefinition',
    why: 'the API server rejects duplicates',
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
    what: 'selectors are well formed (matchLabels a map of strings, matchExpressions a list of key/operator/values); keys and values are valid; In/NotIn have values, Exists/DoesNotExist have none; workload selectors are not empty',
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
  'values/service': {
    severity: 'error',
    relaxable: false,
    what: 'a Service has unique (port, protocol) and (nodePort, protocol) pairs; nodePort only on NodePort and LoadBalancer Services; a headless Service is not NodePort or LoadBalancer; an ExternalName Service has an externalName and no cluster IP',
    why: 'the API server rejects the Service',
  },
  'values/toleration': {
    severity: 'error',
    relaxable: false,
    what: 'tolerations: operator Equal or Exists; an empty key needs Exists; Exists takes no value; an Equal value is a label value; effect NoSchedule, PreferNoSchedule or NoExecute; tolerationSeconds only with NoExecute',
    why: 'the API server rejects the pod',
  },
  'values/field-ref': {
    severity: 'error',
    relaxable: false,
    what: "downward API fieldRef paths are ones the server supports (env: metadata.name, namespace, uid, labels['k'], annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s); volumes: metadata fields only); resourceFieldRef names a container resource, and a volume's names its container",
    why: 'the API server rejects unsupported field paths',
  },
  'values/ingress': {
    severity: 'error',
    relaxable: false,
    what: "Ingress hosts are lowercase DNS names (or '*.' wildcards), not IP addresses; Exact and Prefix paths are absolute and contain no '//', '/./', '/../' or '%2f'",
    why: 'the API server rejects the Ingress',
  },
  'values/network-policy': {
    severity: 'error',
    relaxable: false,
    what: 'a NetworkPolicy has at most two policyTypes, each Ingress or Egress; ipBlock cidrs are valid and except ranges inside them',
    why: 'the API server rejects the NetworkPolicy',
  },
  'values/security-context': {
    severity: 'error',
    relaxable: false,
    what: "security contexts are consistent: not privileged (nor adding 'CAP_SYS_ADMIN') with allowPrivilegeEscalation false; sysctl names valid and unique; no net.* sysctl with hostNetwork; not shareProcessNamespace with hostPID; seccomp Localhost profiles named",
    why: 'the API server rejects the pod',
  },
  'values/crd': {
    severity: 'error',
    relaxable: false,
    what: "a CustomResourceDefinition (apiextensions.k8s.io/v1) is one the API server accepts: its group a DNS subdomain with a dot; plural, singular, short names and categories DNS-1035 labels, kind and listKind the same but mixed case, listKind not the kind; scope Namespaced or Cluster; preserveUnknownFields not true; version names DNS-1035 labels with exactly one storage version; deprecationWarning only on a deprecated version; scale paths under .spec or .status; printer column types and formats known, JSON paths starting with '.'; at most 8 selectable fields, each a string, boolean or integer outside metadata; conversion strategy None or Webhook, the webhook only with Webhook, an https URL without user, query or fragment, conversionReviewVersions including v1 or v1beta1",
    why: 'the API server rejects the CRD (ValidateCustomResourceDefinition), so none of its custom resources can be created',
  },
  'values/crd-schema': {
    severity: 'error',
    relaxable: false,
    what: 'the openAPIV3Schema of every CRD version is structural and within what the API server supports: a type on every node (object at the root) except under x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields; only OpenAPI v3 types; no $ref, id, definitions, dependencies, patternProperties, additionalItems or item arrays; not properties and additionalProperties together, nor additionalProperties at the root; arrays with items; only value validations inside allOf, anyOf, oneOf and not, and what they name also outside them; metadata at the root restricting only name and generateName; x-kubernetes-list-type, list-map-keys, map-type and embedded-resource consistent with the type and each other; defaults only outside the top-level metadata, apiVersion and kind, valid for their schema and without pruned fields; no uniqueItems; x-kubernetes-validations with a rule and a one-line message; with the status subresource, only the allowed fields at the root',
    why: 'the API server rejects a CRD whose schema is not structural (ValidateStructural) or uses what it does not support, so none of its custom resources can be created',
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
    what: 'namespaced objects go to a namespace the app creates, one every cluster has (default, kube-system, kube-public, kube-node-lease), or one declared with External.namespace',
    why: 'apply fails: namespace not found',
  },
  'refs/probe-port': {
    severity: 'error',
    relaxable: true,
    what: "a probe's named port (httpGet, tcpSocket) is a named port of its container",
    why: 'the API server accepts it, but the kubelet cannot resolve the port: the probe fails, so the container is restarted or never ready',
  },
  'refs/stateful-set-service': {
    severity: 'error',
    relaxable: true,
    what: "a StatefulSet's serviceName names a headless Service of the app in its namespace that selects its pods (or a Service declared with External.object)",
    why: 'the API server does not check it, but without that governing Service the pods get no stable DNS names',
  },
  'refs/autoscaled-replicas': {
    severity: 'error',
    relaxable: true,
    what: 'a workload targeted by a HorizontalPodAutoscaler sets no replicas of its own',
    why: 'every apply resets the replica count the autoscaler chose, so the workload flaps between the two',
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
    what: 'images are pinned: a digest (name@sha256:<64 hex>), or a tag that names one release: a version of at least two numbers, MAJOR.MINOR[.PATCH], with an optional v and suffix (1.25.3, v0.29.0, 16.1-bookworm, 5.0.14-alpine), a date (jammy-20240111) or a commit id (sha-3f9c2e1). Floating: no tag, latest, a name (alpine, apache, stable), a major version only (10, v5, 10-focal), a range (1.2.x)',
    why: 'a floating tag changes under you: the same manifests deploy different code, and a rollback pulls whatever the tag points to now. MAJOR.MINOR passes because many projects release with two numbers (postgres:16.1); for one that publishes patches (redis:7.2 follows 7.2.x), pin the patch or a digest',
  },
  'policy/probes': {
    severity: 'error',
    relaxable: true,
    what: 'long-running containers (not Jobs, CronJobs or init containers) have liveness and readiness probes',
    why: 'without them, Kubernetes sends traffic to broken pods and never restarts hung ones',
  },
  'policy/apparmor': {
    severity: 'error',
    relaxable: true,
    what: 'AppArmor is not disabled: the appArmorProfile field (pod or container) is RuntimeDefault or Localhost and container.apparmor.security.beta.kubernetes.io/* annotations are runtime/default or localhost/*',
    why: 'Pod Security Standards "baseline": an unconfined container escapes the AppArmor profile that confines it',
  },
  'policy/sysctls': {
    severity: 'error',
    relaxable: true,
    what: 'pods set only the safe sysctls of the target version (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, tcp_syncookies, ping_group_range, ip_unprivileged_port_start; ip_local_reserved_ports from 1.27; tcp_keepalive_*, tcp_fin_timeout from 1.29; tcp_rmem, tcp_wmem from 1.32)',
    why: 'Pod Security Standards "baseline": other sysctls can disable security mechanisms or affect every pod on the node',
  },
  'policy/selinux': {
    severity: 'error',
    relaxable: true,
    what: 'SELinux options set no user or role, and a type only of container_t, container_init_t or container_kvm_t',
    why: 'Pod Security Standards "baseline"',
  },
  'policy/proc-mount': {
    severity: 'error',
    relaxable: true,
    what: 'containers keep the Default /proc mount (procMount unset or Default)',
    why: 'Pod Security Standards "baseline" and "restricted": an Unmasked /proc exposes host kernel interfaces',
  },
  'policy/volume-types': {
    severity: 'error',
    relaxable: true,
    what: 'pod volumes are configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret (hostPath is reported as policy/host-path)',
    why: 'Pod Security Standards "restricted": other volume types reach node or storage-system resources directly',
  },
  'policy/host-process': {
    severity: 'error',
    relaxable: true,
    what: 'no Windows HostProcess containers (windowsOptions.hostProcess on the pod or a container)',
    why: 'Pod Security Standards "baseline": a HostProcess container has privileged access to the Windows node',
  },
  'policy/probe-host': {
    severity: 'error',
    relaxable: true,
    what: 'probes and lifecycle hooks set no httpGet or tcpSocket host (checked for Kubernetes 1.34 and later)',
    why: 'Pod Security Standards "baseline" (1.34+): a host lets the kubelet be used to reach other endpoints',
  },
  'policy/privileged-port': {
    severity: 'error',
    relaxable: true,
    what: 'a container that runs as non-root listens on no port below 1024 unless the pod sets the sysctl net.ipv4.ip_unprivileged_port_start low enough',
    why: 'the API server accepts it, but a non-root process cannot bind the port: the container crashes at start (unless its binary has file capabilities)',
  },
  'policy/node-port-range': {
    severity: 'error',
    relaxable: true,
    what: 'explicit nodePorts are from 30000 to 32767, the default --service-node-port-range',
    why: 'the API server refuses node ports outside its configured range at create; relax it for a cluster configured with another range',
  },
  'policy/duplicate-env': {
    severity: 'error',
    relaxable: true,
    what: 'an environment variable is defined once per container',
    why: 'the API server accepts duplicates (with a warning; the last definition wins), but server-side apply (kubectl apply --server-side, Argo CD, kubecraft apply) fails on a duplicate key of a list merged by name, and client-side kubectl apply may drop one of them. Relax it only for manifests applied client-side that keep the duplicate on purpose',
  },
  'policy/plaintext-secret': {
    severity: 'error',
    relaxable: true,
    what: 'Secrets carry no data in the manifests (reference existing Secrets instead)',
    why: 'base64 is not encryption: the values end up in git and in CI logs',
  },
  'policy/secure-defaults-applied': {
    severity: 'info',
    relaxable: false,
    what: 'reports, once per object, every field kubecraft set on an upstream object because it was asked to (UpstreamManifests or HelmManifests with applySecureDefaults: true): the seccomp profile, capability drops, with their values',
    why: 'upstream objects are otherwise left exactly as upstream wrote them: each change kubecraft makes to them shows in the report, for review. Information only: it never fails a synth',
  },
} as const satisfies Record<string, RuleInfo>;

/** A rule id. */
export type RuleId = keyof typeof RULES;

/** Whether `id` names a rule. */
export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
