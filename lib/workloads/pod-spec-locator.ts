/**
 * Where the pod spec of a synthesized manifest lives, by kind.
 *
 * Used by the secure defaults (to fill in pod-level settings) and by validation (to read
 * containers, volumes and labels), so both agree on one table.
 */

/** A synthesized Kubernetes manifest, as plain JSON. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** JSON path segments from the manifest root to the pod spec, per workload kind. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The JSON path (segments) of the pod spec for `kind`, or undefined if the kind has no pods. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  return POD_SPEC_PATHS[kind];
}

/** Reads the value at `path` in `obj`, or undefined when any segment is missing. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** The pod spec of a workload manifest as a mutable record, or undefined. */
export function podSpecOf(manifest: Manifest): Record<string, unknown> | undefined {
  const path = podSpecPath(manifest.kind);
  if (!path) return undefined;
  const spec = getPath(manifest, path);
  return spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : undefined;
}
