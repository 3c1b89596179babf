import { DEFAULT_SCHEMA, dump, Type } from 'js-yaml';

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
 * floats some 1.1 readers accept (`.`, `+.`, `e5`, `.e5`, `1_e5`).
 */
function isAmbiguousPlainScalar(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // Fast exit: only these first characters can start a non-string plain scalar.
  //   0-9 + - . (numbers, dates, .inf/.nan)   e E (1.1 "floats" like e5)
  //   y Y n N t T f F o O (booleans) ~ (null, also "null"/"Null"/"NULL" via n N) = < (1.1 value / merge keys)
  if (!FIRST[c]) return false;
  if (KEYWORDS.has(s)) return true;
  if (c === 0x7e /* ~ */ || c === 0x3d /* = */ || c === 0x3c /* < */) return false;
  const t = s.indexOf('_') === -1 ? s : s.replace(/_/g, '');
  return NUMBER.test(t) || SEXAGESIMAL.test(s) || TIMESTAMP.test(s);
}

const FIRST: boolean[] = [];
for (const ch of '0123456789+-.eEyYnNtTfFoO~=<') FIRST[ch.charCodeAt(0)] = true;

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
 * Numbers, tested after removing every `_` (go-yaml v2 does the same before `strconv.ParseInt`
 * with base 0, so `+_1`, `1__0` and `0x_1F` are integers to kubectl): binary, octal, hexadecimal
 * with either-case prefix; decimal integers (also with leading zeros, `017`, `09`); decimal
 * floats with or without digits around the point (`1.`, `.5`, and the `.` and `+.` that the
 * `yaml` package's 1.1 schema reads as NaN); exponents, also without a mantissa (`e5`, `.e5`).
 */
const NUMBER =
  /^[-+]?(?:0[bB][01]*|0[oO][0-7]*|0[xX][0-9a-fA-F]*|[0-9]+\.?[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)$/;
/** YAML 1.1 base 60 (`1:30`, `-1:30:00.5`), as broad as js-yaml's compat check. */
const SEXAGESIMAL = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
/** YAML 1.1 timestamps, including go-yaml's one-digit month and day (`2001-1-2`, `2001-1-2 3:4:5`). */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt \t])/;

/**
 * js-yaml quotes a string when any implicit type of the schema would resolve its plain form, so a
 * type that resolves exactly the ambiguous strings makes `dump` quote them. It is never used to
 * represent a value (no `predicate`/`instanceOf`) or to load.
 */
const ambiguousString = new Type('tag:kubecraft.dev,2024:ambiguous-string', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && isAmbiguousPlainScalar(data),
  construct: (data: string) => data,
});
const SCHEMA = DEFAULT_SCHEMA.extend({ implicit: [ambiguousString] });

/**
 * Serializes manifests to a multi-document YAML stream (`---` between documents), as cdk8s
 * writes them: keys in the given order, no line folding, no anchors. Uses js-yaml, about 3×
 * faster than the `yaml` package cdk8s uses, with the same output for Kubernetes manifests.
 *
 * Every string that a YAML 1.1 reader (kubectl) or a YAML 1.2 reader could read as a number,
 * boolean, null, date or merge key is double-quoted (see {@link isAmbiguousPlainScalar}), so what
 * was validated is what is applied.
 */
export function toYamlDocuments(docs: readonly unknown[]): string {
  return docs
    .map((d) => dump(d, { schema: SCHEMA, lineWidth: -1, noRefs: true, sortKeys: false, quotingType: '"' }))
    .join('---\n');
}
