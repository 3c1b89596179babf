/**
 * JSON shapes of upstream objects as `UpstreamManifests.modify` hands them to its callback: the
 * manifest as YAML/JSON writes it (quantities and ports as strings or numbers, not cdk8s
 * classes), typed where changes are usual (workloads' pod templates, containers, Services,
 * ConfigMaps) and open elsewhere (`[key: string]: unknown`), so any field can still be reached.
 */

/** Metadata of an upstream object. */
export interface UpstreamMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** Any upstream manifest, mutable. */
export interface UpstreamManifest {
  apiVersion: string;
  kind: string;
  metadata: UpstreamMetadata;
  [key: string]: unknown;
}

/** An environment variable of a container. */
export interface UpstreamEnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

/** Compute resources of a container (quantities as strings, e.g. `200m`, `128Mi`). */
export interface UpstreamResources {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

/** A container of an upstream pod spec. */
export interface UpstreamContainer {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  env?: UpstreamEnvVar[];
  resources?: UpstreamResources;
  securityContext?: Record<string, unknown>;
  ports?: Array<{ containerPort: number; name?: string; protocol?: string; [key: string]: unknown }>;
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
  volumeMounts?: Array<{ name: string; mountPath: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** An upstream pod spec. */
export interface UpstreamPodSpec {
  containers: UpstreamContainer[];
  initContainers?: UpstreamContainer[];
  securityContext?: Record<string, unknown>;
  serviceAccountName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Array<Record<string, unknown>>;
  volumes?: Array<{ name: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** An upstream pod template. */
export interface UpstreamPodTemplate {
  metadata?: UpstreamMetadata;
  spec: UpstreamPodSpec;
}

/** A Deployment, StatefulSet, DaemonSet, ReplicaSet or Job. */
export interface UpstreamWorkload extends UpstreamManifest {
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string>; [key: string]: unknown };
    template: UpstreamPodTemplate;
    [key: string]: unknown;
  };
}

/** A CronJob. */
export interface UpstreamCronJob extends UpstreamManifest {
  spec: {
    schedule: string;
    jobTemplate: { spec: { template: UpstreamPodTemplate; [key: string]: unknown } };
    [key: string]: unknown;
  };
}

/** A Pod. */
export interface UpstreamPod extends UpstreamManifest {
  spec: UpstreamPodSpec;
}

/** A Service. */
export interface UpstreamService extends UpstreamManifest {
  spec: {
    type?: string;
    selector?: Record<string, string>;
    ports?: Array<{ port: number; targetPort?: number | string; name?: string; protocol?: string; nodePort?: number }>;
    [key: string]: unknown;
  };
}

/** A ConfigMap. */
export interface UpstreamConfigMap extends UpstreamManifest {
  data?: Record<string, string>;
}

/** The typed shapes `UpstreamManifests.modify` gives its callback, by kind (others: `UpstreamManifest`). */
export interface UpstreamKinds {
  Deployment: UpstreamWorkload;
  StatefulSet: UpstreamWorkload;
  DaemonSet: UpstreamWorkload;
  ReplicaSet: UpstreamWorkload;
  Job: UpstreamWorkload;
  CronJob: UpstreamCronJob;
  Pod: UpstreamPod;
  Service: UpstreamService;
  ConfigMap: UpstreamConfigMap;
}
