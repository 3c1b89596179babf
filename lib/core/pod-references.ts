import { asArray, asObject, asString, JsonObject } from './manifest';
import { ContainerLocation, containersOf, PodSpecLocation } from './pod-spec';

/** The kinds of object a pod can reference by name. */
export type PodReferenceKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';

/** How a pod references an object. */
export type PodReferenceVia =
  'volume' | 'projected-volume' | 'envFrom' | 'env' | 'serviceAccountName' | 'imagePullSecrets';

/** One reference from a pod spec to another object, by name. */
export interface PodReference {
  /** The kind referenced. */
  readonly kind: PodReferenceKind;
  /** Its name. */
  readonly name: string;
  /** The key referenced inside a ConfigMap or Secret (env `valueFrom`, volume `items`), if any. */
  readonly key?: string;
  /** Whether the pod starts without it (`optional: true`). */
  readonly optional: boolean;
  /** How it is referenced. */
  readonly via: PodReferenceVia;
  /** The field path of the reference, e.g. `spec.template.spec.volumes[0].configMap.name`. */
  readonly field: string;
  /** The container that references it (for `envFrom` and `env`). */
  readonly container?: ContainerLocation;
}

/**
 * Everything a pod spec references by name: ConfigMaps and Secrets (volumes, projected
 * volumes, `envFrom`, env `valueFrom`, image pull secrets), PersistentVolumeClaims and the
 * ServiceAccount, in the order they appear. Malformed parts (a `volumes` that is not a list,
 * a name that is not a string) are skipped, never thrown on.
 *
 * The one visitor of pod references: config hashes, the app graph and the reference checks
 * all read references through it.
 */
export function podReferencesOf(pod: PodSpecLocation): PodReference[] {
  const refs: PodReference[] = [];
  const add = (
    kind: PodReferenceKind,
    name: unknown,
    via: PodReferenceVia,
    field: string,
    extra: { key?: unknown; optional?: unknown; container?: ContainerLocation } = {},
  ): void => {
    const n = asString(name);
    if (n === undefined || n.length === 0) return;
    const key = asString(extra.key);
    refs.push({
      kind,
      name: n,
      ...(key !== undefined ? { key } : {}),
      optional: extra.optional === true,
      via,
      field,
      ...(extra.container ? { container: extra.container } : {}),
    });
  };
  const withItems = (
    kind: 'ConfigMap' | 'Secret',
    source: JsonObject,
    nameKey: string,
    via: PodReferenceVia,
    at: string,
  ): void => {
    add(kind, source[nameKey], via, `${at}.${nameKey}`, { optional: source.optional });
    asArray(source.items).forEach((item, j) =>
      add(kind, source[nameKey], via, `${at}.items[${j}].key`, {
        key: asObject(item)?.key,
        optional: source.optional,
      }),
    );
  };

  add('ServiceAccount', pod.spec.serviceAccountName, 'serviceAccountName', `${pod.field}.serviceAccountName`);
  asArray(pod.spec.volumes).forEach((v, i) => {
    const volume = asObject(v);
    if (!volume) return;
    const at = `${pod.field}.volumes[${i}]`;
    const configMap = asObject(volume.configMap);
    if (configMap) withItems('ConfigMap', configMap, 'name', 'volume', `${at}.configMap`);
    const secret = asObject(volume.secret);
    if (secret) withItems('Secret', secret, 'secretName', 'volume', `${at}.secret`);
    const claim = asObject(volume.persistentVolumeClaim);
    if (claim) add('PersistentVolumeClaim', claim.claimName, 'volume', `${at}.persistentVolumeClaim.claimName`);
    asArray(asObject(volume.projected)?.sources).forEach((s, j) => {
      const source = asObject(s);
      const sat = `${at}.projected.sources[${j}]`;
      const cm = asObject(source?.configMap);
      if (cm) withItems('ConfigMap', cm, 'name', 'projected-volume', `${sat}.configMap`);
      const sec = asObject(source?.secret);
      if (sec) withItems('Secret', sec, 'name', 'projected-volume', `${sat}.secret`);
    });
  });
  for (const container of containersOf(pod)) {
    const c = container.container;
    asArray(c.envFrom).forEach((e, i) => {
      const from = asObject(e);
      const cm = asObject(from?.configMapRef);
      if (cm)
        add('ConfigMap', cm.name, 'envFrom', `${container.field}.envFrom[${i}].configMapRef.name`, {
          optional: cm.optional,
          container,
        });
      const sec = asObject(from?.secretRef);
      if (sec)
        add('Secret', sec.name, 'envFrom', `${container.field}.envFrom[${i}].secretRef.name`, {
          optional: sec.optional,
          container,
        });
    });
    asArray(c.env).forEach((e, i) => {
      const valueFrom = asObject(asObject(e)?.valueFrom);
      const cm = asObject(valueFrom?.configMapKeyRef);
      if (cm)
        add('ConfigMap', cm.name, 'env', `${container.field}.env[${i}].valueFrom.configMapKeyRef`, {
          key: cm.key,
          optional: cm.optional,
          container,
        });
      const sec = asObject(valueFrom?.secretKeyRef);
      if (sec)
        add('Secret', sec.name, 'env', `${container.field}.env[${i}].valueFrom.secretKeyRef`, {
          key: sec.key,
          optional: sec.optional,
          container,
        });
    });
  }
  asArray(pod.spec.imagePullSecrets).forEach((s, i) =>
    add('Secret', asObject(s)?.name, 'imagePullSecrets', `${pod.field}.imagePullSecrets[${i}].name`),
  );
  return refs;
}
