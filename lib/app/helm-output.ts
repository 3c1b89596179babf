import * as fs from 'fs';
import * as path from 'path';
import { SynthesisError } from '../core';
import { OutputFile } from '../output/atomic-directory';
import { toYamlDocuments } from '../output/yaml-serializer';
import { SynthesizedFile } from './synthesis';

/**
 * Whether `outdir` is the `templates/` folder of a Helm chart: its name is `templates` and its
 * parent holds a `Chart.yaml`. This is where `cdk8s synth --format helm` has an app write (it
 * scaffolds `<output>/Chart.yaml`, then runs the app with `CDK8S_OUTDIR=<output>/templates`).
 */
export function isHelmChartTemplates(outdir: string): boolean {
  const dir = path.resolve(outdir);
  return path.basename(dir) === 'templates' && fs.existsSync(path.join(path.dirname(dir), 'Chart.yaml'));
}

/**
 * The output files of an app written as the templates of a Helm chart: only the manifests, one
 * file per chart, and nothing helm would misread. Every file in `templates/` is a template to
 * helm, so the `Kustomization` and the app graph are left out (`kubecraft graph` draws it), and
 * `{{` in the YAML text is escaped (see `escapeHelmTemplate`), so that `helm template` and
 * `helm install` render exactly the objects a plain synth writes. A Helm chart is one release:
 * an app with several output folders (environments) is refused, since each folder is deployed
 * on its own; one folder (one selected environment) is written flat into `templates/`.
 */
export function toHelmChartTemplates(files: readonly SynthesizedFile[]): OutputFile[] {
  const folders = [...new Set(files.map((f) => f.folder))];
  if (folders.length > 1) {
    const names = folders.map((f) => (f ? `${f}/` : 'the top folder (charts outside environments)'));
    throw new SynthesisError(
      `kubecraft: cannot write a Helm chart (cdk8s synth --format helm): the app writes ${folders.length} output ` +
        `folders, ${names.join(', ')}, each deployed on its own, and a Helm chart is one release. ` +
        'Fix: select one environment (KUBECRAFT_ENV=<name>) in an app with no charts outside environments, or ' +
        'synthesize plain manifests with kubecraft synth (a folder per environment, for kubectl apply -k or a GitOps engine)',
    );
  }
  const prefix = folders[0] ? `${folders[0]}/` : '';
  return files.map((f) => ({
    relativePath: f.fileName.slice(prefix.length),
    content: escapeHelmTemplate(toYamlDocuments(f.objects.map((o) => o.manifest))),
  }));
}

/**
 * Escapes YAML text for use as a Helm template: helm (Go `text/template`) reads `{{` as the
 * start of an action, so each `{{` becomes the action {{`{{`}}, which renders as `{{` (a raw
 * string: the text stays valid YAML). A `}}` outside an action is plain text to Go templates and
 * needs no escape. Nothing else in the text means anything to the template engine.
 */
export function escapeHelmTemplate(text: string): string {
  return text.replace(/\{\{/g, '{{`{{`}}');
}
