import * as fs from 'fs';
import * as path from 'path';
import diff from 'microdiff';
import { parseAllDocuments } from 'yaml';
import { Manifest } from '../core';

/** One resource's identity in an output directory: `<folder>/<Kind>/<namespace>/<name>`. */
export type ResourceKey = string;

/** A field that differs between two versions of a resource. */
export interface FieldChange {
  /** Field path, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** `added`, `removed` or `changed`. */
  readonly type: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** The difference between two synthesized outputs, per resource. */
export interface ManifestDiff {
  readonly added: readonly ResourceKey[];
  readonly removed: readonly ResourceKey[];
  readonly changed: readonly { readonly key: ResourceKey; readonly fields: readonly FieldChange[] }[];
}

/** Reads every manifest under `dir` (recursively, `*.yaml` except kustomization.yaml), keyed by folder and identity. */
export function readManifests(dir: string): Map<ResourceKey, Manifest> {
  const result = new Map<ResourceKey, Manifest>();
  if (!fs.existsSync(dir)) return result;
  const walk = (rel: string) => {
    for (const entry of fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relPath);
      else if (/\.ya?ml$/.test(entry.name) && entry.name !== 'kustomization.yaml') {
        for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, relPath), 'utf8'))) {
          const m = doc.toJS() as Manifest | null;
          if (!m || typeof m !== 'object' || !m.kind) continue;
          result.set(`${rel ? `${rel}/` : ''}${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`, m);
        }
      }
    }
  };
  walk('');
  return result;
}

/** Compares two sets of manifests resource by resource, field by field. */
export function diffManifests(
  before: ReadonlyMap<ResourceKey, Manifest>,
  after: ReadonlyMap<ResourceKey, Manifest>,
): ManifestDiff {
  const added = [...after.keys()].filter((k) => !before.has(k)).sort();
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
  const changed: { key: ResourceKey; fields: FieldChange[] }[] = [];
  for (const key of [...after.keys()].filter((k) => before.has(k)).sort()) {
    const fields = diff(before.get(key) as Record<string, unknown>, after.get(key) as Record<string, unknown>).map(
      (d): FieldChange => ({
        path: d.path.reduce<string>(
          (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : String(seg)),
          '',
        ),
        type: d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed',
        before: 'oldValue' in d ? d.oldValue : undefined,
        after: 'value' in d ? d.value : undefined,
      }),
    );
    if (fields.length > 0) changed.push({ key, fields });
  }
  return { added, removed, changed };
}

/** Whether anything differs. */
export function hasChanges(d: ManifestDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length > 0;
}

/** A readable report: one line per added / removed resource, and field-level changes. */
export function formatDiff(d: ManifestDiff): string {
  if (!hasChanges(d)) return 'no changes';
  const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
  const lines: string[] = [`${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`];
  for (const k of d.added) lines.push(`+ ${describeKey(k)}`);
  for (const k of d.removed) lines.push(`- ${describeKey(k)}`);
  for (const c of d.changed) {
    lines.push(`~ ${describeKey(c.key)}`);
    for (const f of c.fields) {
      if (f.type === 'added') lines.push(`    + ${f.path}: ${show(f.after)}`);
      else if (f.type === 'removed') lines.push(`    - ${f.path}: ${show(f.before)}`);
      else lines.push(`    ~ ${f.path}: ${show(f.before)} -> ${show(f.after)}`);
    }
  }
  return lines.join('\n');
}

/** `prod/Deployment/shop/web` → `[prod] Deployment shop/web`. */
function describeKey(key: ResourceKey): string {
  const parts = key.split('/');
  const name = parts.pop();
  const ns = parts.pop();
  const kind = parts.pop();
  const folder = parts.join('/');
  return `${folder ? `[${folder}] ` : ''}${kind} ${ns ? `${ns}/` : ''}${name}`;
}
