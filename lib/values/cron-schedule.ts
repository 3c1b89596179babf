/**
 * CronJob schedules as the API server checks them.
 *
 * `validateScheduleFormat` (kubernetes/kubernetes pkg/apis/batch/validation/validation.go)
 * refuses a schedule that robfig/cron v3 (v3.0.1, vendored by Kubernetes) `ParseStandard`
 * cannot parse, and, on create (every Kubernetes version kubecraft targets, 1.27 and later),
 * any schedule that contains `TZ`, in favour of `.spec.timeZone`. This module reproduces
 * `ParseStandard` (parser.go: `Parser.Parse`, `normalizeFields`, `getField`, `getRange`,
 * `parseIntOrName`, `mustParseInt`, `parseDescriptor`; the bounds and names of spec.go) and
 * the Go functions it relies on (`strings.Fields`, `strconv.Atoi`, `time.ParseDuration`), with
 * their error messages, so a schedule is refused here exactly when the server refuses it.
 *
 * What the server accepts:
 * - five fields separated by (Unicode) white space: minute 0-59, hour 0-23, day of month 1-31,
 *   month 1-12 or jan-dec, day of week 0-6 or sun-sat (names in any case). Each field is a
 *   comma-separated list (empty items are skipped) of `*`, `?`, `N`, `N-M`, each optionally
 *   with a step `/S` (`N/S` means `N-max/S`);
 * - a descriptor: `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
 *   `@hourly`, or `@every <Go duration>` (`@every 1h30m`; one space; durations under a second
 *   run every second).
 *
 * And what it refuses that other cron dialects accept: a seconds or year field, `L`, `W`,
 * `#`, `H`, 7 for Sunday, a leading or trailing space around a descriptor, `TZ=`/`CRON_TZ=`.
 */

/** The message `validateScheduleFormat` gives for a schedule that contains `TZ`. */
export const CRON_TZ_MESSAGE = 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';

/**
 * Problems the API server reports for a CronJob `schedule` (empty when it accepts it): the
 * error of robfig/cron v3 `ParseStandard` (the field named for a field error), and the refusal
 * of `TZ` in the schedule. An empty schedule is "Required".
 */
export function cronScheduleProblems(schedule: string): string[] {
  if (schedule.length === 0) return ['must not be empty (Required value)'];
  const problems: string[] = [];
  const parseError = parseStandard(schedule);
  if (parseError !== undefined) problems.push(parseError);
  // validateScheduleFormat: strings.Contains(schedule, "TZ"), refused on create since 1.27
  if (schedule.includes('TZ')) problems.push(CRON_TZ_MESSAGE);
  return problems;
}

interface Bounds {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

/** spec.go: the bounds (and names) of the five fields of a standard spec, in order. */
const FIELDS: readonly Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  {
    field: 'month',
    min: 1,
    max: 12,
    names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
  },
  { field: 'day-of-week', min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

/** Go's `unicode.IsSpace` (what `strings.Fields` and `strings.TrimSpace` split and trim on). */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_FIELDS = new RegExp(`[^${GO_SPACE}]+`, 'g');
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** robfig/cron v3 `ParseStandard`: undefined when it parses, else its error message. */
function parseStandard(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    // without a space, robfig slices spec[eq+1:-1] and panics: the TZ refusal is what the user sees
    if (i < 0) return undefined;
    const location = spec.slice(spec.indexOf('=') + 1, i);
    const locationError = loadLocationError(location);
    if (locationError !== undefined) return `provided bad location ${location}: ${locationError}`;
    spec = spec.slice(i).replace(GO_TRIM, '');
  }
  if (spec.startsWith('@')) return parseDescriptor(spec);
  const fields = spec.match(GO_FIELDS) ?? [];
  if (fields.length !== FIELDS.length)
    return `expected exactly ${FIELDS.length} fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < FIELDS.length; i++) {
    const error = fieldError(fields[i], FIELDS[i]);
    if (error !== undefined) return `${error} (${FIELDS[i].field} field)`;
  }
  return undefined;
}

/**
 * Go's `time.LoadLocation`, approximately: "" and "UTC" and "Local" load; other names are looked
 * up in the runtime's time zone database (the API server uses its own tzdata).
 */
function loadLocationError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return undefined;
  } catch {
    return `unknown time zone ${name}`;
  }
}

/** `getField`: a comma-separated list of ranges (`strings.FieldsFunc` skips empty items). */
function fieldError(field: string, bounds: Bounds): string | undefined {
  for (const expr of field.split(',')) {
    if (expr.length === 0) continue;
    const error = rangeError(expr, bounds);
    if (error !== undefined) return error;
  }
  return undefined;
}

/** `getRange`: `*` or `?` or `number ["-" number]`, then optionally `"/" step`. */
function rangeError(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(bounds.min);
    end = BigInt(bounds.max);
  } else {
    const low = parseIntOrName(lowAndHigh[0], bounds.names);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1], bounds.names);
      if (typeof high === 'string') return high;
      end = high;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1n;
  if (rangeAndStep.length === 2) {
    const parsed = mustParseInt(rangeAndStep[1]);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    if (singleDigit) end = BigInt(bounds.max); // "N/step" means "N-max/step"
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < BigInt(bounds.min)) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > BigInt(bounds.max)) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0n) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** `parseIntOrName`: a name of the field (any case), else `mustParseInt`. */
function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): bigint | string {
  const named = names !== undefined && Object.hasOwn(names, expr.toLowerCase()) ? names[expr.toLowerCase()] : undefined;
  return named !== undefined ? BigInt(named) : mustParseInt(expr);
}

/** `mustParseInt`: `strconv.Atoi`, not negative. */
function mustParseInt(expr: string): bigint | string {
  const num = atoi(expr);
  if (typeof num === 'string') return `failed to parse int from ${expr}: ${num}`;
  if (num < 0n) return `negative number (${num}) not allowed: ${expr}`;
  return num;
}

const TWO_63 = 2n ** 63n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Go's `strconv.Atoi` on a 64-bit platform: an optional sign and decimal digits, within int64.
 * Like Go, a long input that overflows is "out of range" even if a bad character follows.
 */
function atoi(s: string): bigint | string {
  const syntax = `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  const range = `strconv.Atoi: parsing ${goQuote(s)}: value out of range`;
  const neg = s[0] === '-';
  const digits = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  if (digits === '') return syntax;
  let n = 0n;
  for (const ch of digits) {
    if (!isDigit(ch)) return syntax;
    n = n * 10n + BigInt(ch.charCodeAt(0) - 48);
    if (n > UINT64_MAX) return range; // ParseUint's overflow check, before reading on
  }
  if (neg ? n > TWO_63 : n >= TWO_63) return range;
  return neg ? -n : n;
}

/** The single-letter escapes of Go string literals, by code point. */
const GO_ESCAPES: Readonly<Record<number, string>> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r' };

/** Go's `strconv.Quote`: printable characters as they are, others escaped as Go escapes them. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (GO_ESCAPES[c] !== undefined) out += `\\${GO_ESCAPES[c]}`;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (/[\p{C}\p{Z}]/u.test(ch))
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** `parseDescriptor`: a named schedule, or `@every <duration>`. */
function parseDescriptor(descriptor: string): string | undefined {
  if (DESCRIPTORS.has(descriptor)) return undefined;
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const error = parseDurationError(descriptor.slice(every.length));
    return error === undefined ? undefined : `failed to parse duration ${descriptor}: ${error}`;
  }
  return `unrecognized descriptor: ${descriptor}`;
}

/** Go's `time` units, in nanoseconds. */
const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5 micro sign
  μs: 1000n, // U+03BC Greek mu
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

/**
 * Go's `time.ParseDuration` (src/time/format.go): undefined when it parses, else its error.
 * `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or "0"; units ns, us (µs, μs), ms, s, m, h; at most 2^63-1 ns.
 */
function parseDurationError(orig: string): string | undefined {
  const invalid = `time: invalid duration ${timeQuote(orig)}`;
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return undefined;
  if (s === '') return invalid;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    // leadingInt: [0-9]*, overflowing past 2^63 is an error
    let v = 0n;
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > TWO_63 / 10n) return invalid;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO_63) return invalid;
    }
    const pre = i > 0;
    s = s.slice(i);
    // leadingFraction: (\.[0-9]*)?, stops accumulating precision on overflow
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let overflow = false;
      let j = 0;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (TWO_63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > TWO_63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid;
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return `time: missing unit in duration ${timeQuote(orig)}`;
    const name = s.slice(0, u);
    s = s.slice(u);
    const unit = Object.hasOwn(UNITS, name) ? UNITS[name] : undefined;
    if (unit === undefined) return `time: unknown unit ${timeQuote(name)} in duration ${timeQuote(orig)}`;
    if (v > TWO_63 / unit) return invalid;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_63) return invalid;
    }
    d += v;
    if (d > TWO_63) return invalid;
  }
  if (!neg && d > TWO_63 - 1n) return invalid;
  return undefined;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** The `quote` of Go's time package: `"` and `\` escaped, bytes outside printable ASCII as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c >= 0x80) {
      for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}
