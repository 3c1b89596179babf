import { ApiObject, App, AppProps, Chart } from 'cdk8s';
import { OutputFile, writeDirectoryAtomically } from '../output/atomic-directory';
import { sortByInstallOrder } from '../output/install-order';
import { buildAppGraph, renderSvgs, toDot, toMermaid } from '../output/app-graph';
import { kustomization, KUSTOMIZATION_FILE } from '../output/kustomization';
import { toYamlDocuments } from '../output/yaml-serializer';
import { currentSynthHook } from '../cli/synth-hook';
import { formatReport, toReport, ValidationReport } from '../validation/finding';
import { External, importedObjectsIn } from '../validation/external';
import { validateObjects } from '../validation/validate';
import { Manifest } from '../workloads/pod-spec-locator';
import { isClusterScoped } from './cluster-scoped-kinds';
import { Environment, ENVIRONMENT_SELECTOR_VARIABLE } from './environment';
import { SynthesisError } from './synthesis-error';

export { SynthesisError } from './synthesis-error';

/** One synthesized object and where it came from. */
export interface SynthesizedObject {
  /** The manifest as written to the output. */
  readonly manifest: Manifest;
  /** The construct path of the `ApiObject` that produced it (e.g. `shop/web/Resource`). */
  readonly path: string;
  /** The id of the chart it belongs to. */
  readonly chart: string;
  /** The `ApiObject` construct that produced it (undefined if it could not be matched). */
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
 * Properties for `KubecraftApp`.
 */
export interface KubecraftAppProps extends Omit<AppProps, 'yamlOutputType'> {
  /**
   * Validate the app on `synth()` (schema, values, references, policy) and refuse to write
   * anything when there are errors.
   *
   * @default true
   */
  readonly validate?: boolean;

  /**
   * Print the validation summary (warnings and relaxed findings with their reasons) to
   * stderr on a successful synth.
   *
   * @default true
   */
  readonly printReport?: boolean;

  /**
   * Also write a picture of each output folder's resources and their relations:
   * `app-graph.svg`, `app-graph.dot` (Graphviz) and `app-graph.mmd` (Mermaid).
   *
   * @default false
   */
  readonly graph?: boolean;
}

/** Milliseconds spent in each phase of the last `synth()`. */
export interface SynthTimings {
  /** Rendering the construct tree to manifests (cdk8s resolution, secure defaults, ordering). */
  readonly render: number;
  /** Validation (0 when off). */
  readonly validate: number;
  /** YAML serialization. */
  readonly serialize: number;
  /** Writing the files and swapping the output directory. */
  readonly write: number;
}

/**
 * A cdk8s `App` that validates what it synthesizes (schema, values, references, policy),
 * writes one file per chart with objects in kind-aware install order, and replaces the output
 * directory atomically: a synth that fails leaves the previous output exactly as it was.
 */
export class KubecraftApp extends App {
  /** Whether `synth()` validates. */
  public readonly validateOnSynth: boolean;
  /** Phase timings of the last `synth()`, for benchmarks and diagnostics. */
  public lastSynthTimings?: SynthTimings;
  /** Whether `synth()` writes the app graph. */
  public readonly graph: boolean;
  private readonly printReport: boolean;

  constructor(props: KubecraftAppProps = {}) {
    super(props);
    this.validateOnSynth = props.validate ?? true;
    this.printReport = props.printReport ?? true;
    this.graph = props.graph ?? false;
  }

  /** Renders and validates the app without writing anything. */
  public validate(files: readonly SynthesizedFile[] = this.render()): ValidationReport {
    // each output folder (environment) is deployed on its own, so it is validated on its own
    const folders = [...new Set(files.map((f) => f.folder))];
    const externals = [...External.declaredIn(this), ...importedObjectsIn(this)]; // once, not per folder
    const reports = folders.map((folder) =>
      validateObjects(
        files.filter((f) => f.folder === folder).flatMap((f) => f.objects),
        { externals },
      ),
    );
    return reports.length === 1 ? reports[0] : toReport(reports.flatMap((r) => r.findings));
  }

  /**
   * Renders every chart, in chart dependency order, without writing anything.
   */
  public render(): SynthesizedFile[] {
    const usedNames = new Set<string>();
    return this.charts.map((chart) => {
      const folder = Environment.of(chart)?.envName ?? '';
      const base = `${folder ? `${folder}/` : ''}${chartFileBase(chart)}`;
      let fileName = `${base}${this.outputFileExtension}`;
      for (let i = 2; usedNames.has(fileName); i++) fileName = `${base}-${i}${this.outputFileExtension}`;
      usedNames.add(fileName);
      try {
        return { fileName, folder, objects: synthesizeChart(chart) };
      } catch (err) {
        // cdk8s construct validation (node.addValidation) and errors raised while rendering
        // (e.g. a probe with no port) name the construct path; report them the same way.
        if (err instanceof Error && !(err instanceof SynthesisError))
          throw new SynthesisError(`kubecraft: synthesis refused: ${err.message}`);
        throw err;
      }
    });
  }

  /**
   * Synthesizes all charts into the output directory, replacing its previous content only
   * once everything has been rendered successfully. When `$KUBECRAFT_ENV` selects
   * environments, the other environments' folders are kept as they were.
   */
  public synth(): void {
    const hook = currentSynthHook();
    const t0 = performance.now();
    const files = this.render();
    const t1 = performance.now();
    if (hook?.validateOnly) {
      hook.report(this.validate(files));
      return;
    }
    if (this.validateOnSynth) {
      const report = this.validate(files);
      hook?.report(report);
      if (report.errors.length > 0) throw new SynthesisError(formatReport(report));
      if (this.printReport && (report.warnings.length > 0 || report.relaxed.length > 0)) {
        process.stderr.write(`${formatReport(report)}\n`);
      }
    }
    const t2 = performance.now();
    const output = toOutputFiles(files, { graph: this.graph });
    const t3 = performance.now();
    writeDirectoryAtomically(this.outdir, output, {
      keepOtherFolders: Boolean(process.env[ENVIRONMENT_SELECTOR_VARIABLE]),
    });
    hook?.written(
      this.outdir,
      output.map((f) => f.relativePath),
    );
    const t4 = performance.now();
    this.lastSynthTimings = { render: t1 - t0, validate: t2 - t1, serialize: t3 - t2, write: t4 - t3 };
  }

  /** All objects of the app across charts, in output order. */
  public synthesizeObjects(): SynthesizedObject[] {
    return this.render().flatMap((f) => f.objects);
  }
}

const SVG_MEMO = Symbol.for('kubecraft.svg-memo');

/** Options for `toOutputFiles`. */
export interface OutputOptions {
  /**
   * Add the app graph (SVG, DOT, Mermaid) to each folder.
   *
   * @default false
   */
  readonly graph?: boolean;
}

/**
 * Serializes rendered files to YAML text, and adds to each output folder its
 * `Kustomization` (and, if asked, its graph).
 */
export function toOutputFiles(files: readonly SynthesizedFile[], options: OutputOptions = {}): OutputFile[] {
  const out: OutputFile[] = files.map((f) => ({
    relativePath: f.fileName,
    content: toYamlDocuments(f.objects.map((o) => o.manifest)),
  }));
  const graphs: { path: string; dot: string }[] = [];
  for (const folder of [...new Set(files.map((f) => f.folder))]) {
    const inFolder = files.filter((f) => f.folder === folder);
    const prefix = folder ? `${folder}/` : '';
    out.push({
      relativePath: `${prefix}${KUSTOMIZATION_FILE}`,
      content: kustomization(inFolder.map((f) => f.fileName.slice(prefix.length))),
    });
    if (options.graph) {
      const graph = buildAppGraph(inFolder.flatMap((f) => f.objects.map((o) => o.manifest)));
      const dot = toDot(graph, folder ? `kubecraft app: ${folder}` : 'kubecraft app');
      out.push({ relativePath: `${prefix}app-graph.dot`, content: dot });
      out.push({ relativePath: `${prefix}app-graph.mmd`, content: toMermaid(graph) });
      graphs.push({ path: `${prefix}app-graph.svg`, dot });
    }
  }
  // rendering starts a Graphviz process: in a long-lived process (kubecraft synth --watch),
  // unchanged graphs reuse their SVG (kept on globalThis: the app's bundle is reloaded per run)
  const memo = ((globalThis as { [SVG_MEMO]?: Map<string, string> })[SVG_MEMO] ??= new Map<string, string>());
  if (memo.size > 64) memo.clear();
  const missing = [...new Set(graphs.map((g) => g.dot).filter((dot) => !memo.has(dot)))];
  renderSvgs(missing).forEach((svg, i) => memo.set(missing[i], svg));
  graphs.forEach((g) => out.push({ relativePath: g.path, content: memo.get(g.dot)! }));
  return out;
}

function chartFileBase(chart: Chart): string {
  return (
    chart.node.id
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  );
}

/** Synthesizes one chart, objects in install order, each paired with the construct that produced it. */
export function synthesizeChart(chart: Chart): SynthesizedObject[] {
  const manifests = chart.toJson() as Manifest[];
  const byKey = new Map<string, ApiObject[]>();
  for (const c of chart.node.findAll()) {
    if (c instanceof ApiObject && Chart.of(c) === chart) {
      const key = objectKey(c.apiVersion, c.kind, isClusterScoped(c.kind) ? undefined : c.metadata.namespace, c.name);
      const list = byKey.get(key) ?? [];
      list.push(c);
      byKey.set(key, list);
    }
  }
  const matched = manifests.map((manifest) => {
    const key = objectKey(manifest.apiVersion, manifest.kind, manifest.metadata?.namespace, manifest.metadata?.name);
    return byKey.get(key)?.shift();
  });
  // objects renamed by a JSON patch: pair them with the remaining constructs of their kind, in order
  const leftovers = [...byKey.values()].flat();
  return sortByInstallOrder(
    manifests.map((manifest, i) => {
      let construct = matched[i];
      if (!construct) {
        const j = leftovers.findIndex((c) => c.kind === manifest.kind && c.apiVersion === manifest.apiVersion);
        if (j >= 0) construct = leftovers.splice(j, 1)[0];
      }
      return { manifest, path: construct?.node.path ?? chart.node.path, chart: chart.node.id, construct };
    }),
  );
}

function objectKey(apiVersion: string, kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name ?? ''}`;
}
