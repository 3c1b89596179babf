import { asObject, containersOf, Manifest, podSpecOf } from '../core';

/** The seccomp profile kubecraft gives every pod that sets none. */
export const DEFAULT_SECCOMP_PROFILE = { type: 'RuntimeDefault' } as const;

type Json = Record<string, unknown>;

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
  const pod = podSpecOf(manifest);
  if (!pod) return manifest;
  const spec = pod.spec;
  const containers = containersOf(pod).map((c) => c.container);
  const podContext = asObject(spec.securityContext) ?? {};
  const anyContainerSetsSeccomp = containers.some((c) => asObject(c.securityContext)?.seccompProfile !== undefined);
  if (podContext.seccompProfile === undefined && !anyContainerSetsSeccomp) {
    spec.securityContext = sortedKeys({ ...podContext, seccompProfile: { ...DEFAULT_SECCOMP_PROFILE } });
  }
  for (const container of containers) {
    const context = asObject(container.securityContext) ?? {};
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
