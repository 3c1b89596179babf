import { App, Chart } from 'cdk8s';
import { SynthesisError, synthesizeChart } from '../app/kubecraft-app';
import { formatReport, ValidationReport } from '../validation/finding';
import { validateObjects } from '../validation/validate';
import { Manifest } from '../workloads/pod-spec-locator';

/**
 * Validates the whole app a chart belongs to (schema, values, references, policy) and
 * returns the report. For tests: `expect(validateChart(chart).errors).toEqual([])`.
 */
export function validateChart(chart: Chart): ValidationReport {
  const app = App.of(chart) as App;
  return validateObjects(
    app.charts.flatMap((c) => synthesizeChart(c)),
    { root: app },
  );
}

/**
 * Like cdk8s `Testing.synth(chart)`, but refuses invalid apps: validates the whole app the
 * chart belongs to and throws a `SynthesisError` with the full report on any error, so a
 * snapshot test also proves the manifests valid.
 *
 * ```ts
 * expect(synthValidated(chart)).toMatchSnapshot();
 * ```
 */
export function synthValidated(chart: Chart): Manifest[] {
  const report = validateChart(chart);
  if (report.errors.length > 0) throw new SynthesisError(formatReport(report));
  return synthesizeChart(chart).map((o) => o.manifest);
}
