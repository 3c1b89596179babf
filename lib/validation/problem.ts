/**
 * Typed problems, as Kubernetes' `field.ErrorList` holds them: what is wrong (the kind), where
 * (a `FieldPath`), the message and the fix. Checks are pure functions that return problems;
 * the validation context attaches the object, its construct path and any relaxation, and turns
 * them into findings under their rule: the problem's own rule, else the rule of the module that
 * reported it, else the default rule of its kind (`PROBLEM_RULES`).
 */
import { asArray, asObject, asString, JsonObject } from '../core';
import { FieldPath } from './field-path';
import type { RuleId } from './rules';

export { FieldPath };

/** What kind of problem a field has (Kubernetes' `field.ErrorType`, plus kubecraft's `oneOf`). */
export type ProblemKind =
  /** A required field or list is missing or empty (`field.Required`). */
  | 'required'
  /** A value is malformed (`field.Invalid`). */
  | 'invalid'
  /** A value repeats one that must be unique (`field.Duplicate`). */
  | 'duplicate'
  /** A value is not one of the supported ones (`field.NotSupported`). */
  | 'notSupported'
  /** Not exactly one of a set of fields is given ("may not specify more than 1"). */
  | 'oneOf'
  /** A number is outside its bounds. */
  | 'outOfRange'
  /** A value is allowed by the API but forbidden here (`field.Forbidden`, and every policy control). */
  | 'forbidden'
  /** A value is too long (`field.TooLong`). */
  | 'tooLong'
  /** Not a problem: a field kubecraft set on request (an `info` finding). */
  | 'changed';

/**
 * The rule a problem of each kind is reported under when neither the problem nor the module
 * that reported it names one. Kinds without a default (`undefined`) always carry their rule or
 * come from a rule module.
 */
export const PROBLEM_RULES: Readonly<Record<ProblemKind, RuleId | undefined>> = {
  required: 'values/required',
  duplicate: 'values/duplicate',
  oneOf: 'values/one-of',
  outOfRange: 'values/range',
  invalid: undefined,
  notSupported: undefined,
  forbidden: undefined,
  tooLong: undefined,
  changed: undefined,
};

/** One problem of one field. */
export interface Problem {
  /** What kind of problem it is. */
  readonly kind: ProblemKind;
  /** Where it is. */
  readonly field: FieldPath;
  /** What is wrong, as the finding says it. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /**
   * The rule it is reported under.
   *
   * @default - the reporting module's rule, else `PROBLEM_RULES[kind]`
   */
  readonly rule?: RuleId;
}

function make(kind: ProblemKind, field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return rule === undefined ? { kind, field, message, hint } : { kind, field, message, hint, rule };
}

/** A missing required field (`values/required` unless `rule` says otherwise). */
export function required(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('required', field, message, hint, rule);
}

/** A malformed value. */
export function invalid(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('invalid', field, message, hint, rule);
}

/** A value that must be unique and is not (`values/duplicate` unless `rule` says otherwise). */
export function duplicate(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('duplicate', field, message, hint, rule);
}

/** A value that is not one of the supported ones. */
export function notSupported(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('notSupported', field, message, hint, rule);
}

/** Not exactly one of a set of fields (`values/one-of` unless `rule` says otherwise). */
export function oneOf(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('oneOf', field, message, hint, rule);
}

/** A number out of its bounds (`values/range` unless `rule` says otherwise). */
export function outOfRange(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('outOfRange', field, message, hint, rule);
}

/** A value forbidden here (a policy control). */
export function forbidden(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('forbidden', field, message, hint, rule);
}

/** A value that is too long. */
export function tooLong(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('tooLong', field, message, hint, rule);
}

/** A field kubecraft set on request (for an `info` rule). */
export function changed(field: FieldPath, message: string, hint: string, rule?: RuleId): Problem {
  return make('changed', field, message, hint, rule);
}

/**
 * The rule of `problem`: its own, else `owner` (the module that reported it), else the default
 * of its kind. Throws when there is none (a check that forgot to name its rule).
 */
export function ruleOfProblem(problem: Problem, owner?: RuleId): RuleId {
  const rule = problem.rule ?? owner ?? PROBLEM_RULES[problem.kind];
  if (rule === undefined)
    throw new Error(`a '${problem.kind}' problem at ${problem.field.toString()} names no rule (${problem.message})`);
  return rule;
}

/** An object of a list of named objects, with its path, its name and whether an earlier item has that name. */
export interface NamedItem {
  /** The item. */
  readonly item: JsonObject;
  /** Its index in the list. */
  readonly index: number;
  /** Its path (`<list>[index]`). */
  readonly path: FieldPath;
  /** Its name, when the name is a string. */
  readonly name: string | undefined;
  /** Whether an earlier item (of this list, or of those `namedList` continued) has the same name. */
  readonly repeated: boolean;
}

/**
 * The objects of the list `value` at `path` (entries that are not objects skipped) with their
 * names (the `key` field) and whether each name repeats an earlier one: the one way a check
 * reads a list whose items must have unique names. `seen` carries the names over lists that
 * share one namespace (init and regular containers).
 */
export function namedList(value: unknown, path: FieldPath, key = 'name', seen = new Set<string>()): NamedItem[] {
  const result: NamedItem[] = [];
  asArray(value).forEach((entry, index) => {
    const item = asObject(entry);
    if (!item) return;
    const name = asString(item[key]);
    const repeated = name !== undefined && seen.has(name);
    if (name !== undefined) seen.add(name);
    result.push({ item, index, path: path.index(index), name, repeated });
  });
  return result;
}

/** A string of a list, with its path and whether an earlier string of the list is the same. */
export interface ListedString {
  /** The string. */
  readonly value: string;
  /** Its index in the list. */
  readonly index: number;
  /** Its path (`<list>[index]`). */
  readonly path: FieldPath;
  /** Whether an earlier entry is the same string. */
  readonly repeated: boolean;
}

/**
 * The strings of the list `value` at `path` (other entries skipped), each with whether it
 * repeats an earlier one: `namedList` for lists of plain strings (keys, versions).
 */
export function stringList(value: unknown, path: FieldPath): ListedString[] {
  const seen = new Set<string>();
  const result: ListedString[] = [];
  asArray(value).forEach((entry, index) => {
    if (typeof entry !== 'string') return;
    result.push({ value: entry, index, path: path.index(index), repeated: seen.has(entry) });
    seen.add(entry);
  });
  return result;
}
