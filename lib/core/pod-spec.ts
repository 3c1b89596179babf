import { podSpecPath } from './kinds';
import { asArray, asObject, getPath, JsonObject, Manifest } from './manifest';

/** The pod spec of a manifest, with where it is. */
export interface PodSpecLocation {
  /** The pod spec (a live reference into the manifest: changing it changes the manifest). */
  readonly spec: JsonObject;
  /** Its field path, e.g. `spec.template.spec`. */
  readonly field: string;
  /** The metadata of the pod template (or of the Pod itself), when present. */
  readonly metadata: JsonObject | undefined;
  /** The field path of that metadata, e.g. `spec.template.metadata`, or `metadata` for a Pod. */
  readonly metadataField: string;
}

/** A container of a pod spec, with where it is. */
export interface ContainerLocation {
  /** The container (a live reference into the manifest). */
  readonly container: JsonObject;
  /** Its field path, e.g. `spec.template.spec.containers[1]`. */
  readonly field: string;
  /** Whether it is an init container (native sidecars included). */
  readonly init: boolean;
}

/**
 * The pod spec of a workload manifest (Pod, Deployment, ..., CronJob) and its field path, or
 * undefined when the kind has no pods or the spec is missing or not an object.
 */
export function podSpecOf(manifest: Manifest): PodSpecLocation | undefined {
  const paths = podPathsOf(manifest.kind);
  if (!paths) return undefined;
  const spec = asObject(getPath(manifest, paths.spec));
  if (!spec) return undefined;
  return {
    spec,
    field: paths.field,
    metadata: asObject(getPath(manifest, paths.metadata)),
    metadataField: paths.metadataField,
  };
}

/** Where a kind keeps its pod spec and pod metadata, as paths and as field strings. */
interface PodPaths {
  readonly spec: readonly string[];
  readonly field: string;
  readonly metadata: readonly string[];
  readonly metadataField: string;
}

/** The pod paths of each kind with pods, worked out on first use (every object of a kind asks). */
const POD_PATHS = new Map<string, PodPaths | null>();

function podPathsOf(kind: string): PodPaths | undefined {
  let paths = POD_PATHS.get(kind);
  if (paths === undefined) {
    const spec = podSpecPath(kind);
    const metadata = spec && (kind === 'Pod' ? ['metadata'] : [...spec.slice(0, -1), 'metadata']);
    paths = spec && metadata ? { spec, field: spec.join('.'), metadata, metadataField: metadata.join('.') } : null;
    POD_PATHS.set(kind, paths);
  }
  return paths ?? undefined;
}

/** Init containers, then containers, of a pod spec; entries that are not objects are skipped. */
export function containersOf(pod: PodSpecLocation): ContainerLocation[] {
  const list = (key: string, init: boolean): ContainerLocation[] =>
    asArray(pod.spec[key]).flatMap((c, i) => {
      const container = asObject(c);
      return container ? [{ container, field: `${pod.field}.${key}[${i}]`, init }] : [];
    });
  return [...list('initContainers', true), ...list('containers', false)];
}

/**
 * The labels of the pods a manifest makes: its pod template's labels (a Pod's own labels), or
 * undefined when the kind has no pods. Non-string values are left out.
 */
export function podLabelsOf(manifest: Manifest): Record<string, string> | undefined {
  const paths = podPathsOf(manifest.kind);
  if (!paths) return undefined;
  const metadata = asObject(getPath(manifest, paths.metadata));
  const labels = asObject(metadata?.labels) ?? {};
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') result[k] = v;
  return result;
}
