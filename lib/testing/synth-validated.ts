import { App, Chart } from 'cdk8s';
import { validateRenderedApp } from '../app/kubecraft-app';
import { chartsOf, renderApp, SynthesizedFile } from '../app/synthesis';
import { Manifest, SynthesisError } from '../core';
import { formatReport, ValidationReport } from '../validation/finding';

/**
 * Validates the whole app a chart belongs to (schema, values, references, policy), exactly as
 * `KubecraftApp.synth()` does (each output folder on its own), and returns the report.
 * For tests: `expect(validateChart(chart).errors).toEqual([])`.
 */
export function validateChart(chart: Chart): ValidationReport {
  const app = App.of(chart) as App;
  return validateRenderedApp(app, renderApp(app));
}

/**
 * Like cdk8s `Testing.synth(chart)`, but refuses invalid apps: validates the whole app the
 * chart belongs to, as `KubecraftApp.synth()` does, and throws a `SynthesisError` with the full
 * report on any error, so a snapshot test also proves the manifests valid. The app is rendered
 * once.
 *
 * ```ts
 * expect(synthValidated(chart)).toMatchSnapshot();
 * ```
 */
export function synthValidated(chart: Chart): Manifest[] {
  const app = App.of(chart) as App;
  const files = renderApp(app);
  const report = validateRenderedApp(app, files);
  if (report.errors.length > 0) throw new SynthesisError(formatReport(report));
  return objectsOf(chart, files);
}

function objectsOf(chart: Chart, files: readonly SynthesizedFile[]): Manifest[] {
  const index = chartsOf(App.of(chart) as App).indexOf(chart);
  return files[index].objects.map((o) => o.manifest);
}
