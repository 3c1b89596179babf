/**
 * The `values/*` rules: values the API server validates beyond the schema. Their checks stay grouped by kind in checks/*-checks.ts (a check reports several of them); each reports typed problems whose kind names the rule (`PROBLEM_RULES`) or that name it.
 */
import { defineRule } from './rule';

/** The `values/*` rules, in the order the README lists them. */
export const VALUES_RULES = [
  defineRule({
    id: 'values/name',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'metadata.name is set and has the format the API server requires of its kind: a DNS-1123 subdomain for most kinds, a DNS-1123 label for Namespaces and StatefulSets, a DNS-1035 label for Services, at most 52 characters for CronJobs, a path segment (no / or %) for RBAC objects and PodDisruptionBudgets, <plural>.<group> for CustomResourceDefinitions; namespace names are DNS-1123 labels',
      why: 'the API server rejects invalid names',
    },
  }),
  defineRule({
    id: 'values/label',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'label keys and values (object and pod template labels, nodeSelector, Service selectors) and annotation keys have valid syntax and lengths (prefix ≤ 253, name ≤ 63, value ≤ 63; annotation keys may use uppercase)',
      why: 'the API server rejects invalid labels',
    },
  }),
  defineRule({
    id: 'values/annotation-size',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'the annotations of an object (and of its pod template) total at most 256 KiB (262144 bytes, keys and values)',
      why: 'the API server rejects larger annotations (TotalAnnotationSizeLimitB)',
    },
  }),
  defineRule({
    id: 'values/port',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'container, host, Service, target, probe, NetworkPolicy and CRD conversion webhook ports are from 1 to 65535 (a hostPort or nodePort of 0 means unset); a NetworkPolicy endPort is at least its port',
      why: 'the API server rejects out-of-range ports',
    },
  }),
  defineRule({
    id: 'values/port-name',
    info: {
      severity: 'error',
      relaxable: false,
      what: "container port names, named target and probe ports are IANA service names (≤ 15 lowercase alphanumerics or '-', with a letter) unique per container; Service port names are DNS-1123 labels, unique, and required when a Service has several ports",
      why: 'the API server rejects invalid or duplicate port names',
    },
  }),
  defineRule({
    id: 'values/field-name',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'names inside a pod spec have the API format: container and volume names, hostname and subdomain are DNS-1123 labels; serviceAccountName, priorityClassName and referenced ConfigMap/Secret names are DNS-1123 subdomains',
      why: 'the API server rejects the pod (or the pod template)',
    },
  }),
  defineRule({
    id: 'values/env-name',
    info: {
      severity: 'error',
      relaxable: false,
      what: "environment variable names and envFrom prefixes are valid for the target version: before 1.32 letters, digits, '_', '-' or '.', not starting with a digit; from 1.32 (RelaxedEnvironmentVariableValidation) any printable ASCII but '='",
      why: 'the API server rejects invalid environment variable names',
    },
  }),
  defineRule({
    id: 'values/config-key',
    info: {
      severity: 'error',
      relaxable: false,
      what: "ConfigMap and Secret keys (data, binaryData, stringData, and keys referenced by env, envFrom and volumes) are ≤ 253 alphanumerics, '-', '_' or '.', not '.' or '..'; a ConfigMap key is not in both data and binaryData",
      why: 'the API server rejects invalid keys',
    },
  }),
  defineRule({
    id: 'values/required',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'fields and lists the schema leaves optional but the API server requires are present and non-empty: container image, pod containers, PVC accessModes and storage request, Service ports (unless headless or ExternalName), Ingress rules or defaultBackend, paths and pathType, exec commands, valueFrom and envFrom sources, HPA behavior policies, NetworkPolicy peers, key references, RBAC rule verbs, and the apiGroups and resources of a rule without nonResourceURLs; in a CustomResourceDefinition the group, plural, kind, scope, at least one version, the openAPIV3Schema of each version, the approval annotation of a *.k8s.io group, the clientConfig and conversionReviewVersions of a conversion webhook, scale paths and printer column names, types and paths',
      why: 'the API server rejects the object ("Required value")',
    },
  }),
  defineRule({
    id: 'values/one-of',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'exactly one of a set is given: one source per volume, env value or valueFrom (with one source), one handler per lifecycle hook, PodDisruptionBudget minAvailable or maxUnavailable, Ingress backend service or resource (port name or number), NetworkPolicy ipBlock alone, RBAC rules for either resources or nonResourceURLs (the latter in ClusterRoles only), the url or service of a CRD conversion webhook',
      why: 'the API server rejects the object ("may not specify more than 1")',
    },
  }),
  defineRule({
    id: 'values/range',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'numbers are within the bounds the API server sets: int32 fields at most 2147483647 (every integer field must also fit its format, int32 or int64, or the API server cannot decode it: reported as schema/invalid); counts, durations and Job parallelism/completions/activeDeadlineSeconds non-negative; user and group ids (runAsUser, runAsGroup, fsGroup, supplementalGroups) from 0 to 2147483647; percentages at most 100%; HPA policy periodSeconds 1-1800, values and utilization targets positive; Deployment maxSurge and maxUnavailable not both 0, progressDeadlineSeconds (600 when absent) greater than minReadySeconds',
      why: 'the API server rejects out-of-range numbers',
    },
  }),
  defineRule({
    id: 'values/quantity',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'resource quantities parse (e.g. 500m, 128Mi, 1Gi) wherever they appear (requests, limits, emptyDir sizeLimit, PVC storage, LimitRange, ResourceQuota, HPA targets) and are not negative where the server forbids it (LimitRange values may be negative)',
      why: 'the API server rejects malformed quantities',
    },
  }),
  defineRule({
    id: 'values/resource-name',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'container resource names are standard (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified extended resources (example.com/gpu); so are resourceFieldRef resources',
      why: "the API server rejects unknown resource names such as 'cpus' or 'gpu'",
    },
  }),
  defineRule({
    id: 'values/requests-limits',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'each resource request is at most its limit',
      why: 'the API server rejects requests above limits',
    },
  }),
  defineRule({
    id: 'values/limit-range',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'every LimitRange (from any source) orders its values: min ≤ defaultRequest ≤ default ≤ max and min ≤ max per resource; maxLimitRequestRatio ≥ 1; a Pod limit has no default or defaultRequest; a PersistentVolumeClaim limit has a min or max storage',
      why: 'the API server rejects the LimitRange',
    },
  }),
  defineRule({
    id: 'values/cron',
    info: {
      severity: 'error',
      relaxable: false,
      what: "CronJob schedules parse as the API server parses them (robfig/cron v3 ParseStandard): five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-6 or sun-sat; *, ?, lists, ranges, /steps; no seconds, L, W, #, H or 7 for Sunday) or a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, '@every <Go duration>' such as '@every 1h30m'); no TZ anywhere in the schedule (set timeZone); a timeZone is an explicit, known IANA zone (not '' or 'Local')",
      why: 'the API server rejects an invalid schedule or time zone (validateScheduleFormat, validateTimeZone); a schedule in another cron dialect fails at apply',
    },
  }),
  defineRule({
    id: 'values/probe',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'a probe has exactly one handler (exec, httpGet, tcpSocket, grpc); its thresholds and timings are not negative (0 is defaulted); liveness and startup probes have successThreshold 1 (or 0, defaulted to 1)',
      why: 'the API server rejects invalid probes',
    },
  }),
  defineRule({
    id: 'values/init-container',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'init containers have no probes or lifecycle hooks unless they are native sidecars (restartPolicy Always, from Kubernetes 1.29); only init containers set restartPolicy, and only to Always',
      why: 'the API server rejects the pod',
    },
  }),
  defineRule({
    id: 'values/duplicate',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'container names (init and regular), volume names and volume mount paths per container are unique; so are the version names, selectable fields and conversion review versions of a CustomResourceDefinition',
      why: 'the API server rejects duplicates',
    },
  }),
  defineRule({
    id: 'values/restart-policy',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'Jobs and CronJobs use restartPolicy Never or OnFailure; Deployments, ReplicaSets, StatefulSets and DaemonSets use Always',
      why: 'the API server rejects other restart policies for these kinds',
    },
  }),
  defineRule({
    id: 'values/selector',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'selectors are well formed (matchLabels a map of strings, matchExpressions a list of key/operator/values); keys and values are valid; In/NotIn have values, Exists/DoesNotExist have none; workload selectors are not empty',
      why: 'the API server rejects malformed selectors',
    },
  }),
  defineRule({
    id: 'values/replicas',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'replica counts, backoff limits and HPA bounds are non-negative integers and minReplicas ≤ maxReplicas',
      why: 'the API server rejects them',
    },
  }),
  defineRule({
    id: 'values/native-sidecar',
    info: {
      severity: 'error',
      relaxable: true,
      what: 'native sidecar containers (init containers with restartPolicy Always) only where the target Kubernetes version enables them (1.29 and later)',
      why: 'below 1.29 the feature gate is off: the API server drops restartPolicy and the sidecar blocks the pod as an init container that never exits',
    },
  }),
  defineRule({
    id: 'values/service',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'a Service has unique (port, protocol) and (nodePort, protocol) pairs; nodePort only on NodePort and LoadBalancer Services; a headless Service is not NodePort or LoadBalancer; an ExternalName Service has an externalName and no cluster IP',
      why: 'the API server rejects the Service',
    },
  }),
  defineRule({
    id: 'values/toleration',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'tolerations: operator Equal or Exists; an empty key needs Exists; Exists takes no value; an Equal value is a label value; effect NoSchedule, PreferNoSchedule or NoExecute; tolerationSeconds only with NoExecute',
      why: 'the API server rejects the pod',
    },
  }),
  defineRule({
    id: 'values/field-ref',
    info: {
      severity: 'error',
      relaxable: false,
      what: "downward API fieldRef paths are ones the server supports (env: metadata.name, namespace, uid, labels['k'], annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s); volumes: metadata fields only); resourceFieldRef names a container resource, and a volume's names its container",
      why: 'the API server rejects unsupported field paths',
    },
  }),
  defineRule({
    id: 'values/ingress',
    info: {
      severity: 'error',
      relaxable: false,
      what: "Ingress hosts are lowercase DNS names (or '*.' wildcards), not IP addresses; Exact and Prefix paths are absolute and contain no '//', '/./', '/../' or '%2f'",
      why: 'the API server rejects the Ingress',
    },
  }),
  defineRule({
    id: 'values/network-policy',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'a NetworkPolicy has at most two policyTypes, each Ingress or Egress; ipBlock cidrs are valid and except ranges inside them',
      why: 'the API server rejects the NetworkPolicy',
    },
  }),
  defineRule({
    id: 'values/security-context',
    info: {
      severity: 'error',
      relaxable: false,
      what: "security contexts are consistent: not privileged (nor adding 'CAP_SYS_ADMIN') with allowPrivilegeEscalation false; sysctl names valid and unique; no net.* sysctl with hostNetwork; not shareProcessNamespace with hostPID; seccomp Localhost profiles named",
      why: 'the API server rejects the pod',
    },
  }),
  defineRule({
    id: 'values/crd',
    info: {
      severity: 'error',
      relaxable: false,
      what: "a CustomResourceDefinition (apiextensions.k8s.io/v1) is one the API server accepts: its group a DNS subdomain with a dot; plural, singular, short names and categories DNS-1035 labels, kind and listKind the same but mixed case, listKind not the kind; scope Namespaced or Cluster; preserveUnknownFields not true; version names DNS-1035 labels with exactly one storage version; deprecationWarning only on a deprecated version; scale paths under .spec or .status; printer column types and formats known, JSON paths starting with '.'; at most 8 selectable fields, each a string, boolean or integer outside metadata; conversion strategy None or Webhook, the webhook only with Webhook, an https URL without user, query or fragment, conversionReviewVersions including v1 or v1beta1",
      why: 'the API server rejects the CRD (ValidateCustomResourceDefinition), so none of its custom resources can be created',
    },
  }),
  defineRule({
    id: 'values/crd-schema',
    info: {
      severity: 'error',
      relaxable: false,
      what: 'the openAPIV3Schema of every CRD version is structural and within what the API server supports: a type on every node (object at the root) except under x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields; only OpenAPI v3 types; no $ref, id, definitions, dependencies, patternProperties, additionalItems or item arrays; not properties and additionalProperties together, nor additionalProperties at the root; arrays with items; only value validations inside allOf, anyOf, oneOf and not, and what they name also outside them; metadata at the root restricting only name and generateName; x-kubernetes-list-type, list-map-keys, map-type and embedded-resource consistent with the type and each other; defaults only outside the top-level metadata, apiVersion and kind, valid for their schema and without pruned fields; no uniqueItems; x-kubernetes-validations with a rule and a one-line message; with the status subresource, only the allowed fields at the root',
      why: 'the API server rejects a CRD whose schema is not structural (ValidateStructural) or uses what it does not support, so none of its custom resources can be created',
    },
  }),
] as const;
