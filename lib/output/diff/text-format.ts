import { FieldChange, hasChanges, ManifestDiff, ResourceChange } from './model';
import { REDACTED } from './secret-redaction';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * One line fit for a pull-request comment:
 * `3 changed, 1 added, 0 removed; 2 workloads roll pods (web: image; api: config hash)`,
 * or `no changes`. Workloads are named by name, or by key where names repeat.
 */
export function summarizeDiff(d: ManifestDiff): string {
  if (!hasChanges(d)) return 'no changes';
  const counts = `${d.changed.length} changed, ${d.added.length} added, ${d.removed.length} removed`;
  const rolling = d.changed.filter((c) => c.rollout?.rollsPods);
  if (rolling.length === 0) return `${counts}; no workload rolls pods`;
  const names = rolling.map((c) => c.name);
  const label = (c: ResourceChange) => (names.filter((n) => n === c.name).length > 1 ? c.key : c.name);
  const why = rolling.map((c) => `${label(c)}: ${c.rollout!.reasons.join(', ')}`).join('; ');
  return `${counts}; ${rolling.length} ${plural(rolling.length, 'workload rolls', 'workloads roll')} pods (${why})`;
}

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function fieldLine(f: FieldChange): string {
  if (f.redacted) {
    const what = f.before !== undefined && f.after !== undefined ? `<redacted, ${f.type}>` : REDACTED;
    const keysOf = (v: unknown) => (typeof v === 'object' && v !== null ? ` keys ${show(Object.keys(v))}` : '');
    const sign = f.type === 'added' ? '+' : f.type === 'removed' ? '-' : '~';
    return `    ${sign} ${f.path}: ${what}${keysOf(f.after ?? f.before)}`;
  }
  switch (f.type) {
    case 'added':
      return `    + ${f.path}: ${show(f.after)}`;
    case 'removed':
      return `    - ${f.path}: ${show(f.before)}`;
    case 'reordered':
      return `    ~ ${f.path} (order): ${show(f.before)} -> ${show(f.after)}`;
    default:
      return `    ~ ${f.path}: ${show(f.before)} -> ${show(f.after)}`;
  }
}

/**
 * A readable report: the {@link summarizeDiff} line, one line per added (`+`) and removed (`-`)
 * resource, and per changed resource (`~`) whether it rolls pods, then one line per field.
 * Secret values are never shown.
 */
export function formatDiff(d: ManifestDiff): string {
  if (!hasChanges(d)) return 'no changes';
  const lines = [summarizeDiff(d)];
  for (const r of d.added) lines.push(`+ ${r.key}`);
  for (const r of d.removed) lines.push(`- ${r.key}`);
  for (const c of d.changed) {
    const rollout = c.rollout
      ? c.rollout.rollsPods
        ? `: rolls pods (${c.rollout.reasons.join(', ')})`
        : ': no rollout'
      : '';
    lines.push(`~ ${c.key}${rollout}`);
    if (c.rollout?.note) lines.push(`    note: ${c.rollout.note}`);
    for (const f of c.fields) lines.push(fieldLine(f));
  }
  return lines.join('\n');
}
