// kubecraft: typed Kubernetes applications on cdk8s and cdk8s-plus-27.
//
// The public face of the library, chosen deliberately: constructs and their props, value
// types, validation and testing helpers. Everything else in lib/ is internal.
//
//   import * as kplus from 'cdk8s-plus-27';
//   import { KubecraftApp, KubecraftChart, WebService } from 'kubecraft';

// the manifest model and errors
export {
  CHANGE_CAUSE_ANNOTATION,
  CONFIG_HASH_ANNOTATION,
  ConstructError,
  ConstructErrorOptions,
  Manifest,
  ManifestMetadata,
  SynthesisError,
  DEFAULT_KUBERNETES_VERSION,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
  KubernetesVersion,
} from './core';
export { apiLifecycle, ApiLifecycle } from './validation/schema/api-lifecycle';

// apps and charts
export { KubecraftApp, KubecraftAppProps, KUBERNETES_VERSION_VARIABLE, SynthTimings } from './app/kubecraft-app';
export { KubecraftChart, KubecraftChartProps } from './app/kubecraft-chart';
export { CHANGE_CAUSE_VARIABLE, DEFAULT_REVISION_HISTORY_LIMIT } from './app/rollout-settings';
export { SynthesizedFile, SynthesizedObject } from './app/synthesis';
export { Environment, Environments, EnvironmentsOptions, ENVIRONMENT_SELECTOR_VARIABLE } from './app/environment';
export { DEFAULT_SECCOMP_PROFILE } from './security/secure-defaults';

// workloads and policy objects cdk8s-plus-27 lacks
export { ReplicaSet, ReplicaSetProps } from './workloads/replica-set';
export { StatefulSet, StatefulSetProps, VolumeClaimTemplate } from './workloads/stateful-set';
export {
  GrpcProbeOptions,
  HttpGetProbeOptions,
  PortReference,
  Probes,
  ProbeTimingOptions,
  TcpSocketProbeOptions,
} from './workloads/probes';
export { DownwardApiFile, DownwardApiVolume, DownwardApiVolumeOptions } from './workloads/downward-api-volume';
export {
  PodCount,
  PodDisruptionBudget,
  PodDisruptionBudgetProps,
  UnhealthyPodEvictionPolicy,
} from './workloads/pod-disruption-budget';
export { LimitRange, LimitRangeItem, LimitRangeProps, LimitType, ResourceQuantities } from './policy/limit-range';
export { QuotaScope, ResourceQuota, ResourceQuotaProps } from './policy/resource-quota';
export { Selector, SelectorOperator, SelectorRequirement, SelectorSpec } from './selectors/selector';

// cluster-wide classes and volumes cdk8s-plus-27 lacks
export {
  DEFAULT_STORAGE_CLASS_ANNOTATION,
  IStorageClass,
  ReclaimPolicy,
  StorageClass,
  StorageClassProps,
  TopologyTerm,
  VolumeBindingMode,
} from './cluster/storage-class';
export {
  CsiSourceOptions,
  HOSTNAME_LABEL,
  HostPathSourceOptions,
  LocalSourceOptions,
  NfsSourceOptions,
  PersistentVolume,
  PersistentVolumeProps,
  PersistentVolumeSecretRef,
  PersistentVolumeSource,
} from './cluster/persistent-volume';
export {
  DEFAULT_SNAPSHOT_CLASS_ANNOTATION,
  SNAPSHOT_API_GROUP,
  SnapshotDeletionPolicy,
  VolumeSnapshotClass,
  VolumeSnapshotClassProps,
} from './cluster/volume-snapshot-class';
export {
  HIGHEST_USER_PRIORITY,
  IPriorityClass,
  LOWEST_PRIORITY,
  PreemptionPolicy,
  PriorityClass,
  PriorityClassProps,
} from './cluster/priority-class';
export {
  DEFAULT_INGRESS_CLASS_ANNOTATION,
  IIngressClass,
  IngressClass,
  IngressClassParameters,
  IngressClassProps,
} from './cluster/ingress-class';
export { IRuntimeClass, RuntimeClass, RuntimeClassProps } from './cluster/runtime-class';

// patterns
export { WebService } from './patterns/web-service';
export { WebServiceProps } from './patterns/web-service-props';
export { WebServiceAutoscaling } from './patterns/web-service-autoscaling';
export { StatefulService, StatefulServiceProps } from './patterns/stateful-service';
export { HostPathMount, NodeAgent, NodeAgentProps } from './patterns/node-agent';
export { BatchJob, BatchJobProps } from './patterns/batch-job';
export { JobOptions } from './patterns/job-options';
export { ScheduledJob, ScheduledJobProps } from './patterns/scheduled-job';
export { Exposure, IngressExposureOptions } from './patterns/exposure';
export { ExistingSecret } from './patterns/existing-secret';
export {
  DEFAULT_PATTERN_RESOURCES,
  DEFAULT_PATTERN_USER,
  DEFAULT_STATEFUL_RESOURCES,
  DEFAULT_WRITABLE_PATHS,
  PatternCapabilities,
  PatternContainerOptions,
  PatternLifecycle,
  PatternMount,
} from './patterns/pattern-container';
export { AdoptionOptions } from './patterns/base/adoption';
export { MainContainerOptions } from './patterns/base/main-container';
export { HandOverOptions, PatternBase } from './patterns/base/pattern-base';
export { PatternBaseOptions, PatternProps } from './patterns/base/pattern-props';
export { nativeSidecarsSupported } from './patterns/base/target-version';
export { PatternPodOptions, PatternServiceAccount, TopologySpread } from './patterns/pod-options';
export { AdditionalService, PatternPort } from './patterns/pattern-port';
export { DeploymentUpdate, StatefulSetUpdate } from './patterns/update-strategy';
export { Worker, WorkerProps } from './patterns/worker';
export { AppNetwork } from './patterns/app-network';
export { EgressCidr, IsolationOptions, PodGroup } from './patterns/network-options';
export { PatternIdentity, PatternIdentityProps } from './patterns/pattern-identity';
export { ConnectOptions, IServiceClient, IServiceEndpoint } from './patterns/service-endpoint';

// validation
export { validate, DeploymentUnit, ValidateOptions } from './validation/validate';
export { ObjectToValidate } from './validation/validation-context';
export { Finding, formatReport, Severity, ValidationReport } from './validation/finding';
export { RULES, RuleId, RuleInfo } from './validation/rules';
export { Policy, Relaxation } from './validation/policy';
export { External, ExternalDataOptions, ExternalObject } from './validation/external';
export {
  Cdk8sValidationContext,
  KubecraftValidation,
  KubecraftValidationProperties,
} from './validation/cdk8s-validation-plugin';

// testing
export { synthValidated, validateChart } from './testing/synth-validated';

// upstream manifests, CRDs and Helm charts
export {
  HELM_HOOK_ANNOTATION,
  UpstreamChange,
  UpstreamManifests,
  UpstreamManifestsProps,
  UpstreamObject,
} from './upstream/upstream-manifests';
export {
  UpstreamConfigMap,
  UpstreamContainer,
  UpstreamCronJob,
  UpstreamEnvVar,
  UpstreamKinds,
  UpstreamManifest,
  UpstreamMetadata,
  UpstreamPod,
  UpstreamPodSpec,
  UpstreamPodTemplate,
  UpstreamResources,
  UpstreamService,
  UpstreamWorkload,
} from './upstream/types';
export { registerCrdsFromFile } from './upstream/crds';
export { isClusterScoped, registerCustomResourceScope } from './core';
export { HelmManifests, HelmManifestsProps } from './upstream/helm';

// output phases, GitOps annotations and deploying to a cluster with the user's kubectl
export { INSTALL_PHASES, InstallPhase, installPhaseOf, SETUP_FOLDER } from './output/install-phases';
export { OutputFolder, readOutputFolders } from './output/output-folders';
export { ARGOCD_SYNC_OPTIONS_ANNOTATION, ARGOCD_SYNC_WAVE_ANNOTATION, SETUP_SYNC_WAVE } from './app/gitops-annotations';
export { toYamlStream } from './app/kubecraft-app';
export { AppliedFolder, applyOutput, ApplyOutputOptions, FIELD_MANAGER } from './deploy/apply-output';
export { applySetFlag, applySetId, applySetName } from './deploy/apply-set';
export { DeployError, KubectlOptions } from './deploy/kubectl';
export { diffAgainstCluster, LiveDiff, LiveDiffOptions } from './deploy/live-diff';

// delivery to many clusters: the clusters declared once, typed Argo CD and Flux objects, deliveries per cluster
export { Clusters, ClusterSpec, ClustersProps, ENVIRONMENT_LABEL } from './delivery/clusters';
export { DeliveryFolder } from './delivery/delivery-folder';
export {
  ArgoCdApplicationSpec,
  ArgoCdDestination,
  ArgoCdRetry,
  ArgoCdSource,
  ArgoCdSyncPolicy,
} from './delivery/argo-cd/application-spec';
export { ArgoCdApplication, ArgoCdApplicationProps } from './delivery/argo-cd/application';
export {
  ArgoCdApplicationSet,
  ArgoCdApplicationSetProps,
  ArgoCdApplicationTemplate,
  ArgoCdGenerator,
} from './delivery/argo-cd/application-set';
export {
  ArgoCdAppProject,
  ArgoCdAppProjectProps,
  ArgoCdGroupKind,
  ArgoCdProjectDestination,
} from './delivery/argo-cd/app-project';
export { FluxSourceKind, FluxSourceProps, FluxSourceReference, IFluxSource } from './delivery/flux/flux-source';
export { FluxGitReference, FluxGitRepository, FluxGitRepositoryProps } from './delivery/flux/git-repository';
export { FluxOciReference, FluxOciRepository, FluxOciRepositoryProps } from './delivery/flux/oci-repository';
export {
  FluxDependencyReference,
  FluxHealthCheck,
  FluxKustomization,
  FluxKustomizationProps,
} from './delivery/flux/kustomization';
export {
  FluxChartRefKind,
  FluxChartReference,
  FluxChartSourceKind,
  FluxHelmChart,
  FluxHelmRelease,
  FluxHelmReleaseProps,
  FluxValuesReference,
} from './delivery/flux/helm-release';
export { ArgoCdClusterSelection, ArgoCdDelivery, ArgoCdDeliveryProps } from './delivery/argo-cd-delivery';
export {
  FluxDelivery,
  FluxDeliveryProps,
  FluxDeliverySource,
  FluxGitDeliveryOptions,
  FluxOciDeliveryOptions,
} from './delivery/flux-delivery';

// publishing an output folder as an OCI artifact (Flux's format) and pulling it back
export {
  ArtifactFile,
  buildArtifact,
  BuiltArtifact,
  CREATED_ANNOTATION,
  FLUX_CONFIG_MEDIA_TYPE,
  FLUX_CONTENT_MEDIA_TYPE,
  OciDescriptor,
  REVISION_ANNOTATION,
  SOURCE_ANNOTATION,
} from './oci/artifact';
export { RegistryCredentials } from './oci/docker-config';
export { OciError, OciErrorKind } from './oci/errors';
export { GitProvenance } from './oci/git';
export { publishArtifact, PublishArtifactOptions, PublishedArtifact, RegistryAccessOptions } from './oci/publish';
export { pullArtifact, PullArtifactOptions, PulledArtifact } from './oci/pull';
export { OciReference, parseOciReference } from './oci/reference';
