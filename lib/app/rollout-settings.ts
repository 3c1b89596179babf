import { asObject, CHANGE_CAUSE_ANNOTATION, insertSorted, JsonObject, Manifest, RUN_VARIABLES } from '../core';

/** The environment variable CI sets to record why a revision exists (e.g. the commit subject). */
export const CHANGE_CAUSE_VARIABLE = RUN_VARIABLES.changeCause;

/** Old ReplicaSets (or revisions) kept for `kubectl rollout undo`: the API's own default, made explicit. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** Kinds with a rollout history (`kubectl rollout history` / `undo`). */
const KINDS_WITH_HISTORY: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** What `applyRolloutSettings` sets. */
export interface RolloutSettings {
  /** `spec.revisionHistoryLimit` for workloads that set none. */
  readonly revisionHistoryLimit: number;
  /** The `kubernetes.io/change-cause` annotation for workloads that set none; none when undefined. */
  readonly changeCause?: string;
}

/**
 * Day-two settings on rendered workloads (changes the fresh manifests in place):
 * - `spec.revisionHistoryLimit` on Deployments, StatefulSets and DaemonSets that set none;
 * - the change cause as the workload's `kubernetes.io/change-cause` annotation (on the
 *   workload, not its pod template: recording a cause never rolls pods);
 *
 * (Workloads an autoscaler targets render no `spec.replicas`: cdk8s-plus and kubecraft's
 * workloads leave it out once an HPA targets them, and validation refuses a fixed count next to
 * an HPA from any other source: `refs/autoscaled-replicas`.)
 */
export function applyRolloutSettings(manifests: readonly Manifest[], settings: RolloutSettings): void {
  for (const m of manifests) {
    const spec = asObject(m.spec);
    if (!spec) continue;
    if (!KINDS_WITH_HISTORY.has(m.kind)) continue;
    if (spec.revisionHistoryLimit === undefined) {
      insertSorted(spec, 'revisionHistoryLimit', settings.revisionHistoryLimit);
    }
    const annotations = asObject(m.metadata.annotations) ?? {};
    if (settings.changeCause !== undefined && annotations[CHANGE_CAUSE_ANNOTATION] === undefined) {
      const next: JsonObject = { ...annotations };
      insertSorted(next, CHANGE_CAUSE_ANNOTATION, settings.changeCause);
      m.metadata.annotations = next as Record<string, string>;
    }
  }
}
