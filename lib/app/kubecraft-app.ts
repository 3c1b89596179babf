import { App, AppProps, YamlOutputType } from 'cdk8s';
import {
  ConstructError,
  DEFAULT_KUBERNETES_VERSION,
  isKubernetesVersion,
  KUBERNETES_VERSIONS,
  KubernetesVersion,
  KUBERNETES_VERSION_VARIABLE,
  Manifest,
  processMemo,
  runSetting,
  SynthesisError,
  toKubernetesVersion,
} from '../core';
import { buildAppGraph, renderSvgs, toDot, toMermaid } from '../output/app-graph';
import { OutputFile, writeDirectoryAtomically } from '../output/atomic-directory';
import { phaseFolder, SETUP_FOLDER, splitByPhase } from '../output/install-phases';
import { kustomization, KUSTOMIZATION_FILE } from '../output/kustomization';
import { toYamlDocuments } from '../output/yaml-serializer';
import { formatReport, ValidationReport } from '../validation/finding';
import { validate, validateIncrementally } from '../validation/validate';
import { ObjectToValidate } from '../validation/validation-context';
import { addArgoCdSyncWaves, argoCdSyncedFolders } from './gitops-annotations';
import { isHelmChartTemplates, toHelmChartTemplates } from './helm-output';
import { manifestKey, recordWritten, unchangedFileIn, yamlDocumentsOnce } from './incremental';
import { currentSynthHook, SynthHook } from './synth-hook';
import { renderApp, SynthesizedFile, SynthesizedObject } from './synthesis';

/**
 * Properties for `KubecraftApp`.
 */
export interface KubecraftAppProps extends AppProps {
  /**
   * Validate the app on `synth()` (schema, values, references, policy) and refuse to write
   * anything when there are errors.
   *
   * @default true
   */
  readonly validate?: boolean;

  /**
   * Print the validation report (warnings and relaxed findings with their reasons) to stderr on
   * a successful synth. Under `kubecraft synth` the runner prints one summary line instead
   * (warnings in full; relaxed findings with `--verbose`, or in `kubecraft validate`).
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

  /**
   * The Kubernetes version to validate for ('1.27' … '1.36'): its schemas, the apiVersions it
   * serves, and the rules that changed between versions. The environment variable
   * `KUBECRAFT_KUBERNETES_VERSION` (set by `kubecraft synth|validate --kubernetes-version`)
   * overrides it.
   *
   * @default DEFAULT_KUBERNETES_VERSION ('1.35', the oldest release in upstream support)
   */
  readonly kubernetesVersion?: KubernetesVersion;

  /**
   * Write the install phases as Argo CD annotations, for an Argo CD Application of an output
   * folder: `argocd.argoproj.io/sync-wave: "-1"` on the setup phase (CRDs and Namespaces), and
   * `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true` on custom resources whose
   * CRD is in the same folder. Validated like every other field. Flux and `kubecraft apply` need
   * none of it.
   *
   * @default false
   */
  readonly argoCdSyncWaves?: boolean;

  /**
   * How each output folder's objects are divided into files, as cdk8s's `yamlOutputType`:
   * `FILE_PER_CHART` writes `<chart>.k8s.yaml`; `FILE_PER_RESOURCE` writes each object to
   * `<Kind>.<name>.k8s.yaml` (`<Kind>.<namespace>.<name>.k8s.yaml` when two objects of the folder
   * would share a file), which makes reviews of one object's history easy; `FILE_PER_APP` writes
   * one `app.k8s.yaml`. Every layout keeps the install phases (`setup/`) and lists its files in
   * install order in the folder's `Kustomization`. `FOLDER_PER_CHART_FILE_PER_RESOURCE` is refused:
   * in kubecraft's output a sub-folder is an environment or an install phase.
   *
   * @default YamlOutputType.FILE_PER_CHART
   */
  readonly yamlOutputType?: YamlOutputType;
}

export { KUBERNETES_VERSION_VARIABLE };

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
  /** The Kubernetes version the app is validated for. */
  public readonly kubernetesVersion: KubernetesVersion;
  /** Whether `synth()` writes the app graph. */
  public readonly graph: boolean;
  /** Whether the install phases are written as Argo CD sync waves (`KubecraftAppProps.argoCdSyncWaves`). */
  public readonly argoCdSyncWaves: boolean;
  /** How each output folder's objects are divided into files (`KubecraftAppProps.yamlOutputType`). */
  public readonly fileLayout: YamlOutputType;
  private readonly printReport: boolean;

  constructor(props: KubecraftAppProps = {}) {
    super(props);
    this.validateOnSynth = props.validate ?? true;
    this.printReport = props.printReport ?? true;
    this.graph = props.graph ?? false;
    this.argoCdSyncWaves = props.argoCdSyncWaves ?? false;
    this.fileLayout = props.yamlOutputType ?? YamlOutputType.FILE_PER_CHART;
    if (
      !Object.values(YamlOutputType).includes(this.fileLayout) ||
      this.fileLayout === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE
    ) {
      throw new ConstructError(
        this,
        `yamlOutputType ${YamlOutputType[this.fileLayout] ?? String(this.fileLayout)} is not supported`,
        {
          prop: 'yamlOutputType',
          hint: 'use FILE_PER_CHART (the default), FILE_PER_RESOURCE or FILE_PER_APP: in kubecraft output a sub-folder is an environment or an install phase, not a chart',
        },
      );
    }
    const fromEnv = runSetting('kubernetesVersion');
    const requested = fromEnv !== undefined && fromEnv !== '' ? fromEnv : props.kubernetesVersion;
    if (requested !== undefined && !isKubernetesVersion(requested)) {
      const source = fromEnv ? `$${KUBERNETES_VERSION_VARIABLE}` : 'kubernetesVersion';
      throw new ConstructError(this, `unsupported Kubernetes version '${requested}' (from ${source})`, {
        prop: 'kubernetesVersion',
        hint: `use one of ${KUBERNETES_VERSIONS.join(', ')}`,
      });
    }
    this.kubernetesVersion = requested ?? DEFAULT_KUBERNETES_VERSION;
  }

  /** Renders and validates the app without writing anything. */
  public validate(files: readonly SynthesizedFile[] = this.render()): ValidationReport {
    return validateRenderedApp(this, files);
  }

  /**
   * Renders every chart, in chart dependency order, without writing anything.
   */
  public render(): SynthesizedFile[] {
    const files = renderApp(this);
    if (this.argoCdSyncWaves) addArgoCdSyncWaves(files);
    else if (argoCdSyncedFolders(this).size > 0) addArgoCdSyncWaves(files, argoCdSyncedFolders(this));
    return files;
  }

  /**
   * Synthesizes all charts into the output directory, replacing its previous content only
   * once everything has been rendered successfully.
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
    if (hook?.stream) {
      hook.stream.write(this.validatedStream(files, hook.stream.folder, hook));
      return;
    }
    // kubecraft synth --watch: what unchanged objects validated, serialized and wrote is reused
    // (by content key); an app that overrides validate() is validated by it, as always
    const keys = hook?.incremental ? contentKeys(files) : undefined;
    if (this.validateOnSynth) {
      const ownValidate = this.validate === KubecraftApp.prototype.validate;
      const report = keys && ownValidate ? validateRenderedApp(this, files, keys) : this.validate(files);
      hook?.report(report);
      if (report.errors.length > 0) throw new SynthesisError(formatReport(report));
      // under the kubecraft runner, the runner prints the report (one summary line, or --verbose)
      if (!hook && this.printReport && report.findings.length > 0) {
        process.stderr.write(`${formatReport(report)}\n`);
      }
    }
    const t2 = performance.now();
    const helmChart = isHelmChartTemplates(this.outdir); // cdk8s synth --format helm
    const output = helmChart
      ? toHelmChartTemplates(files)
      : toOutputFiles(files, { graph: this.graph, layout: this.fileLayout, extension: this.outputFileExtension }, keys);
    const t3 = performance.now();
    const outdir = this.outdir;
    const write = () => {
      writeDirectoryAtomically(outdir, output, {
        keepOtherFolders: !helmChart && runSetting('environments') !== undefined,
        replacedFolders: [SETUP_FOLDER],
        linkFrom: keys ? unchangedFileIn(outdir) : undefined,
      });
      if (keys) recordWritten(outdir, output);
      hook?.written(
        outdir,
        output.map((f) => f.relativePath),
      );
    };
    if (hook?.deferWrite) hook.deferWrite(write);
    else write();
    const t4 = performance.now();
    this.lastSynthTimings = { render: t1 - t0, validate: t2 - t1, serialize: t3 - t2, write: t4 - t3 };
  }

  /**
   * One output folder as one YAML stream, validated (throws a `SynthesisError` with the report
   * on errors), without writing anything: what `kubecraft synth --stdout` prints, for
   * `kubectl apply -f -` and GitOps config-management plugins. See `toYamlStream`.
   *
   * @param folder the environment's name, or '' for the charts outside any environment
   */
  public synthStream(folder: string = ''): string {
    return this.validatedStream(this.render(), folder);
  }

  private validatedStream(files: readonly SynthesizedFile[], folder: string, hook?: SynthHook): string {
    if (this.validateOnSynth) {
      const report = this.validate(files);
      hook?.report(report);
      if (report.errors.length > 0) throw new SynthesisError(formatReport(report));
      if (!hook && this.printReport && report.findings.length > 0) process.stderr.write(`${formatReport(report)}\n`);
    }
    return toYamlStream(files, folder);
  }

  /**
   * The whole app as one YAML string, rendered and validated as `synth()` does (throws a
   * `SynthesisError` with the report on errors), every folder's objects in output order. cdk8s's
   * own `App.synthYaml()` returns YAML no check has seen.
   */
  public override synthYaml(): string {
    const files = this.render();
    if (this.validateOnSynth) {
      const report = this.validate(files);
      if (report.errors.length > 0) throw new SynthesisError(formatReport(report));
    }
    return toYamlDocuments(files.flatMap((f) => f.objects.map((o) => o.manifest)));
  }

  /** All objects of the app across charts, in output order. */
  public synthesizeObjects(): SynthesizedObject[] {
    return this.render().flatMap((f) => f.objects);
  }
}

/** Options for `toOutputFiles`. */
export interface OutputOptions {
  /**
   * How each folder's objects are divided into files (see `KubecraftAppProps.yamlOutputType`).
   *
   * @default YamlOutputType.FILE_PER_CHART
   */
  readonly layout?: YamlOutputType;
  /**
   * The extension of the YAML files, for the files of `FILE_PER_RESOURCE` and `FILE_PER_APP`.
   *
   * @default '.k8s.yaml'
   */
  readonly extension?: string;
  /**
   * Add the app graph (SVG, DOT, Mermaid) to each folder.
   *
   * @default false
   */
  readonly graph?: boolean;
}

const SVG_MEMO = 'kubecraft.svg-memo';

/**
 * Serializes rendered files to YAML text, each output folder in its install phases (see
 * `InstallPhase`): a chart's CustomResourceDefinitions and Namespaces go to the folder's
 * `setup/` sub-folder (`setup/<chart>.k8s.yaml`), the rest to `<chart>.k8s.yaml` (not written
 * when the chart has only setup objects). Adds to each output folder, and to each `setup/`, its
 * `Kustomization` (the folder's lists `setup` first, so kustomize and GitOps engines still take
 * the folder as one unit), and, if asked, its graph.
 */
export function toOutputFiles(
  files: readonly SynthesizedFile[],
  options: OutputOptions = {},
  keys?: ContentKeys,
): OutputFile[] {
  const out: OutputFile[] = [];
  const yaml = (objects: readonly SynthesizedObject[]) =>
    keys
      ? yamlDocumentsOnce(
          objects.map((o) => o.manifest),
          objects.map((o) => keys.get(o)),
        )
      : toYamlDocuments(objects.map((o) => o.manifest));
  const graphs: { path: string; dot: string }[] = [];
  for (const folder of [...new Set(files.map((f) => f.folder))]) {
    const inFolder = files.filter((f) => f.folder === folder);
    const prefix = folder ? `${folder}/` : '';
    const setupPrefix = `${phaseFolder(folder, 'setup')}/`;
    const resources: string[] = [];
    const setupResources: string[] = [];
    for (const { base, objects } of filesOfFolder(inFolder, prefix, options)) {
      const { setup, main } = splitByPhase(objects);
      if (setup.length > 0) {
        out.push({ relativePath: `${setupPrefix}${base}`, content: yaml(setup) });
        setupResources.push(base);
      }
      if (main.length > 0 || (setup.length === 0 && options.layout !== YamlOutputType.FILE_PER_RESOURCE)) {
        out.push({ relativePath: `${prefix}${base}`, content: yaml(main) });
        resources.push(base);
      }
    }
    if (setupResources.length > 0) {
      out.push({ relativePath: `${setupPrefix}${KUSTOMIZATION_FILE}`, content: kustomization(setupResources) });
      resources.unshift(SETUP_FOLDER);
    }
    out.push({ relativePath: `${prefix}${KUSTOMIZATION_FILE}`, content: kustomization(resources) });
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
  const memo = processMemo<string, string>(SVG_MEMO);
  if (memo.size > 64) memo.clear();
  const missing = [...new Set(graphs.map((g) => g.dot).filter((dot) => !memo.has(dot)))];
  renderSvgs(missing).forEach((svg, i) => memo.set(missing[i], svg));
  graphs.forEach((g) => out.push({ relativePath: g.path, content: memo.get(g.dot)! }));
  return out;
}

/**
 * The files of one output folder before the install phases split them (names relative to the
 * folder), as `options.layout` divides them: one per chart (the chart's file name), one per
 * object (`<Kind>.<name><ext>`, with the namespace when two objects would share a name), or one
 * for the folder (`app<ext>`).
 */
function filesOfFolder(
  inFolder: readonly SynthesizedFile[],
  prefix: string,
  options: OutputOptions,
): { base: string; objects: readonly SynthesizedObject[] }[] {
  const extension = options.extension ?? '.k8s.yaml';
  switch (options.layout ?? YamlOutputType.FILE_PER_CHART) {
    case YamlOutputType.FILE_PER_APP:
      return [{ base: `app${extension}`, objects: inFolder.flatMap((f) => f.objects) }];
    case YamlOutputType.FILE_PER_RESOURCE: {
      const objects = inFolder.flatMap((f) => f.objects);
      const short = (m: Manifest) => fileSafe(`${m.kind}.${m.metadata.name ?? ''}`);
      const counts = new Map<string, number>();
      for (const o of objects) counts.set(short(o.manifest), (counts.get(short(o.manifest)) ?? 0) + 1);
      const used = new Set<string>();
      return objects.map((o) => {
        const m = o.manifest;
        const unique = counts.get(short(m)) === 1 || m.metadata.namespace === undefined;
        const name = unique ? short(m) : fileSafe(`${m.kind}.${m.metadata.namespace}.${m.metadata.name ?? ''}`);
        let base = `${name}${extension}`;
        for (let i = 2; used.has(base); i++) base = `${name}-${i}${extension}`; // names that differ only in dropped characters
        used.add(base);
        return { base, objects: [o] };
      });
    }
    default:
      return inFolder.map((f) => ({ base: f.fileName.slice(prefix.length), objects: f.objects }));
  }
}

/** `name` with only the characters cdk8s keeps in file names (letters, digits, `-`, `_`, `.`). */
function fileSafe(name: string): string {
  return name.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/**
 * The objects of one output folder as one YAML stream, every document after the first preceded
 * by `---`, in install order: the setup phase (CustomResourceDefinitions and Namespaces) of
 * every chart first, then the rest, chart by chart. A folder with no objects is an error naming
 * the folders there are.
 *
 * @param folder the environment's name, or '' for the charts outside any environment
 */
export function toYamlStream(files: readonly SynthesizedFile[], folder: string): string {
  const inFolder = files.filter((f) => f.folder === folder).flatMap((f) => f.objects);
  if (inFolder.length === 0) {
    const folders = [...new Set(files.filter((f) => f.objects.length > 0).map((f) => f.folder))];
    const names = folders.map((f) => (f ? `--env ${f}` : 'the charts outside environments (no --env)')).join(', ');
    throw new SynthesisError(
      `kubecraft: nothing to stream: ${folder ? `environment '${folder}'` : 'the charts outside environments'} hold no objects${names ? `; this app has ${names}` : ''}`,
    );
  }
  const { setup, main } = splitByPhase(inFolder);
  return toYamlDocuments([...setup, ...main].map((o) => o.manifest));
}

/**
 * Validates a rendered app: each output folder (environment) on its own, since each is
 * deployed on its own, with the app's external declarations and relaxations.
 */
export function validateRenderedApp(app: App, files: readonly SynthesizedFile[], keys?: ContentKeys): ValidationReport {
  const folders = [...new Set(files.map((f) => f.folder))];
  const units = folders.map((folder) => ({
    folder,
    objects: files.filter((f) => f.folder === folder).flatMap((f) => f.objects),
  }));
  const options = { root: app, kubernetesVersion: targetVersionOf(app) };
  if (!keys) return validate(units, options);
  return validateIncrementally(units, options, (obj: ObjectToValidate) => keys.get(obj as SynthesizedObject));
}

/** The content key of every rendered object (see `manifestKey`), for one synth. @internal */
export type ContentKeys = ReadonlyMap<SynthesizedObject, string | undefined>;

function contentKeys(files: readonly SynthesizedFile[]): ContentKeys {
  return new Map(files.flatMap((f) => f.objects.map((o) => [o, manifestKey(o.manifest)] as const)));
}

/**
 * The Kubernetes version an app is validated for: a `KubecraftApp`'s own, else
 * $KUBECRAFT_KUBERNETES_VERSION, else the default.
 */
function targetVersionOf(app: App): KubernetesVersion {
  if (app instanceof KubecraftApp) return app.kubernetesVersion;
  const fromEnv = runSetting('kubernetesVersion');
  return fromEnv ? toKubernetesVersion(fromEnv) : DEFAULT_KUBERNETES_VERSION;
}
