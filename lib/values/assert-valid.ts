import { IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';

/**
 * Throws a `ConstructError` naming `scope` and `prop` when `problems` (from one of the value
 * checks, e.g. `portNumberProblems`) is non-empty.
 *
 * `scope` is the construct at fault, or its path when the construct does not exist yet.
 */
export function assertValid(
  scope: IConstruct | string,
  prop: string,
  value: unknown,
  problems: readonly string[],
  hint?: string,
): void {
  if (problems.length === 0) return;
  // problems that quote the string itself ('not the string "8080"') need no '"8080" is invalid' before them
  const shown = JSON.stringify(value);
  const namesValue = typeof value === 'string' && problems.every((p) => p.includes(shown));
  const message = namesValue ? problems.join('; ') : `${shown} is invalid: ${problems.join('; ')}`;
  throw new ConstructError(scope, message, { prop, hint });
}
