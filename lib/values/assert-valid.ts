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
  throw new ConstructError(scope, `${JSON.stringify(value)} is invalid: ${problems.join('; ')}`, { prop, hint });
}
