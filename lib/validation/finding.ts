import type { Relaxation } from './policy';
import type { Severity } from './rules';

export type { Severity } from './rules';

/** One problem found in a synthesized app. */
export interface Finding {
  /** The rule that found it, e.g. `values/port`. */
  readonly rule: string;
  /** `error` fails the synth; `warning` is reported only; `info` records what kubecraft did on request. */
  readonly severity: Severity;
  /** What is wrong. */
  readonly message: string;
  /** Construct path of the object (e.g. `shop/web/Resource`). */
  readonly path: string;
  /** `Kind namespace/name` of the object. */
  readonly object: string;
  /** Field path inside the object, e.g. `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** How to fix it (for an `info` finding: a note on it). */
  readonly hint: string;
  /** Set when the rule was relaxed for this object; the finding then does not fail the synth. */
  readonly relaxedBy?: Relaxation;
}

/** The outcome of validating an app. */
export interface ValidationReport {
  /** Every finding, sorted by path, field and rule. */
  readonly findings: readonly Finding[];
  /** Findings that fail the synth (errors not relaxed). */
  readonly errors: readonly Finding[];
  /** Warnings not relaxed. */
  readonly warnings: readonly Finding[];
  /** Findings covered by a relaxation, with its reason. */
  readonly relaxed: readonly Finding[];
  /** Information, never a problem: what kubecraft changed on request (e.g. `applySecureDefaults` on upstream objects). */
  readonly info: readonly Finding[];
  /**
   * The Kubernetes version the objects were validated for.
   *
   * @default - not recorded
   */
  readonly kubernetesVersion?: string;
}

/** Sorts findings by construct path, field, rule, message (a stable, readable order). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => [f.path, f.field, f.rule, f.message];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    }
    return 0;
  });
}

/** Builds a report from findings. */
export function toReport(findings: readonly Finding[], kubernetesVersion?: string): ValidationReport {
  const sorted = sortFindings(findings);
  return {
    findings: sorted,
    errors: sorted.filter((f) => f.severity === 'error' && !f.relaxedBy),
    warnings: sorted.filter((f) => f.severity === 'warning' && !f.relaxedBy),
    relaxed: sorted.filter((f) => f.relaxedBy),
    info: sorted.filter((f) => f.severity === 'info' && !f.relaxedBy),
    ...(kubernetesVersion !== undefined ? { kubernetesVersion } : {}),
  };
}

/** Formats one finding as two or three lines of text. */
export function formatFinding(f: Finding): string {
  const lines = [
    `${f.relaxedBy ? 'RELAXED' : f.severity.toUpperCase()} [${f.rule}] ${f.object} (${f.path})`,
    `  at ${f.field || '<object>'}: ${f.message}`,
  ];
  if (f.relaxedBy) lines.push(`  relaxed at ${f.relaxedBy.declaredAt || '<app>'}: ${f.relaxedBy.reason}`);
  else if (f.hint) lines.push(`  ${f.severity === 'info' ? 'note' : 'fix'}: ${f.hint}`);
  return lines.join('\n');
}

/**
 * Formats a whole report: errors, then warnings, then relaxed findings with their reasons, then
 * information (what kubecraft changed on request).
 */
export function formatReport(report: ValidationReport): string {
  const parts: string[] = [];
  const target = report.kubernetesVersion ? ` (Kubernetes ${report.kubernetesVersion})` : '';
  const info = report.info ?? []; // a report object made by hand may lack it
  const counts =
    `${count(report.warnings.length, 'warning')}, ${count(report.relaxed.length, 'relaxed finding')}` +
    (info.length > 0 ? `, ${count(info.length, 'info finding')}` : '');
  const headline =
    report.errors.length > 0
      ? `kubecraft: synthesis refused${target}: ${count(report.errors.length, 'error')}, ${counts}`
      : `kubecraft: validation passed${target}: ${counts}`;
  parts.push(headline);
  for (const f of [...report.errors, ...report.warnings]) parts.push(formatFinding(f));
  if (report.relaxed.length > 0) {
    parts.push('relaxed (each with its reason):');
    for (const f of report.relaxed) parts.push(formatFinding(f));
  }
  if (info.length > 0) {
    parts.push('changed by kubecraft on request (information):');
    for (const f of info) parts.push(formatFinding(f));
  }
  return parts.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
