/** The pod template annotation that carries the hash of the configuration a workload uses. */
export const CONFIG_HASH_ANNOTATION = 'kubecraft.io/config-hash';

/**
 * The workload annotation `kubectl rollout history` shows as a revision's CHANGE-CAUSE
 * (copied from the Deployment, StatefulSet or DaemonSet to the revision it creates).
 */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
