import { parseArgs, ParseArgsConfig } from 'util';
import { closestNames } from '../core/suggest';
import { UsageError } from './args';

/** One command-line option of a kubecraft command. */
export interface OptionSpec {
  /** The long name, without `--`, e.g. `output`. */
  readonly name: string;
  /**
   * The one-letter short form, without `-`, e.g. `o`.
   *
   * @default - none
   */
  readonly short?: string;
  /**
   * Other long names that mean the same (spellings kept for compatibility, e.g. `outdir`).
   *
   * @default - none
   */
  readonly aliases?: readonly string[];
  /** Whether the option takes a value (`string`) or is a flag (`boolean`). */
  readonly type: 'string' | 'boolean';
  /**
   * The placeholder of its value in the usage text, e.g. `DIR`.
   *
   * @default 'VALUE' for a string option
   */
  readonly value?: string;
  /**
   * It may be given more than once (its value is then a list).
   *
   * @default false
   */
  readonly multiple?: boolean;
  /**
   * Its value when it is not given.
   *
   * @default - undefined
   */
  readonly default?: string;
  /** What it does, one paragraph (wrapped when printed). */
  readonly help: string;
}

/** A kubecraft command: what `kubecraft <name> --help` prints, and how its arguments are parsed. */
export interface CommandSpec {
  /** The command, e.g. `synth`. */
  readonly name: string;
  /** Its positional arguments in the synopsis, e.g. `[app.ts]` or `<crds.yaml> [crd-name ...]`. */
  readonly args: string;
  /** How many positional arguments it takes at most. */
  readonly maxPositionals: number;
  /** One line for `kubecraft --help`. */
  readonly summary: string;
  /** What it does, in paragraphs separated by blank lines (printed as written). */
  readonly description: string;
  /** Its options (`--help`/`-h` is added to every command). */
  readonly options: readonly OptionSpec[];
  /**
   * Arguments after `--` go to the app it runs.
   *
   * @default false
   */
  readonly appArgs?: boolean;
}

/** The parsed options and positionals of one command. */
export interface ParsedArgs {
  /** Each option's value under its long name (an alias's value too), `help` when asked. */
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  /** The positional arguments. */
  readonly positionals: string[];
  /** Arguments after `--`, passed on to the app. */
  readonly rest: string[];
}

const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', help: 'print this text' };
const WIDTH = 100;
const FLAGS_COLUMN = 24;

/** The first line of `usageOf(spec)`, e.g. `usage: kubecraft synth [app.ts] [options] [-- app args]`. */
export function synopsisOf(spec: CommandSpec): string {
  const parts = [
    'usage: kubecraft',
    spec.name,
    spec.args,
    spec.options.length > 0 ? '[options]' : '',
    spec.appArgs ? '[-- app args]' : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/** The option as it is written in the usage text, e.g. `--output, -o DIR`. */
export function flagsOf(option: OptionSpec): string {
  const names = [`--${option.name}`, ...(option.short ? [`-${option.short}`] : [])].join(', ');
  return option.type === 'string' ? `${names} ${option.value ?? 'VALUE'}` : names;
}

/** What an option's help says besides its own text: the other spellings, a list, the default. */
export function optionNotes(option: OptionSpec): string[] {
  return [
    ...(option.aliases?.length ? [`also ${option.aliases.map((a) => `--${a}`).join(', ')}`] : []),
    ...(option.multiple ? ['may be given more than once'] : []),
    ...(option.default !== undefined ? [`default ${option.default}`] : []),
  ];
}

/**
 * What `kubecraft <command> --help` prints, generated from the command's table: the synopsis,
 * the description and one entry per option (help wrapped at 100 columns).
 */
export function usageOf(spec: CommandSpec): string {
  const lines = [synopsisOf(spec), '', spec.description];
  if (spec.options.length > 0) {
    lines.push('', 'options:');
    for (const option of [...spec.options, HELP]) {
      const notes = optionNotes(option);
      const help = notes.length > 0 ? `${option.help} (${notes.join('; ')})` : option.help;
      const flags = `  ${flagsOf(option)}`;
      const wrapped = wrap(help, WIDTH - FLAGS_COLUMN);
      if (flags.length < FLAGS_COLUMN - 1) {
        lines.push(`${flags.padEnd(FLAGS_COLUMN)}${wrapped[0]}`);
        lines.push(...wrapped.slice(1).map((l) => `${' '.repeat(FLAGS_COLUMN)}${l}`));
      } else {
        lines.push(flags, ...wrapped.map((l) => `${' '.repeat(FLAGS_COLUMN)}${l}`));
      }
    }
  }
  return lines.join('\n');
}

/**
 * Parses `args` strictly against the command's table (`util.parseArgs`): an unknown option
 * (with a "did you mean" when a known one is close), a missing value or too many positionals
 * throws a `UsageError`, one line naming it, followed by the command's synopsis. An alias's
 * value is returned under the option's own name.
 */
export function parseCommand(spec: CommandSpec, args: readonly string[]): ParsedArgs {
  const synopsis = synopsisOf(spec);
  const dashdash = args.indexOf('--');
  const own = dashdash >= 0 ? args.slice(0, dashdash) : [...args];
  const rest = dashdash >= 0 ? args.slice(dashdash + 1) : [];
  if (rest.length > 0 && !spec.appArgs)
    throw new UsageError(`kubecraft ${spec.name}: runs no app, so takes no arguments after --; ${synopsis}`);
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const o of [...spec.options, HELP]) {
    options[o.name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
    };
    for (const alias of o.aliases ?? []) options[alias] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: own, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(
      `kubecraft ${spec.name}: ${describeParseError(spec, err as Error & { code?: string })}; ${synopsis}`,
    );
  }
  if (parsed.positionals.length > spec.maxPositionals) {
    const where = spec.appArgs ? ' (arguments for the app go after --)' : '';
    throw new UsageError(
      `kubecraft ${spec.name}: unexpected argument '${parsed.positionals[spec.maxPositionals]}'${where}; ${synopsis}`,
    );
  }
  const given = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const values: Record<string, string | boolean | string[] | undefined> = { help: given.help };
  for (const o of spec.options) {
    const spellings = [o.name, ...(o.aliases ?? [])].filter((n) => given[n] !== undefined);
    if (spellings.length > 1 && !o.multiple) {
      throw new UsageError(
        `kubecraft ${spec.name}: ${spellings.map((n) => `--${n}`).join(' and ')} are the same option: give one; ${synopsis}`,
      );
    }
    values[o.name] = o.multiple ? spellings.flatMap((n) => given[n] as string[]) : given[spellings[0] ?? o.name];
    if (values[o.name] === undefined || (o.multiple && (values[o.name] as string[]).length === 0))
      values[o.name] = o.default ?? undefined;
  }
  return { values, positionals: parsed.positionals, rest };
}

function describeParseError(spec: CommandSpec, err: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = [...spec.options, HELP].flatMap((o) => [o.name, ...(o.aliases ?? [])]);
      const close = option?.startsWith('--') ? closestNames(option.slice(2).split('=')[0], known) : [];
      const hint = close.length > 0 ? ` (did you mean ${close.map((c) => `--${c}`).join(' or ')}?)` : '';
      return `unknown option ${option ?? err.message}${hint}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message)
        ? `option ${option} needs a value`
        : `option ${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${option ?? ''}`.trim();
    default:
      return err.message.split('\n')[0];
  }
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}
