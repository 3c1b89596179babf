import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../core/errors';

/** One file of a downward API volume: a pod field or a container resource. */
export interface DownwardApiFile {
  /** Relative path of the file inside the volume, e.g. `labels`. */
  readonly path: string;
  /**
   * A pod field, e.g. `metadata.labels`, `metadata.annotations`, `metadata.name`, `metadata.namespace`.
   *
   * @default - not set; `resource` must be set
   */
  readonly fieldPath?: string;
  /**
   * A container resource, e.g. `{ containerName: 'main', resource: 'limits.memory' }`.
   *
   * @default - not set; `fieldPath` must be set
   */
  readonly resource?: { readonly containerName: string; readonly resource: string; readonly divisor?: string };
}

/** Options for `DownwardApiVolume.fromItems`. */
export interface DownwardApiVolumeOptions {
  /**
   * Mode bits of the created files.
   *
   * @default 0o644
   */
  readonly defaultMode?: number;
}

const POD_FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.labels',
  'metadata.annotations',
]);
const LABEL_OR_ANNOTATION = /^metadata\.(labels|annotations)\['[^']+'\]$/;

/**
 * A downward API volume exposes the pod's own metadata and its containers' resources as files,
 * so an application can read them without calling the API server. cdk8s-plus-27 has env
 * variables from field refs but no downward API volume; this adds it as a cdk8s-plus `Volume`.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
 */
export class DownwardApiVolume {
  /** A volume named `name` holding `items`. */
  public static fromItems(
    scope: Construct,
    id: string,
    name: string,
    items: readonly DownwardApiFile[],
    options: DownwardApiVolumeOptions = {},
  ): kplus.Volume {
    checkItems(`${scope.node.path}/${id}`, items);
    const config: Omit<kplus.k8s.Volume, 'name'> = {
      downwardApi: {
        defaultMode: options.defaultMode,
        items: items.map((item) => ({
          path: item.path,
          fieldRef: item.fieldPath !== undefined ? { fieldPath: item.fieldPath } : undefined,
          resourceFieldRef: item.resource
            ? {
                containerName: item.resource.containerName,
                resource: item.resource.resource,
                divisor:
                  item.resource.divisor !== undefined
                    ? kplus.k8s.Quantity.fromString(item.resource.divisor)
                    : undefined,
              }
            : undefined,
        })),
      },
    };
    // cdk8s-plus-27 builds every volume through Volume's (private) constructor
    // `(scope, id, name, config)` and renders it as `{ name, ...config }`.
    const VolumeCtor = kplus.Volume as unknown as new (
      s: Construct,
      i: string,
      n: string,
      c: Omit<kplus.k8s.Volume, 'name'>,
    ) => kplus.Volume;
    return new VolumeCtor(scope, id, name, config);
  }

  private constructor() {}
}

/** Throws a `ConstructError` naming `path` (the volume's construct path) if `items` are invalid. */
function checkItems(path: string, items: readonly DownwardApiFile[]): void {
  if (items.length === 0) throw new ConstructError(path, 'must not be empty', { prop: 'items' });
  const paths = new Set<string>();
  items.forEach((item, i) => {
    const prop = `items[${i}]`;
    if ((item.fieldPath === undefined) === (item.resource === undefined))
      throw new ConstructError(path, `'${item.path}' must set exactly one of fieldPath and resource`, { prop });
    if (item.path.startsWith('/') || item.path.split('/').includes('..') || item.path.length === 0)
      throw new ConstructError(path, `'${item.path}' must be relative and must not contain '..'`, {
        prop: `${prop}.path`,
      });
    if (paths.has(item.path))
      throw new ConstructError(path, `duplicate item path '${item.path}'`, { prop: `${prop}.path` });
    paths.add(item.path);
    if (item.fieldPath !== undefined && !POD_FIELDS.has(item.fieldPath) && !LABEL_OR_ANNOTATION.test(item.fieldPath))
      throw new ConstructError(path, `'${item.fieldPath}' is not supported in volumes`, {
        prop: `${prop}.fieldPath`,
        hint: `use ${[...POD_FIELDS].join(', ')}, or a single label or annotation`,
      });
  });
}
