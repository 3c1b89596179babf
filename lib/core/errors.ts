import { IConstruct } from 'constructs';

/**
 * The brands of kubecraft's errors, global symbols (as aws-cdk brands its errors): an app
 * bundled with its own copy of kubecraft, or two installed versions in one process, throw errors
 * of another class, which `instanceof` does not recognise but the brand does.
 */
const CONSTRUCT_ERROR = Symbol.for('kubecraft.ConstructError');
const SYNTHESIS_ERROR = Symbol.for('kubecraft.SynthesisError');

/** Whether `x` carries `brand` (set by the constructor of a kubecraft error, of any copy of the library). */
function hasBrand(x: unknown, brand: symbol): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}

function brand(error: Error, symbol: symbol): void {
  Object.defineProperty(error, symbol, { value: true, enumerable: false });
}

/** Where a `ConstructError` comes from and how to fix it. */
export interface ConstructErrorOptions {
  /**
   * The prop (or field) at fault, e.g. `port` or `exposure.nodePort`.
   *
   * @default - the error concerns the construct as a whole
   */
  readonly prop?: string;
  /**
   * How to fix it.
   *
   * @default - no hint
   */
  readonly hint?: string;
  /**
   * The error that caused this one (e.g. one raised inside cdk8s-plus).
   *
   * @default - none
   */
  readonly cause?: unknown;
}

/**
 * An error raised while an app is built, carrying its scope: the construct path and the prop
 * at fault, in the spirit of aws-cdk's `ValidationError(message, scope)`.
 *
 * The message reads `<construct path> (<prop>): <what is wrong>. Fix: <hint>`.
 */
export class ConstructError extends Error {
  /**
   * Whether `x` is a `ConstructError` of any copy of kubecraft (recognised by its brand, a
   * global symbol, where `instanceof` sees only this copy's class).
   */
  public static isConstructError(x: unknown): x is ConstructError {
    return hasBrand(x, CONSTRUCT_ERROR);
  }

  /** The construct path of the construct at fault (`<app>` for the app itself). */
  public readonly constructPath: string;
  /** The prop at fault, if known. */
  public readonly prop?: string;
  /** How to fix it, if known. */
  public readonly hint?: string;

  constructor(scope: IConstruct | string, message: string, options: ConstructErrorOptions = {}) {
    const path = typeof scope === 'string' ? scope : scope.node.path;
    const where = `${path || '<app>'}${options.prop ? ` (${options.prop})` : ''}`;
    super(`${where}: ${message}${options.hint ? `. Fix: ${options.hint}` : ''}`, { cause: options.cause });
    this.name = 'ConstructError';
    brand(this, CONSTRUCT_ERROR);
    this.constructPath = path || '<app>';
    if (options.prop !== undefined) this.prop = options.prop;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/**
 * Runs `build` (typically a call into cdk8s or cdk8s-plus) and re-throws any error it raises
 * as a `ConstructError` naming `scope` and `prop`, with the original error as `cause`.
 * `ConstructError`s pass through unchanged: they already name their scope.
 */
export function inScope<T>(scope: IConstruct, prop: string | undefined, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (ConstructError.isConstructError(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ConstructError(scope, message, { prop, cause: err });
  }
}

/**
 * Raised when synthesis is refused (invalid input, invalid configuration); the message is the
 * full report. The kubecraft runner prints it without a stack trace and exits 1.
 */
export class SynthesisError extends Error {
  /** Whether `x` is a `SynthesisError` of any copy of kubecraft (recognised by its brand). */
  public static isSynthesisError(x: unknown): x is SynthesisError {
    return hasBrand(x, SYNTHESIS_ERROR);
  }

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SynthesisError';
    brand(this, SYNTHESIS_ERROR);
  }
}
