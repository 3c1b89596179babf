import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructError, Manifest, SynthesisError } from '../core';
import { sortByInstallOrder } from '../output/install-order';
import { dependencyOrder } from './dependency-order';
import { Environment } from './environment';
import { KubecraftChart, registerCrdScopes } from './kubecraft-chart';

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
 *
 * The construct tree is walked once for the whole app: construct validation, dependency
 * resolution and the scopes of the app's CRDs are done once per render, not once per chart
 * as cdk8s's `Chart.toJson()` does (see `prepareApp`).
 */
export function renderApp(app: App): SynthesizedFile[] {
  const usedNames = new Set<string>();
  const constructs = app.node.findAll();
  guarded(() => prepareApp(constructs));
  const written = guarded(() => chartsOf(app)).filter((chart) => Environment.of(chart)?.isSelected() !== false);
  return written.map((chart) => {
    const folder = Environment.of(chart)?.envName ?? '';
    const base = `${folder ? `${folder}/` : ''}${chartFileBase(chart)}`;
    let fileName = `${base}${app.outputFileExtension}`;
    for (let i = 2; usedNames.has(fileName); i++) fileName = `${base}-${i}${app.outputFileExtension}`;
    usedNames.add(fileName);
    return { fileName, folder, objects: guarded(() => renderChart(chart)) };
  });
}

/**
 * The app's charts in the order they are rendered: cdk8s's `app.charts` (dependency order),
 * computed with `dependencyOrder`.
 */
export function chartsOf(app: App): Chart[] {
  return dependencyOrder(app).filter((c): c is Chart => c instanceof Chart);
}

/** Runs `render`, naming errors raised by cdk8s or cdk8s-plus as a refused synthesis. */
function guarded<T>(render: () => T): T {
  try {
    return render();
  } catch (err) {
    // cdk8s construct validation (node.addValidation) and errors raised while rendering
    // (e.g. a cdk8s-plus check that runs lazily) name the construct path; report them the same way.
    if (SynthesisError.isSynthesisError(err) || ConstructError.isConstructError(err) || !(err instanceof Error))
      throw err;
    throw new SynthesisError(`kubecraft: synthesis refused: ${err.message}`, { cause: err });
  }
}

/**
 * What cdk8s's `App._synthChart` does before rendering a chart, for the whole app at once
 * (`constructs`: every construct of the app): the dependencies implied by nested charts and by
 * construct dependencies across charts become chart dependencies, and construct dependencies
 * become dependencies between the `ApiObject`s below them (which order each chart's objects);
 * then every construct's validations run (`node.addValidation`, cdk8s-plus's checks), failing as
 * cdk8s fails. Also registers the scope of the app's CRDs (see `registerCrdScopes`). Adding a
 * dependency twice is harmless, so preparing again (a second render) changes nothing.
 */
function prepareApp(constructs: readonly IConstruct[]): void {
  for (const parent of constructs) {
    if (!(parent instanceof Chart)) continue;
    for (const child of parent.node.children) if (child instanceof Chart) parent.node.addDependency(child);
  }
  for (const source of constructs) {
    for (const target of source.node.dependencies) {
      const sourceChart = Chart.of(source);
      const targetChart = Chart.of(target);
      if (sourceChart !== targetChart) sourceChart.node.addDependency(targetChart);
    }
  }
  const apiObjectsBelow = new Map<IConstruct, ApiObject[]>();
  const below = (c: IConstruct): ApiObject[] => {
    let list = apiObjectsBelow.get(c);
    if (!list) {
      const chart = Chart.of(c);
      list = c.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
      apiObjectsBelow.set(c, list);
    }
    return list;
  };
  for (const source of constructs) {
    for (const target of source.node.dependencies) {
      const sources = below(source);
      for (const t of below(target)) for (const s of sources) if (t !== s) s.node.addDependency(t);
    }
  }
  const errors = constructs.flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  registerCrdScopes(constructs, true); // this app's CRDs only
}

/**
 * Renders one chart of a prepared app: its `ApiObject`s in dependency order (as cdk8s orders
 * them), each rendered once and kept with its construct, then the chart's own passes
 * (`KubecraftChart`: secure defaults, rollout settings, config hashes), then install order.
 */
function renderChart(chart: Chart): SynthesizedObject[] {
  const apiObjects = dependencyOrder(chart).filter(
    (c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart,
  );
  for (const obj of apiObjects) nameRenderingErrors(obj);
  const manifests: Manifest[] = KubecraftChart.isKubecraftChart(chart)
    ? chart._renderObjects(apiObjects)
    : apiObjects.map((o) => o.toJson() as Manifest);
  return sortByInstallOrder(
    manifests.map((manifest, i) => ({
      manifest,
      path: apiObjects[i].node.path,
      chart: chart.node.id,
      construct: apiObjects[i],
    })),
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
      if (ConstructError.isConstructError(err) || SynthesisError.isSynthesisError(err)) throw err;
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
