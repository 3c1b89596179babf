/**
 * The Kubernetes releases from which features kubecraft checks are on by default, defined once
 * (validation rules and constructs both follow them).
 */
export const FEATURE_SINCE = {
  /** Native sidecar containers (`initContainers[].restartPolicy: Always`): SidecarContainers, beta and on. */
  nativeSidecars: '1.29',
  /** Env var names of any printable ASCII but '=': RelaxedEnvironmentVariableValidation, beta and on. */
  relaxedEnvNames: '1.32',
  /** Pod Security Standards "baseline" restricts probe and lifecycle `host` fields. */
  probeHostControl: '1.34',
  /** Per-container restartPolicy on regular containers: ContainerRestartRules. */
  containerRestartRules: '1.35',
} as const;
