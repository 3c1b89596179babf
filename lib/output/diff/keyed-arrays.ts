// Arrays of named things (containers, env, ports, volumes, ...) compared by their natural key
// instead of by position: before diffing, such an array becomes a "keyed list", an object
// from key to entry, so that inserting one env var is one change, not a shift of all that follow.

/** One step in a field path: an object property, an array position, or a keyed array entry. */
export type PathSegment = { readonly prop: string } | { readonly index: number } | { readonly key: string };

type Entry = Record<string, unknown>;
type KeyFunction = (entry: Entry) => string | undefined;

/** Prototype of keyed lists; itself without prototype, so that no key (`constructor`, ...) is inherited. */
const KEYED_LIST: object = Object.create(null);
/** The keys of a keyed list in document order (object key order puts integer-like keys first). */
const ORDER = Symbol('order');

const str = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
const byName: KeyFunction = (e) => str(e.name);
const byField =
  (field: string): KeyFunction =>
  (e) =>
    str(e[field]);

/** `name`, else `<containerPort or port>/<protocol>`: container, Service and NetworkPolicy ports. */
const portKey: KeyFunction = (e) => {
  const port = str(e.containerPort) ?? str(e.port);
  return str(e.name) ?? (port === undefined ? undefined : `${port}/${str(e.protocol) ?? 'TCP'}`);
};

const envFromKey: KeyFunction = (e) => {
  const ref = (field: string) => str((e[field] as Entry | undefined)?.name);
  const name = ref('configMapRef') ?? ref('secretRef');
  if (name === undefined) return undefined;
  const prefix = str(e.prefix);
  return `${ref('configMapRef') !== undefined ? 'configMap' : 'secret'}:${name}${prefix ? ` prefix=${prefix}` : ''}`;
};

/** kubectl taint notation: `key=value:Effect`, `key:Effect` for Exists. */
const tolerationKey: KeyFunction = (e) =>
  `${str(e.key) ?? '*'}${e.operator === 'Exists' ? '' : `=${str(e.value) ?? ''}`}:${str(e.effect) ?? '*'}`;

const subjectKey: KeyFunction = (e) =>
  `${str(e.kind) ?? ''}:${str(e.namespace) ? `${str(e.namespace)}/` : ''}${str(e.name) ?? ''}`;

/** The natural key of entries of the array at property path `names` in a resource of `kind`, if any. */
function keyFunctionFor(kind: string, names: readonly string[]): KeyFunction | undefined {
  const prop = names[names.length - 1];
  switch (prop) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return byName;
    case 'envFrom':
      return envFromKey;
    case 'ports':
      return portKey;
    case 'volumeMounts':
      return byField('mountPath');
    case 'volumeDevices':
      return byField('devicePath');
    case 'tolerations':
      return tolerationKey;
    case 'hostAliases':
      return byField('ip');
    case 'readinessGates':
      return byField('conditionType');
    case 'subjects':
      return subjectKey;
    // Ingress rules by host and paths by path; RBAC rules (Role, ClusterRole) have no natural key.
    case 'rules':
      return kind === 'Ingress' ? (e) => str(e.host) ?? '*' : undefined;
    case 'paths':
      return kind === 'Ingress' && names[names.length - 2] === 'http' ? byField('path') : undefined;
    case 'tls':
      return kind === 'Ingress' ? byField('secretName') : undefined;
    default:
      return undefined;
  }
}

function isRecord(v: unknown): v is Entry {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `v` is a keyed list made by {@link normalizeDocument}. */
export function isKeyedList(v: unknown): v is Entry {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === KEYED_LIST;
}

/** The entry keys of a keyed array, in document order, at a path. */
export interface KeyOrder {
  readonly segments: readonly PathSegment[];
  readonly keys: readonly string[];
}

/** A resource ready for diffing: keyed arrays turned into keyed lists. */
export interface NormalizedDocument {
  readonly root: Entry;
  /** Entry order of every keyed array, by formatted path. */
  readonly keyOrders: ReadonlyMap<string, KeyOrder>;
}

/**
 * Copies `doc` with every array of named things turned into a keyed list (entry keys made
 * unique with `#2`, `#3`, ...; entries without a key get `#<index>`), and every object into
 * one without prototype.
 */
export function normalizeDocument(doc: Entry, kind: string): NormalizedDocument {
  const keyOrders = new Map<string, KeyOrder>();
  const walk = (value: unknown, segments: readonly PathSegment[], names: readonly string[]): unknown => {
    if (Array.isArray(value)) {
      const keyOf = value.every(isRecord) ? keyFunctionFor(kind, names) : undefined;
      if (!keyOf) return value.map((v, index) => walk(v, [...segments, { index }], names));
      const list = Object.create(KEYED_LIST) as Entry;
      const keys: string[] = [];
      const seen = new Map<string, number>();
      value.forEach((entry: Entry, index) => {
        const natural = keyOf(entry) ?? `#${index}`;
        const n = (seen.get(natural) ?? 0) + 1;
        seen.set(natural, n);
        const key = n === 1 ? natural : `${natural}#${n}`;
        keys.push(key);
        list[key] = walk(entry, [...segments, { key }], names);
      });
      Object.defineProperty(list, ORDER, { value: keys, enumerable: false });
      keyOrders.set(formatPath(segments), { segments, keys });
      return list;
    }
    if (isRecord(value)) {
      const out = Object.create(null) as Entry;
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...segments, { prop: k }], [...names, k]);
      return out;
    }
    return value;
  };
  return { root: walk(doc, [], []) as Entry, keyOrders };
}

/** Turns keyed lists back into arrays and objects back into plain objects. */
export function denormalize(value: unknown): unknown {
  if (isKeyedList(value)) return ((value as Record<symbol, string[]>)[ORDER] ?? []).map((k) => denormalize(value[k]));
  if (Array.isArray(value)) return value.map(denormalize);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, denormalize(v)]));
  return value;
}

/** The segments of a diff path (`string | number` steps) read against the normalized `root` it came from. */
export function segmentsOf(root: unknown, path: readonly (string | number)[]): PathSegment[] {
  let node: unknown = root;
  return path.map((step) => {
    const seg: PathSegment = isKeyedList(node)
      ? { key: String(step) }
      : typeof step === 'number'
        ? { index: step }
        : { prop: step };
    node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[step] : undefined;
    return seg;
  });
}

/** `spec.template.spec.containers[web].env[LOG_LEVEL]`, `metadata.annotations["kubecraft.io/config-hash"]`, `args[0]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((s, i) => {
      if ('index' in s) return `[${s.index}]`;
      if ('key' in s) return `[${s.key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(s.prop)) return i === 0 ? s.prop : `.${s.prop}`;
      return `[${JSON.stringify(s.prop)}]`;
    })
    .join('');
}

/** The property names along `segments`, without positions and keys: what a field is, not which entry. */
export function propertyNames(segments: readonly PathSegment[]): string[] {
  return segments.flatMap((s) => ('prop' in s ? [s.prop] : []));
}
