// Reads typedoc's JSON output (written beside the site's Markdown API reference) for the pages
// that quote the API: a class's summary, a props interface's members with their defaults.
import * as fs from 'fs';

interface CommentPart {
  readonly kind: string;
  readonly text: string;
  readonly tag?: string;
}

interface Comment {
  readonly summary?: readonly CommentPart[];
  readonly blockTags?: readonly { readonly tag: string; readonly content: readonly CommentPart[] }[];
}

/** One reflection of typedoc's JSON model (only what the site reads). */
export interface Reflection {
  readonly id: number;
  readonly name: string;
  readonly kind: number;
  readonly flags?: { readonly isOptional?: boolean; readonly isReadonly?: boolean; readonly isPrivate?: boolean };
  readonly comment?: Comment;
  readonly children?: readonly Reflection[];
  readonly signatures?: readonly Reflection[];
  readonly getSignature?: Reflection;
  readonly inheritedFrom?: { readonly name?: string };
}

export const KIND = { class: 128, interface: 256, property: 1024, method: 2048, accessor: 262144 } as const;

/** The API reference as typedoc's JSON model. */
export class ApiModel {
  private readonly byName = new Map<string, Reflection>();

  constructor(file: string) {
    const project = JSON.parse(fs.readFileSync(file, 'utf8')) as Reflection;
    for (const child of project.children ?? []) this.byName.set(child.name, child);
  }

  /** The exported declaration named `name`, or a clear error. */
  public get(name: string): Reflection {
    const r = this.byName.get(name);
    if (!r) throw new Error(`the API reference has no export named ${name}`);
    return r;
  }

  /** Whether `name` is exported. */
  public has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The API page of an export, from the site's root, e.g. `/api/classes/WebService.md`. */
  public link(name: string): string {
    const r = this.get(name);
    const folder =
      r.kind === KIND.class ? 'classes' : r.kind === KIND.interface ? 'interfaces' : r.kind === 64 ? 'functions' : '';
    if (!folder) throw new Error(`no API page folder for ${name} (kind ${r.kind})`);
    return `/api/${folder}/${name}.md`;
  }
}

/** The comment of a reflection, or of its first signature (methods) or getter. */
export function commentOf(r: Reflection): Comment | undefined {
  return r.comment ?? r.signatures?.[0]?.comment ?? r.getSignature?.comment;
}

/** Comment parts as Markdown: prose is kept (it is Markdown), with HTML and Vue syntax escaped. */
export function partsToMarkdown(parts: readonly CommentPart[] | undefined): string {
  return (parts ?? [])
    .map((p) => {
      if (p.kind === 'code') return p.text;
      if (p.kind === 'inline-tag') return `\`${p.text}\``;
      return p.text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\{\{/g, '&#123;&#123;');
    })
    .join('')
    .trim();
}

/** The summary of a reflection's comment as Markdown ('' when undocumented). */
export function summary(r: Reflection): string {
  return partsToMarkdown(commentOf(r)?.summary);
}

/** The first paragraph of a reflection's summary, on one line. */
export function firstParagraph(r: Reflection): string {
  return summary(r)
    .split(/\n\s*\n/)[0]
    .replace(/\s*\n\s*/g, ' ');
}

/** The `@default` of a member, as Markdown for a table cell. */
export function defaultOf(r: Reflection): string {
  const tag = commentOf(r)?.blockTags?.find((t) => t.tag === '@default');
  if (!tag) return '';
  const raw = tag.content
    .map((p) => p.text)
    .join('')
    .replace(/^```\w*\n?/, '')
    .replace(/\n?```$/, '')
    .trim();
  if (raw.startsWith('- '))
    return raw
      .slice(2)
      .replace(/</g, '&lt;')
      .replace(/\s*\n\s*/g, ' ');
  return raw.includes('`') ? raw : `\`${raw.replace(/\s*\n\s*/g, ' ')}\``;
}
