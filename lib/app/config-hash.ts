import { createHash } from 'crypto';
import { Manifest, podSpecPath, getPath } from '../workloads/pod-spec-locator';

/** The pod template annotation that carries the hash of the configuration a workload uses. */
export const CONFIG_HASH_ANNOTATION = 'kubecraft.io/config-hash';

const ROLLABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

/**
 * Adds `kubecraft.io/config-hash` to the pod template of every workload that uses a ConfigMap
 * or Secret defined among `manifests` (as a volume, projected volume, `envFrom` or
 * `valueFrom`): the hash of their content. When the content changes, the pod template changes
 * with it and `kubectl apply` rolls the pods; unchanged content gives an unchanged hash.
 * Objects not among `manifests` (created outside the app) do not contribute.
 * Returns new manifests; the inputs are not changed.
 */
export function addConfigHashes(manifests: readonly Manifest[]): Manifest[] {
  const data = new Map<string, unknown>();
  for (const m of manifests) {
    if (m.kind === 'ConfigMap' || m.kind === 'Secret') {
      const { data: d, binaryData, stringData } = m as Record<string, unknown>;
      data.set(`${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`, { data: d, binaryData, stringData });
    }
  }
  if (data.size === 0) return [...manifests];
  return manifests.map((m) => {
    if (!ROLLABLE.has(m.kind)) return m;
    const specPath = podSpecPath(m.kind)!;
    const spec = getPath(m, specPath) as Record<string, any> | undefined;
    if (!spec) return m;
    const ns = m.metadata.namespace ?? '';
    const used = [...referencedConfig(spec)]
      .map((ref) => `${ref}`.replace('/', `/${ns}/`))
      .filter((key) => data.has(key))
      .sort();
    if (used.length === 0) return m;
    const hash = createHash('sha256')
      .update(JSON.stringify(used.map((key) => [key, data.get(key)])))
      .digest('hex')
      .slice(0, 16);
    return withTemplateAnnotation(m, specPath.slice(0, -1), hash);
  });
}

/** A copy of `m` with the annotation on the pod template at `templatePath`, copying only the objects on that path. */
function withTemplateAnnotation(m: Manifest, templatePath: readonly string[], hash: string): Manifest {
  const copyAlong = (obj: Record<string, any>, depth: number): Record<string, any> => {
    if (depth === templatePath.length) {
      return {
        ...obj,
        metadata: {
          ...(obj.metadata ?? {}),
          annotations: { ...(obj.metadata?.annotations ?? {}), [CONFIG_HASH_ANNOTATION]: hash },
        },
      };
    }
    const key = templatePath[depth];
    return { ...obj, [key]: copyAlong(obj[key] ?? {}, depth + 1) };
  };
  return copyAlong(m as Record<string, any>, 0) as Manifest;
}

/** `Kind/name` of every ConfigMap and Secret a pod spec references. */
function referencedConfig(spec: Record<string, any>): Set<string> {
  const refs = new Set<string>();
  for (const v of spec.volumes ?? []) {
    if (v.configMap?.name) refs.add(`ConfigMap/${v.configMap.name}`);
    if (v.secret?.secretName) refs.add(`Secret/${v.secret.secretName}`);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) refs.add(`ConfigMap/${s.configMap.name}`);
      if (s.secret?.name) refs.add(`Secret/${s.secret.name}`);
    }
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) refs.add(`ConfigMap/${e.configMapRef.name}`);
      if (e.secretRef?.name) refs.add(`Secret/${e.secretRef.name}`);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) refs.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef?.name) refs.add(`Secret/${e.valueFrom.secretKeyRef.name}`);
    }
  }
  return refs;
}
