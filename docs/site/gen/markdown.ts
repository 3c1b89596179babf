// Small helpers for the pages generated from code. VitePress compiles Markdown to Vue templates,
// so text taken from code is escaped: `<`, `>` and `{{` would otherwise be read as HTML or Vue.
import * as fs from 'fs';
import * as path from 'path';

/** Escapes text for a Markdown paragraph or table cell (no Markdown, HTML or Vue syntax survives). */
export function text(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{\{/g, '&#123;&#123;')
    .replace(/([\\`*_[\]|])/g, '\\$1')
    .replace(/\n/g, ' ');
}

/** Inline code: backticks that survive any content. */
export function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/** A fenced code block (VitePress renders fences with v-pre, so their content is safe). */
export function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${body.replace(/\n+$/, '')}\n${ticks}`;
}

/**
 * A Markdown table; cells are escaped Markdown. A `|` left in a cell (in inline code, say) would
 * end the cell: it is escaped here, which markdown-it reads as a `|`, in code spans too.
 */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => c.replace(/\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Front matter and page body. */
export function page(frontmatter: Record<string, string>, body: string): string {
  const fm = Object.entries(frontmatter).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${fm.join('\n')}\n---\n\n${body.trim()}\n`;
}

/** Writes `content` to `dir/relativePath`, creating folders. */
export function writeFile(dir: string, relativePath: string, content: string): void {
  const file = path.join(dir, relativePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** `WebService` → `web-service`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The first sentence of a text (up to the first '. ' or the end). */
export function firstSentence(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
}
