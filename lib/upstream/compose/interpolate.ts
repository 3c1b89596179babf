/**
 * Compose's variable interpolation and its `.env` / `env_file` format, as the compose
 * specification describes them (interpolation.md, and "env_file format" in services.md):
 *
 * - `$VAR` and `${VAR}`; `${VAR:-default}` (unset or empty), `${VAR-default}` (unset);
 *   `${VAR:?err}` / `${VAR?err}` (an error when unset or empty / unset); `${VAR:+alt}` /
 *   `${VAR+alt}` (`alt` when set and non-empty / set, else empty); defaults, alternatives and
 *   messages are interpolated in turn (`${A:-${B:-x}}`);
 * - `$$` is a literal `$`; any other `$` not starting a variable is an error, as in compose;
 * - a variable that is unset and has no default becomes the empty string, with a warning.
 */

/** The value of a variable, or undefined when it is unset. */
export type VariableLookup = (name: string) => string | undefined;

/** An interpolation that compose refuses: a malformed `$`, or a required variable without a value. */
export class InterpolationError extends Error {
  public override readonly name = 'InterpolationError';
}

/** What `interpolate` reads variables from, and whom it tells about them. */
export interface InterpolationContext {
  /** The variables: the environment of `kubecraft convert` over the `.env` file. */
  readonly lookup: VariableLookup;
  /** Called for each variable read, with whether it was set. */
  readonly onRead?: (name: string, set: boolean) => void;
  /** Called when an unset variable without a default becomes the empty string. */
  readonly onUnset?: (name: string) => void;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** Interpolates `text` as compose does; throws an `InterpolationError` where compose would. */
export function interpolate(text: string, ctx: InterpolationContext): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw invalid(text, 'an unclosed ${');
      out += braced(text.slice(i + 2, end), text, ctx);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined)
        throw invalid(text, next === undefined ? 'a $ at the end' : `'$${next}', which starts no variable`);
      out += read(name, ctx) ?? unset(name, ctx);
      i += 1 + name.length;
    }
  }
  return out;
}

/** The index of the `}` closing a `${` whose body starts at `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The value of `${body}`. */
function braced(body: string, text: string, ctx: InterpolationContext): string {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) throw invalid(text, `'\${${body}}', which names no variable`);
  const rest = body.slice(name.length);
  if (rest === '') return read(name, ctx) ?? unset(name, ctx);
  const op = /^(:-|:\?|:\+|-|\?|\+)/.exec(rest)?.[0];
  if (op === undefined) throw invalid(text, `'\${${body}}': '${rest[0]}' after ${name} is no operator`);
  const arg = (): string => interpolate(rest.slice(op.length), ctx);
  const value = read(name, ctx);
  const nonEmpty = value !== undefined && value !== '';
  switch (op) {
    case ':-':
      return nonEmpty ? value : arg();
    case '-':
      return value ?? arg();
    case ':+':
      return nonEmpty ? arg() : '';
    case '+':
      return value !== undefined ? arg() : '';
    default: {
      // ':?' and '?'
      if (op === ':?' ? nonEmpty : value !== undefined) return value!;
      const message = arg();
      throw new InterpolationError(
        `required variable ${name} is missing a value${message ? `: ${message}` : ''} (${op === ':?' ? 'unset or empty' : 'unset'}, in '${text}')`,
      );
    }
  }
}

function read(name: string, ctx: InterpolationContext): string | undefined {
  const value = ctx.lookup(name);
  ctx.onRead?.(name, value !== undefined);
  return value;
}

function unset(name: string, ctx: InterpolationContext): string {
  ctx.onUnset?.(name);
  return '';
}

function invalid(text: string, what: string): InterpolationError {
  return new InterpolationError(
    `invalid interpolation in '${text}': ${what} (write $$ for a literal $, as compose requires)`,
  );
}

/** One variable of an env file: its value, or undefined when the line names it without `=`. */
export interface EnvFileEntry {
  readonly name: string;
  readonly value?: string;
}

/** Options for `parseEnvFile`. */
export interface EnvFileOptions {
  /**
   * `raw`: values are taken as written (no quotes, comments or interpolation), compose's
   * `format: raw`.
   */
  readonly raw?: boolean;
  /** Variables for interpolation, after those defined earlier in the file. */
  readonly context?: InterpolationContext;
  /** The file's name, for errors. */
  readonly file?: string;
}

/**
 * Parses an env file (`.env`, `env_file`) by compose's rules: `VAR=VAL` lines, `#` comments and
 * blank lines ignored, an optional `export `, single-quoted values literal, double-quoted values
 * with `\n \r \t \\ \"` escapes, inline ` # comments` after unquoted values; unquoted and
 * double-quoted values interpolated (variables defined earlier in the file first). A line with
 * a name and no `=` is returned without a value.
 */
export function parseEnvFile(text: string, options: EnvFileOptions = {}): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const own = new Map<string, string>();
  const ctx: InterpolationContext = {
    lookup: (n) => own.get(n) ?? options.context?.lookup(n),
    onRead: (n, set) => {
      if (!own.has(n)) options.context?.onRead?.(n, set);
    },
    onUnset: options.context?.onUnset,
  };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const where = (i: number): string => `${options.file ?? 'env file'}:${i + 1}`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*(=?)(.*)$/.exec(line);
    if (m === null) throw new Error(`${where(i)}: not a VAR=VALUE line: '${line}'`);
    const [, name, eq, after] = m;
    if (eq === '') {
      if (after.trim() !== '' && !after.trim().startsWith('#'))
        throw new Error(`${where(i)}: not a VAR=VALUE line: '${line}'`);
      entries.push({ name });
      continue;
    }
    let value: string;
    if (options.raw) value = after;
    else {
      const rest = after.replace(/^\s+/, '');
      const quote = rest[0];
      if (quote === "'" || quote === '"') {
        let body = rest.slice(1);
        let close = closingQuote(body, quote);
        while (close < 0 && i + 1 < lines.length) {
          body += `\n${lines[++i]}`;
          close = closingQuote(body, quote);
        }
        if (close < 0) throw new Error(`${where(i)}: ${name}: the ${quote} quote is not closed`);
        const inside = body.slice(0, close);
        value = quote === "'" ? inside.replace(/\\'/g, "'") : interpolate(unescapeDouble(inside), ctx);
      } else {
        const comment = rest.search(/\s#/);
        value = interpolate((comment >= 0 ? rest.slice(0, comment) : rest).trimEnd(), ctx);
      }
    }
    own.set(name, value);
    entries.push({ name, value });
  }
  return entries;
}

function closingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(s: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$$' };
  return s.replace(/\\(.)/g, (all, c: string) => escapes[c] ?? all);
}
