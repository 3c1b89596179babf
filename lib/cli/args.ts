import { parseArgs, ParseArgsConfig } from 'util';
import { KUBERNETES_VERSION_VARIABLE } from '../app/kubecraft-app';
import { isKubernetesVersion, KUBERNETES_VERSIONS } from '../core';

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  public override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options and positionals of one command. */
export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
  /** Arguments after `--`, passed on to the app. */
  readonly rest: string[];
}

/**
 * Parses `args` strictly (`util.parseArgs`): an unknown option, a missing value or too many
 * positionals throws a `UsageError`, one line naming it, followed by the command's synopsis
 * (the first line of `usage`).
 */
export function parseCommandArgs(
  command: string,
  args: readonly string[],
  options: Options,
  maxPositionals: number,
  usage: string,
): ParsedArgs {
  const synopsis = usage.split('\n')[0];
  const dashdash = args.indexOf('--');
  const own = dashdash >= 0 ? args.slice(0, dashdash) : [...args];
  const rest = dashdash >= 0 ? args.slice(dashdash + 1) : [];
  let parsed;
  try {
    parsed = parseArgs({
      args: own,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`kubecraft ${command}: ${describeParseError(err as Error & { code?: string })}; ${synopsis}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `kubecraft ${command}: unexpected argument '${parsed.positionals[maxPositionals]}' (arguments for the app go after --); ${synopsis}`,
    );
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals, rest };
}

function describeParseError(err: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? err.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message)
        ? `option ${option} needs a value`
        : `option ${option} takes no value`;
    default:
      return err.message.split('\n')[0];
  }
}

/**
 * Applies `--kubernetes-version` (as KUBECRAFT_KUBERNETES_VERSION for the app it runs); an
 * unsupported version is a usage error naming the supported ones.
 */
export function setKubernetesVersion(value: unknown, command: string): void {
  if (typeof value !== 'string') return;
  if (!isKubernetesVersion(value)) {
    throw new UsageError(
      `kubecraft ${command}: --kubernetes-version must be one of ${KUBERNETES_VERSIONS.join(', ')} (not '${value}')`,
    );
  }
  process.env[KUBERNETES_VERSION_VARIABLE] = value;
}
