import { ApiObject, App, Chart } from 'cdk8s';
import { ConstructError, isClusterScoped, Manifest, SynthesisError } from '../core';
import { sortByInstallOrder } from '../output/install-order';
import { Environment } from './environment';

/** One synthesized object and where it came from. */
export interface SynthesizedObject {
  /** The manifest as written to the output. */
  readonly manifest: Manifest;
  /** The construct path of the `ApiObject` that produced it (e.g. `shop/web/Resource`). */
  readonly path: string;
  /** The id of the chart it belongs to. */
  readonly chart: string;
  /**
   * The `ApiObject` construct that produced it.
   *
   * @default - undefined when it could not be matched
   */
  readonly construct?: ApiObject;
}

/** One output file and its objects, in install order. */
export interface SynthesizedFile {
  /** Path relative to the output directory, e.g. `shop.k8s.yaml` or `prod/shop.k8s.yaml`. */
  readonly fileName: string;
  /** The output folder: the environment's name, or '' for charts outside any environment. */
  readonly folder: string;
  /** The objects written to the file, in install order. */
  readonly objects: readonly SynthesizedObject[];
}

/**
 * Renders every chart of a cdk8s app, in chart dependency order, without writing anything:
 * one file per chart, in the folder of its `Environment` (if any). Errors raised while a
 * chart renders become a `SynthesisError` naming the construct path.
 */
export function renderApp(app: App): SynthesizedFile[] {
  const usedNames = new Set<string>();
  return app.charts.map((chart) => {
    const folder = Environment.of(chart)?.envName ?? '';
    const base = `${folder ? `${folder}/` : ''}${chartFileBase(chart)}`;
    let fileName = `${base}${app.outputFileExtension}`;
    for (let i = 2; usedNames.has(fileName); i++) fileName = `${base}-${i}${app.outputFileExtension}`;
    usedNames.add(fileName);
    try {
      return { fileName, folder, objects: synthesizeChart(chart) };
    } catch (err) {
      // cdk8s construct validation (node.addValidation) and errors raised while rendering
      // (e.g. a cdk8s-plus check that runs lazily) name the construct path; report them the same way.
      if (err instanceof SynthesisError || err instanceof ConstructError || !(err instanceof Error)) throw err;
      throw new SynthesisError(`kubecraft: synthesis refused: ${err.message}`, { cause: err });
    }
  });
}

/** Synthesizes one chart, objects in install order, each paired with the construct that produced it. */
export function synthesizeChart(chart: Chart): SynthesizedObject[] {
  const apiObjects = chart.node
    .findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
  for (const obj of apiObjects) nameRenderingErrors(obj);
  const manifests = chart.toJson() as Manifest[];
  const byKey = new Map<string, ApiObject[]>();
  for (const c of apiObjects) {
    const key = objectKey(c.apiVersion, c.kind, isClusterScoped(c.kind) ? undefined : c.metadata.namespace, c.name);
    const list = byKey.get(key) ?? [];
    list.push(c);
    byKey.set(key, list);
  }
  const matched = manifests.map((manifest) => {
    const key = objectKey(manifest.apiVersion, manifest.kind, manifest.metadata?.namespace, manifest.metadata?.name);
    return byKey.get(key)?.shift();
  });
  // objects renamed (or given another apiVersion) by a JSON patch: pair them with the remaining constructs of their kind, in order
  const leftovers = [...byKey.values()].flat();
  return sortByInstallOrder(
    manifests.map((manifest, i) => {
      let construct = matched[i];
      if (!construct) {
        // renamed (same kind and apiVersion) first, then a patched apiVersion (same kind)
        let j = leftovers.findIndex((c) => c.kind === manifest.kind && c.apiVersion === manifest.apiVersion);
        if (j < 0) j = leftovers.findIndex((c) => c.kind === manifest.kind);
        if (j >= 0) construct = leftovers.splice(j, 1)[0];
      }
      return { manifest, path: construct?.node.path ?? chart.node.path, chart: chart.node.id, construct };
    }),
  );
}

const NAMED = Symbol.for('kubecraft.rendering-errors-named');

/**
 * Makes errors raised while `obj` renders (cdk8s-plus checks that run lazily, in `toJson`)
 * name the construct that caused them: the cdk8s-plus construct that owns the object (its
 * `Resource` child) or the object itself. The original error is kept as `cause`.
 */
function nameRenderingErrors(obj: ApiObject): void {
  const target = obj as unknown as { toJson(): unknown; [NAMED]?: true };
  if (target[NAMED]) return;
  target[NAMED] = true;
  const render = target.toJson.bind(obj);
  const owner = obj.node.id === 'Resource' && obj.node.scope ? obj.node.scope : obj;
  target.toJson = () => {
    try {
      return render();
    } catch (err) {
      if (err instanceof ConstructError || err instanceof SynthesisError) throw err;
      throw new ConstructError(owner, err instanceof Error ? err.message : String(err), { cause: err });
    }
  };
}

function chartFileBase(chart: Chart): string {
  return (
    chart.node.id
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  );
}

function objectKey(apiVersion: string, kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name ?? ''}`;
}
