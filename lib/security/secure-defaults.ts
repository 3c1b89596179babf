import { Manifest, podSpecOf } from '../workloads/pod-spec-locator';

/** The seccomp profile kubecraft gives every pod that sets none. */
export const DEFAULT_SECCOMP_PROFILE = { type: 'RuntimeDefault' } as const;

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * Completes cdk8s-plus-27's container and pod security defaults so that every pod meets the
 * Pod Security Standards "restricted" profile without the user doing anything.
 *
 * cdk8s-plus-27 already sets runAsNonRoot, readOnlyRootFilesystem, privileged: false and
 * allowPrivilegeEscalation: false; it sets no seccomp profile and drops no capabilities. This
 * fills in, only where the manifest leaves them unset:
 * - `securityContext.seccompProfile: { type: RuntimeDefault }` on the pod;
 * - `securityContext.capabilities.drop: [ALL]` on every container and init container.
 *
 * Anything the user set explicitly is kept as it is (and judged by the policy checks).
 * Changes `manifest` in place (synthesis renders fresh objects) and returns it.
 */
export function applySecureDefaults<T extends Manifest>(manifest: T): T {
  const spec = podSpecOf(manifest);
  if (!spec) return manifest;
  const podContext = asRecord(spec.securityContext) ?? {};
  const anyContainerSetsSeccomp = containersOf(spec).some(
    (c) => asRecord(c.securityContext)?.seccompProfile !== undefined,
  );
  if (podContext.seccompProfile === undefined && !anyContainerSetsSeccomp) {
    spec.securityContext = sortedKeys({ ...podContext, seccompProfile: { ...DEFAULT_SECCOMP_PROFILE } });
  }
  for (const container of containersOf(spec)) {
    const context = asRecord(container.securityContext) ?? {};
    if (context.capabilities === undefined) {
      container.securityContext = sortedKeys({ ...context, capabilities: { drop: ['ALL'] } });
    }
  }
  return manifest;
}

/** The same record with its keys in alphabetical order, as cdk8s writes them. */
function sortedKeys(record: Json): Json {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** All containers of a pod spec: init containers first, then regular containers. */
export function containersOf(spec: Json): Json[] {
  const list = (key: string): Json[] =>
    Array.isArray(spec[key]) ? (spec[key] as unknown[]).map((c) => c as Json) : [];
  return [...list('initContainers'), ...list('containers')];
}
