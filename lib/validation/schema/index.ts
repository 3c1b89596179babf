// The schema data layer: Kubernetes versions, the validators per version, and which API
// versions each Kubernetes version serves.
export { apiLifecycle, ApiLifecycle } from './api-lifecycle';
export { CompiledValidator, preloadSchemas, schemaKinds, schemaValidatorFor } from './store';
export {
  DEFAULT_KUBERNETES_VERSION,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
  KubernetesVersion,
  toKubernetesVersion,
} from './versions';
