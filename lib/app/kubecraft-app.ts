import { ApiObject, App, AppProps, Chart, Yaml } from 'cdk8s';
import { OutputFile, writeDirectoryAtomically } from '../output/atomic-directory';
import { sortByInstallOrder } from '../output/install-order';
import { Manifest } from '../workloads/pod-spec-locator';
import { isClusterScoped } from './cluster-scoped-kinds';

/** One synthesized object and where it came from. */
export interface SynthesizedObject {
  /** The manifest as written to the output. */
  readonly manifest: Manifest;
  /** The construct path of the `ApiObject` that produced it (e.g. `shop/web/Resource`). */
  readonly path: string;
  /** The id of the chart it belongs to. */
  readonly chart: string;
}

/** One output file and its objects, in install order. */
export interface SynthesizedFile {
  /** File name relative to the output directory, e.g. `shop.k8s.yaml`. */
  readonly fileName: string;
  /** The objects written to the file, in install order. */
  readonly objects: readonly SynthesizedObject[];
}

/**
 * Properties for `KubecraftApp`.
 */
export interface KubecraftAppProps extends Omit<AppProps, 'yamlOutputType'> {}

/** Raised when synthesis is refused; the message is the full, sorted report. */
export class SynthesisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthesisError';
  }
}

/**
 * A cdk8s `App` that writes one file per chart, objects in kind-aware install order, and
 * replaces the output directory atomically: a synth that fails leaves the previous output
 * exactly as it was.
 */
export class KubecraftApp extends App {
  constructor(props: KubecraftAppProps = {}) {
    super(props);
  }

  /**
   * Renders every chart, in chart dependency order, without writing anything.
   */
  public render(): SynthesizedFile[] {
    const usedNames = new Set<string>();
    return this.charts.map((chart) => {
      const base = chartFileBase(chart);
      let fileName = `${base}${this.outputFileExtension}`;
      for (let i = 2; usedNames.has(fileName); i++) fileName = `${base}-${i}${this.outputFileExtension}`;
      usedNames.add(fileName);
      return { fileName, objects: sortByInstallOrder(synthesizeChart(chart)) };
    });
  }

  /**
   * Synthesizes all charts into the output directory, replacing its previous content only
   * once everything has been rendered successfully.
   */
  public synth(): void {
    const files = this.render();
    writeDirectoryAtomically(this.outdir, toOutputFiles(files));
  }

  /** All objects of the app across charts, in output order. */
  public synthesizeObjects(): SynthesizedObject[] {
    return this.render().flatMap((f) => f.objects);
  }
}

/** Serializes rendered files to YAML text. */
export function toOutputFiles(files: readonly SynthesizedFile[]): OutputFile[] {
  return files.map((f) => ({ relativePath: f.fileName, content: Yaml.stringify(...f.objects.map((o) => o.manifest)) }));
}

function chartFileBase(chart: Chart): string {
  return chart.node.id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
}

/** Synthesizes one chart and pairs each manifest with the construct path that produced it. */
function synthesizeChart(chart: Chart): SynthesizedObject[] {
  const manifests = chart.toJson() as Manifest[];
  const pathsByKey = new Map<string, string[]>();
  for (const c of chart.node.findAll()) {
    if (c instanceof ApiObject && Chart.of(c) === chart) {
      const key = objectKey(c.apiVersion, c.kind, isClusterScoped(c.kind) ? undefined : c.metadata.namespace, c.name);
      const list = pathsByKey.get(key) ?? [];
      list.push(c.node.path);
      pathsByKey.set(key, list);
    }
  }
  return manifests.map((manifest) => {
    const key = objectKey(manifest.apiVersion, manifest.kind, manifest.metadata?.namespace, manifest.metadata?.name);
    const path = pathsByKey.get(key)?.shift() ?? chart.node.path;
    return { manifest, path, chart: chart.node.id };
  });
}

function objectKey(apiVersion: string, kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${apiVersion}|${kind}|${namespace ?? ''}|${name ?? ''}`;
}
