/**
 * Whether a plain (unquoted) scalar with this text could be read as something other than a string
 * by a YAML 1.1 or YAML 1.2 reader: kubectl's go-yaml v2 (via sigs.k8s.io/yaml), go-yaml v3,
 * PyYAML, the `yaml` package in either version, js-yaml. Deliberately a superset of what each of
 * them resolves; the cost of a false positive is a pair of quotes around an odd-looking string.
 *
 * js-yaml's own default schema and compat mode already catch the YAML 1.2 core types, YAML 1.1
 * booleans (`yes`, `on`, `y`, ...) and sexagesimal numbers (`1:30`); this adds what they miss:
 * YAML 1.1 digit separators (`1_000`, `0b1_0`, `685_230.15`), Go's `strconv` prefixes in either
 * case (`0X1F`, `0O17`, `0B101`), dates with one-digit month or day (`2001-1-2`), and the odd
 * floats some 1.1 readers accept (`.`, `+.`, `e5`, `.e5`, `1_e5`); and `...` or `... x`, which at
 * the start of a line (a top-level key or scalar) ends the document.
 */
function isAmbiguousPlainScalar(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // Fast exit: only these first characters can start a non-string plain scalar.
  //   0-9 + - . _ (numbers, dates, .inf/.nan, base 60)   e E (1.1 "floats" like e5)
  //   y Y n N t T f F o O (booleans) ~ (null, also "null"/"Null"/"NULL" via n N) = < (1.1 value / merge keys)
  if (!FIRST[c]) return false;
  if (KEYWORDS.has(s)) return true;
  if (c === 0x7e /* ~ */ || c === 0x3d /* = */ || c === 0x3c /* < */) return false;
  if (c === 0x2e /* . */ && s.startsWith('...') && (s.length === 3 || s.charCodeAt(3) === 0x20)) return true; // document end marker at column 0
  if (c === 0x5f /* _ */) return SEXAGESIMAL.test(s); // js-yaml's compat check quotes `_:0`; no reader takes `_1` for a number
  const t = s.indexOf('_') === -1 ? s : s.replace(/_/g, '');
  return DECIMAL.test(t) || PREFIXED.test(s) || SEXAGESIMAL.test(s) || TIMESTAMP.test(s);
}

const FIRST: boolean[] = [];
for (const ch of '0123456789+-._eEyYnNtTfFoO~=<') FIRST[ch.charCodeAt(0)] = true;

const KEYWORDS = new Set([
  // YAML 1.1 booleans (1.2 core keeps only the true/false forms)
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO'],
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF'],
  // null
  ...['~', 'null', 'Null', 'NULL'],
  // YAML 1.1 value key (PyYAML resolves it to tag:yaml.org,2002:value) and merge key
  ...['=', '<<'],
  // infinities and not-a-number, with or without sign
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'],
  ...['.nan', '.NaN', '.NAN', '+.nan', '+.NaN', '+.NAN', '-.nan', '-.NaN', '-.NAN'],
]);

/**
 * Binary, octal and hexadecimal integers with either-case prefix (go-yaml v2 parses plain scalars
 * with `strconv.ParseInt(s, 0, 64)`, which takes `0X1F`, `0O17`, `0B101`), `_` anywhere after
 * the prefix (also `0x_`, which the `yaml` package's 1.1 schema reads as NaN).
 */
const PREFIXED = /^[-+]?0(?:[bB][01_]+|[oO][0-7_]+|[xX][0-9a-fA-F_]+)$/;
/**
 * Decimal numbers, tested after removing every `_` (go-yaml v2 does the same before parsing, so
 * `+_1`, `1__0` and `1e1_0` are numbers to kubectl): integers, also with leading zeros (`017`,
 * `09`); floats with or without digits around the point (`1.`, `.5`, and the `.` and `+.` that
 * the `yaml` package's 1.1 schema reads as NaN); exponents, also without a mantissa (`e5`, `.e5`).
 */
const DECIMAL = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)$/;
/** YAML 1.1 base 60 (`1:30`, `-1:30:00.5`), as broad as js-yaml's compat check. */
const SEXAGESIMAL = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
/**
 * YAML 1.1 timestamps, also with go-yaml's one-digit month, day, hour, minute and second
 * (`2001-1-2`, `2001-1-2 3:4:5`) and any time zone form of the 1.1 spec, go-yaml or the `yaml` package.
 */
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;

/**
 * For the js-yaml fallback (values that are not plain JSON): js-yaml quotes a string when any
 * implicit type of the schema would resolve its plain form, so a type that resolves exactly the
 * ambiguous strings makes `dump` quote them. It is never used to represent a value (no
 * `predicate`/`instanceOf`) or to load. js-yaml is loaded only when a document needs it.
 */
let fallbackSchema: import('js-yaml').Schema | undefined;
function jsYamlDump(doc: unknown): string {
  const jsYaml = require('js-yaml') as typeof import('js-yaml');
  fallbackSchema ??= jsYaml.DEFAULT_SCHEMA.extend({
    implicit: [
      new jsYaml.Type('tag:kubecraft.dev,2024:ambiguous-string', {
        kind: 'scalar',
        resolve: (data: unknown) => typeof data === 'string' && isAmbiguousPlainScalar(data),
        construct: (data: string) => data,
      }),
    ],
  });
  return jsYaml.dump(doc, { schema: fallbackSchema, lineWidth: -1, noRefs: true, sortKeys: false, quotingType: '"' });
}

/**
 * Serializes manifests to a multi-document YAML stream (`---` between documents), as cdk8s
 * writes them: keys in the given order, no line folding, no anchors, multi-line strings as
 * literal blocks (`|`).
 *
 * Every string that a YAML 1.1 reader (kubectl) or a YAML 1.2 reader could read as a number,
 * boolean, null, date or merge key is double-quoted (see {@link isAmbiguousPlainScalar}), so what
 * was validated is what is applied. Multi-line strings that some readers would misread as a
 * literal block (see {@link literalBlockIsUnsafe}) are double-quoted too.
 *
 * Manifests are JSON (strings, numbers, booleans, null, arrays, plain objects), and for those this
 * is a specialized writer that produces, byte for byte, what js-yaml's `dump` produced before
 * (`lineWidth: -1, noRefs: true, quotingType: '"'`) except for the quoting above, 2–3× faster. A
 * document holding anything else (a `Date`, a class instance, a function) goes through js-yaml.
 */
export function toYamlDocuments(docs: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) out += '---\n';
    out += toYamlDocument(docs[i]);
  }
  return out;
}

function toYamlDocument(doc: unknown): string {
  try {
    const text = writeNode(doc, 0, true, false);
    return text === undefined ? '' : text + '\n';
  } catch (e) {
    if (e !== NOT_JSON) throw e;
    return jsYamlDump(doc);
  }
}

const NOT_JSON = new Error('not a JSON value');

/**
 * The text of one node at `level` (js-yaml's `writeNode` for block context), or undefined for
 * `undefined` (skipped in mappings, null in sequences). `compact`: the first entry of a block
 * collection continues the current line (sequence items, top level).
 */
function writeNode(value: unknown, level: number, compact: boolean, iskey: boolean): string | undefined {
  switch (typeof value) {
    case 'string':
      return writeScalar(value, level, iskey);
    case 'number':
      return writeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return value.length === 0 ? '[]' : writeBlockSequence(value, level, compact);
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw NOT_JSON;
      return writeBlockMapping(value as Record<string, unknown>, level, compact);
    }
    default:
      throw NOT_JSON;
  }
}

function writeNumber(n: number): string {
  if (n % 1 === 0 && !Object.is(n, -0)) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  const res = String(n);
  // YAML needs a dot in scientific notation: 5e-100 is written 5.e-100
  return /^[-+]?[0-9]+e/.test(res) ? res.replace('e', '.e') : res;
}

function writeBlockMapping(object: Record<string, unknown>, level: number, compact: boolean): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return '{}';
  const newline = '\n' + indentOf(level);
  let result = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = object[key];
    let pair = !compact || result !== '' ? newline : '';
    const k = writeScalar(key, level + 1, true);
    const explicit = k.length > 1024;
    pair += explicit ? '? ' + k + newline : k;
    const v = writeNode(value, level + 1, explicit, false);
    if (v === undefined) continue;
    result += pair + (v.charCodeAt(0) === 0x0a ? ':' : ': ') + v;
  }
  return result === '' ? '{}' : result;
}

function writeBlockSequence(array: readonly unknown[], level: number, compact: boolean): string {
  const newline = '\n' + indentOf(level);
  let result = '';
  for (let i = 0; i < array.length; i++) {
    const v = writeNode(array[i], level + 1, true, false) ?? 'null';
    if (!compact || result !== '') result += newline;
    result += (v.charCodeAt(0) === 0x0a ? '-' : '- ') + v;
  }
  return result;
}

const INDENTS: string[] = [];
function indentOf(level: number): string {
  return (INDENTS[level] ??= ' '.repeat(2 * level));
}

const STYLE_PLAIN = 0;
const STYLE_DOUBLE = 1;
const STYLE_LITERAL = 2;

/**
 * Written one-line strings, by content: keys, label values and the like repeat in every object,
 * and without a line break the text depends on the string only (not on its level or keyness).
 */
const ONE_LINE = new Map<string, string>();
const ONE_LINE_MAX_ENTRIES = 100_000;

function writeScalar(s: string, level: number, iskey: boolean): string {
  if (s.length === 0) return '""';
  if (s.length <= 256 && s.indexOf('\n') === -1) {
    let text = ONE_LINE.get(s);
    if (text === undefined) {
      text = writeStyled(s, level, iskey);
      if (ONE_LINE.size >= ONE_LINE_MAX_ENTRIES) ONE_LINE.clear();
      ONE_LINE.set(s, text);
    }
    return text;
  }
  return writeStyled(s, level, iskey);
}

function writeStyled(s: string, level: number, iskey: boolean): string {
  switch (scalarStyle(s, level, iskey)) {
    case STYLE_PLAIN:
      return s;
    case STYLE_LITERAL:
      return '|' + blockHeader(s) + indentLines(s, indentOf(Math.max(1, level)));
    default:
      return '"' + escapeString(s) + '"';
  }
}

/** js-yaml's `chooseScalarStyle` for block context, double quotes, no line width, plus kubecraft's quoting rules. */
function scalarStyle(s: string, level: number, iskey: boolean): number {
  const n = s.length;
  let plain = isPlainSafeFirst(codePointAt(s, 0)) && isPlainSafeLast(codePointAt(s, n - 1));
  let hasLineBreak = false;
  let prev = -1;
  for (let i = 0; i < n;) {
    const c = codePointAt(s, i);
    i += c >= 0x10000 ? 2 : 1;
    if (c === 0x0a && !iskey) hasLineBreak = true;
    else if (!isPrintable(c)) return STYLE_DOUBLE;
    if (plain) plain = isPlainSafe(c, prev);
    prev = c;
  }
  if (!hasLineBreak) return plain && !isAmbiguousPlainScalar(s) ? STYLE_PLAIN : STYLE_DOUBLE;
  return literalBlockIsUnsafe(s, level) ? STYLE_DOUBLE : STYLE_LITERAL;
}

/**
 * Literal blocks that some reader would misread; such strings are written double-quoted instead.
 * Both need an indentation indicator (the text starts with a space, after any empty lines):
 * - ending in lines of spaces only: the `yaml` package (either version) drops those lines, and the
 *   whole text if it is all spaces and line breaks (`" \n"` is read as `""`);
 * - a whole document (level 0): js-yaml indents the text by 2 under `|2`, but a top-level block's
 *   parent indentation is -1 in the spec, so js-yaml reads one more space than was written; and
 *   js-yaml cannot read back a top-level block of line breaks only (`"\n\n"`).
 */
function literalBlockIsUnsafe(s: string, level: number): boolean {
  if (level === 0) return /^\n*(?: |$)/.test(s);
  return /^\n* /.test(s) && /(?:^|\n) +\n*$/.test(s);
}

function codePointAt(s: string, i: number): number {
  const first = s.charCodeAt(i);
  if (first >= 0xd800 && first <= 0xdbff && i + 1 < s.length) {
    const second = s.charCodeAt(i + 1);
    if (second >= 0xdc00 && second <= 0xdfff) return (first - 0xd800) * 0x400 + second - 0xdc00 + 0x10000;
  }
  return first;
}

// The character classes below are js-yaml's (lib/dumper.js), so that output stays byte-identical.

function isPrintable(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa1 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** ns-char or white space: printable, not a BOM, not a line break. */
function isNsCharOrWhitespace(c: number): boolean {
  return isPrintable(c) && c !== 0xfeff && c !== 0x0d && c !== 0x0a;
}

/** In block context: ns-plain-safe minus `#` after white space and `:` before white space. */
function isPlainSafe(c: number, prev: number): boolean {
  const cIsNsCharOrWhitespace = isNsCharOrWhitespace(c);
  const cIsNsChar = cIsNsCharOrWhitespace && c !== 0x20 && c !== 0x09;
  return (
    (cIsNsCharOrWhitespace && c !== 0x23 /* # */ && !(prev === 0x3a /* : */ && !cIsNsChar)) ||
    (isNsCharOrWhitespace(prev) && prev !== 0x20 && prev !== 0x09 && c === 0x23) ||
    (prev === 0x3a && cIsNsChar)
  );
}

/** Not white space, not an indicator: - ? : , [ ] { } # & * ! | = > ' " % @ ` */
const NOT_PLAIN_FIRST = new Set([...'-?:,[]{}#&*!|=>\'"%@`'].map((ch) => ch.charCodeAt(0)));
function isPlainSafeFirst(c: number): boolean {
  return isPrintable(c) && c !== 0xfeff && c !== 0x20 && c !== 0x09 && !NOT_PLAIN_FIRST.has(c);
}

function isPlainSafeLast(c: number): boolean {
  return c !== 0x20 && c !== 0x09 && c !== 0x3a;
}

function blockHeader(s: string): string {
  const indicator = /^\n* /.test(s) ? '2' : '';
  const clip = s[s.length - 1] === '\n';
  const keep = clip && (s[s.length - 2] === '\n' || s === '\n');
  return indicator + (keep ? '+' : clip ? '' : '-') + '\n';
}

/** Indents every non-empty line; drops the last line break (the writer adds its own). */
function indentLines(s: string, indent: string): string {
  let result = '';
  let pos = 0;
  const n = s.length;
  while (pos < n) {
    const next = s.indexOf('\n', pos);
    const end = next === -1 ? n : next + 1;
    if (end - pos > 1 || next === -1) result += indent;
    result += s.slice(pos, end);
    pos = end;
  }
  return result.charCodeAt(result.length - 1) === 0x0a ? result.slice(0, -1) : result;
}

const ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0xa0: '\\_',
  0x2028: '\\L',
  0x2029: '\\P',
};

function escapeString(s: string): string {
  let result = '';
  for (let i = 0; i < s.length;) {
    const c = codePointAt(s, i);
    const escape = ESCAPES[c];
    if (escape === undefined && isPrintable(c)) {
      result += c >= 0x10000 ? s[i] + s[i + 1] : s[i];
    } else {
      result += escape ?? encodeHex(c);
    }
    i += c >= 0x10000 ? 2 : 1;
  }
  return result;
}

function encodeHex(c: number): string {
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (c <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}
