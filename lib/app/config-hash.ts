import { createHash } from 'crypto';
import {
  asObject,
  CONFIG_HASH_ANNOTATION,
  JsonObject,
  Manifest,
  POD_TEMPLATE_KINDS,
  podReferencesOf,
  podSpecOf,
} from '../core';

/**
 * Adds `kubecraft.io/config-hash` to the pod template of every workload that uses a ConfigMap
 * or Secret defined among `manifests` (as a volume, projected volume, `envFrom` or
 * `valueFrom`): the hash of their content. When the content changes, the pod template changes
 * with it and `kubectl apply` rolls the pods; unchanged content gives an unchanged hash.
 * Objects not among `manifests` (created outside the app) and image pull secrets do not
 * contribute. Returns new manifests; the inputs are not changed.
 */
export function addConfigHashes(manifests: readonly Manifest[]): Manifest[] {
  const data = new Map<string, unknown>();
  for (const m of manifests) {
    if (m.kind === 'ConfigMap' || m.kind === 'Secret') {
      const { data: d, binaryData, stringData } = m as JsonObject;
      data.set(configKey(m.kind, m.metadata.namespace, m.metadata.name), { data: d, binaryData, stringData });
    }
  }
  if (data.size === 0) return [...manifests];
  return manifests.map((m) => {
    if (!POD_TEMPLATE_KINDS.has(m.kind)) return m;
    const pod = podSpecOf(m);
    if (!pod) return m;
    const used = new Set<string>();
    for (const ref of podReferencesOf(pod)) {
      if ((ref.kind !== 'ConfigMap' && ref.kind !== 'Secret') || ref.via === 'imagePullSecrets') continue;
      const key = configKey(ref.kind, m.metadata.namespace, ref.name);
      if (data.has(key)) used.add(key);
    }
    if (used.size === 0) return m;
    const sorted = [...used].sort();
    const hash = createHash('sha256')
      .update(JSON.stringify(sorted.map((key) => [key, data.get(key)])))
      .digest('hex')
      .slice(0, 16);
    return withTemplateAnnotation(m, pod.metadataField.split('.').slice(0, -1), hash);
  });
}

function configKey(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name ?? ''}`;
}

/** A copy of `m` with the annotation on the pod template at `templatePath`, copying only the objects on that path. */
function withTemplateAnnotation(m: Manifest, templatePath: readonly string[], hash: string): Manifest {
  const copyAlong = (obj: JsonObject, depth: number): JsonObject => {
    if (depth === templatePath.length) {
      const metadata = asObject(obj.metadata) ?? {};
      const annotations = { ...(asObject(metadata.annotations) ?? {}), [CONFIG_HASH_ANNOTATION]: hash };
      return { ...obj, metadata: { ...metadata, annotations } };
    }
    const key = templatePath[depth];
    return { ...obj, [key]: copyAlong(asObject(obj[key]) ?? {}, depth + 1) };
  };
  return copyAlong(m as JsonObject, 0) as unknown as Manifest;
}
