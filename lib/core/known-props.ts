import { IConstruct } from 'constructs';
import { ConstructError } from './errors';
import { closestNames } from './suggest';

/**
 * The names of every prop of a props type, declared once with `knownProps`, so that a prop the
 * type does not have is refused at run time (`checkKnownProps`). TypeScript refuses a misspelled
 * prop in an object literal, but an app bundled without a type-check (`kubecraft synth` uses
 * esbuild), plain JavaScript or a spread object would otherwise lose it silently: the
 * construct renders its default instead.
 */
export interface KnownProps<L extends readonly string[] = readonly string[]> {
  /** What the props are of, for messages: the interface's name, e.g. `WebServiceProps`. */
  readonly of: string;
  /** Every prop name of the interface. */
  readonly names: L;
}

/** The props of `T` that `L` does not list. */
export type UnlistedProps<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]>;

/**
 * `unknown` when `L` lists every prop of `T`, else a type no array is assignable to, naming the
 * props missing from the list: adding a prop to an interface without listing it fails `tsc`.
 */
export type ListsEveryProp<T, L extends readonly PropertyKey[]> = [UnlistedProps<T, L>] extends [never]
  ? unknown
  : { readonly 'props missing from the list': UnlistedProps<T, L> };

/**
 * Declares the prop names of the interface `T`, checked by the compiler both ways: a name that
 * is not a prop of `T` and a prop of `T` that is not listed are compile errors. Lists compose:
 * a derived interface spreads its base's names.
 *
 * ```ts
 * export const WORKER_PROPS = knownProps<WorkerProps>('WorkerProps')([...PATTERN_PROPS.names, 'replicas', 'ports']);
 * ```
 */
export function knownProps<T extends object>(
  of: string,
): <const L extends readonly (keyof T & string)[]>(names: L & ListsEveryProp<T, L>) => KnownProps<L> {
  return (names) => ({ of, names });
}

/** A prop that is not among the known ones, with the known names close to it. */
export interface UnknownProp {
  /** The unknown prop's name. */
  readonly name: string;
  /** The known names closest to it (see `closestNames`), possibly none. */
  readonly suggestions: readonly string[];
}

/**
 * The own enumerable props of `value` that `known` does not list, in order, with suggestions.
 * A known prop set to `undefined` is fine (it means the default); an unknown one is refused
 * whatever its value. Anything but a plain object (undefined, a scalar, an array) has none.
 */
export function unknownProps(value: unknown, known: KnownProps): UnknownProp[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const names = new Set<string>(known.names);
  return Object.keys(value)
    .filter((name) => !names.has(name))
    .map((name) => ({ name, suggestions: closestNames(name, known.names) }));
}

/**
 * Throws a `ConstructError` naming `scope` and the first prop of `value` that `known` does not
 * list (at `<at>.<prop>` for a nested object, e.g. `autoscaling.minReplica`), with a "did you
 * mean" hint when a known name is close. Does nothing when every prop is known.
 */
export function checkKnownProps(scope: IConstruct, value: unknown, known: KnownProps, at?: string): void {
  const [first, ...more] = unknownProps(value, known);
  if (!first) return;
  const also = more.length > 0 ? ` (nor ${more.map((u) => `'${u.name}'`).join(', ')})` : '';
  throw new ConstructError(scope, `'${first.name}' is not a prop of ${known.of}${also}`, {
    prop: at ? `${at}.${first.name}` : first.name,
    hint: unknownPropHint(first, known),
  });
}

/** How to fix an unknown prop: the close names, else the names there are. */
export function unknownPropHint(unknown: UnknownProp, known: KnownProps): string {
  if (unknown.suggestions.length > 0) return `did you mean ${unknown.suggestions.map((s) => `'${s}'`).join(' or ')}?`;
  if (known.names.length <= 12) return `remove it; ${known.of} takes ${known.names.join(', ')}`;
  return `remove it; ${known.of} in the API reference lists the props it takes`;
}
