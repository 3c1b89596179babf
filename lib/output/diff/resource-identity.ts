import { Manifest } from '../../core';

/**
 * One resource's identity in an output, as a readable string:
 * `[<folder>] <group>/<Kind> <namespace>/<name>`. The folder part is left out for the top
 * folder, the group for the core group, the namespace for cluster-scoped resources:
 * `apps/Deployment shop/web`, `Service shop/web`, `[prod] rbac.authorization.k8s.io/ClusterRole viewer`.
 */
export type ResourceKey = string;

/** A resource's identity: its key and the parts it is made of. */
export interface ResourceIdentity {
  readonly key: ResourceKey;
  /** Output folder relative to the output root (`prod`), `''` for the root. */
  readonly folder: string;
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  /** `''` for cluster-scoped resources. */
  readonly namespace: string;
  readonly name: string;
}

/** The API group of an `apiVersion`: `apps/v1` → `apps`, `v1` → `''`. */
export function apiGroupOf(apiVersion: string | undefined): string {
  const slash = (apiVersion ?? '').indexOf('/');
  return slash < 0 ? '' : (apiVersion ?? '').slice(0, slash);
}

/** The key of `manifest` in output `folder` (`''` for the output root). */
export function resourceKey(manifest: Manifest, folder = ''): ResourceKey {
  const group = apiGroupOf(manifest.apiVersion);
  const ns = manifest.metadata?.namespace ?? '';
  return `${folder ? `[${folder}] ` : ''}${group ? `${group}/` : ''}${manifest.kind} ${ns ? `${ns}/` : ''}${manifest.metadata?.name ?? ''}`;
}

/** The identity of `manifest` stored under `key`; the folder is read from a key made by {@link resourceKey}. */
export function identityOf(key: ResourceKey, manifest: Manifest): ResourceIdentity {
  return {
    key,
    folder: /^\[(.*?)\] /.exec(key)?.[1] ?? '',
    group: apiGroupOf(manifest.apiVersion),
    kind: manifest.kind,
    namespace: manifest.metadata?.namespace ?? '',
    name: manifest.metadata?.name ?? '',
  };
}

/** Orders identities by folder, group, kind, namespace, name, then key. */
export function compareIdentities(a: ResourceIdentity, b: ResourceIdentity): number {
  for (const f of ['folder', 'group', 'kind', 'namespace', 'name', 'key'] as const) {
    if (a[f] !== b[f]) return a[f] < b[f] ? -1 : 1;
  }
  return 0;
}
