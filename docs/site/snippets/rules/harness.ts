// How every rule example on the site runs (the site's build and the tests both use it): a fresh
// app with one chart, `shop`, whose namespace the app creates; the example adds its objects to
// that chart, and the app validates them as `kubecraft synth` would (the tests also synthesize
// each good example with app.synthYaml(), validated, without writing files).
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, KubernetesVersion, Policy, ValidationReport } from 'kubecraft';

/** One rule's example: objects that break the rule, and the same objects fixed. */
export interface RuleExample {
  /** Adds objects that break the rule (and nothing else) to the chart. */
  readonly bad: (chart: KubecraftChart) => void;
  /** Adds the same objects, fixed: the app validates clean. */
  readonly good: (chart: KubecraftChart) => void;
  /** The API server code, policy or behaviour the rule follows (Markdown). */
  readonly follows: string;
  /** The Kubernetes version the example targets, when the rule depends on it. */
  readonly kubernetesVersion?: KubernetesVersion;
  /** Other rules the bad example necessarily breaks too (e.g. a privileged container escalates privileges). */
  readonly alsoFinds?: readonly string[];
  /**
   * Rules kubecraft itself relaxes, with its reason, on objects of both sides (e.g. the unknown kind
   * of a CRD it does not vendor): their relaxed findings are expected.
   */
  readonly relaxedByKubecraft?: readonly string[];
}

/** The example of rule `id`: docs/site/snippets/rules/<id>.ts. */
export function ruleExample(id: string): RuleExample {
  return require(`./${id}`) as RuleExample;
}

// #region harness
/** The app and chart every example gets. */
export function exampleApp(kubernetesVersion?: KubernetesVersion): { app: KubecraftApp; chart: KubecraftChart } {
  const app = new KubecraftApp({ kubernetesVersion, printReport: false });
  const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
  new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });
  return { app, chart };
}

/** Validates one side of an example; `relax` relaxes rules for the whole chart first. */
export function validateExample(
  example: RuleExample,
  side: 'bad' | 'good',
  relax?: { rules: readonly string[]; reason: string },
): { app: KubecraftApp; report: ValidationReport } {
  const { app, chart } = exampleApp(example.kubernetesVersion);
  for (const rule of relax?.rules ?? []) Policy.relax(chart, rule, relax!.reason);
  example[side](chart);
  return { app, report: app.validate() };
}
// #endregion harness

/** The reason the relaxed runs give. */
export const RELAX_REASON = 'shown on the documentation site: the finding stays in the report, with this reason';

/**
 * What is wrong with rule `id`'s example, if anything: the bad side must give findings of that
 * rule (and of `alsoFinds`) only, the good side none at all; a relaxable rule, relaxed on the
 * chart, must turn every error of the bad side into a relaxed finding.
 */
export function ruleExampleProblems(id: string, relaxable: boolean): string[] {
  const example = ruleExample(id);
  const problems: string[] = [];
  const allowed = new Set([id, ...(example.alsoFinds ?? [])]);
  const expected = (f: { rule: string; relaxedBy?: unknown }) =>
    f.relaxedBy !== undefined && (example.relaxedByKubecraft ?? []).includes(f.rule);
  const bad = validateExample(example, 'bad').report;
  if (!bad.findings.some((f) => f.rule === id)) problems.push(`the bad example gives no ${id} finding`);
  for (const f of bad.findings.filter((x) => !allowed.has(x.rule) && !expected(x)))
    problems.push(`the bad example also gives ${f.rule} at ${f.path} ${f.field}: ${f.message}`);
  const good = validateExample(example, 'good').report;
  for (const f of good.findings.filter((x) => !expected(x)))
    problems.push(`the good example gives ${f.rule} at ${f.path} ${f.field}: ${f.message}`);
  if (relaxable) {
    const relaxed = validateExample(example, 'bad', { rules: [...allowed], reason: RELAX_REASON }).report;
    for (const f of [...relaxed.errors, ...relaxed.warnings])
      problems.push(`relaxed on the chart, the bad example still gives ${f.rule}: ${f.message}`);
    if (relaxed.relaxed.length === 0) problems.push('relaxed on the chart, the bad example lists no relaxed finding');
  }
  return problems;
}
