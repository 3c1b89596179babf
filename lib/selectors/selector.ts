import * as kplus from 'cdk8s-plus-27';
import { labelKeyProblems, labelValueProblems } from '../values/dns-name';

/** Set-based selector operators (`LabelSelectorRequirement.operator`). */
export enum SelectorOperator {
  /** The label's value is one of `values` (non-empty). */
  IN = 'In',
  /** The label is absent, or its value is none of `values` (non-empty). */
  NOT_IN = 'NotIn',
  /** The label is present, whatever its value; takes no values. */
  EXISTS = 'Exists',
  /** The label is absent; takes no values. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One set-based requirement, in the Kubernetes API's shape. */
export interface SelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** How the key relates to `values`. */
  readonly operator: SelectorOperator | `${SelectorOperator}`;
  /**
   * The values: required and non-empty for In / NotIn, absent or empty for Exists / DoesNotExist.
   *
   * @default - none
   */
  readonly values?: readonly string[];
}

/** A label selector in the Kubernetes API's shape. */
export interface SelectorSpec {
  /**
   * Equality requirements: every key must have exactly this value.
   *
   * @default - none
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /**
   * Set-based requirements; all must hold.
   *
   * @default - none
   */
  readonly matchExpressions?: readonly SelectorRequirement[];
}

/**
 * Validated label selectors, as cdk8s-plus-27 `LabelSelector`s.
 *
 * - `Selector.of({ matchLabels, matchExpressions })`: the API's shape, validated
 *   (In / NotIn need values, Exists / DoesNotExist take none, keys and values well-formed).
 * - `Selector.parse('environment in (production, qa), tier != frontend, partition, !legacy')`:
 *   the `kubectl -l` syntax, with equality (`=`, `==`, `!=`) and set-based (`in`, `notin`,
 *   `key`, `!key`) requirements.
 *
 * `Selector.matches(spec, labels)` evaluates a selector against a label set.
 */
export class Selector {
  /** A validated selector from the Kubernetes API's shape. */
  public static of(spec: SelectorSpec): kplus.LabelSelector {
    Selector.validate(spec);
    const expressions = (spec.matchExpressions ?? []).map(toLabelExpression);
    return kplus.LabelSelector.of({ labels: { ...spec.matchLabels }, expressions });
  }

  /** A validated selector from `kubectl -l` syntax. */
  public static parse(expression: string): kplus.LabelSelector {
    return Selector.of(Selector.parseSpec(expression));
  }

  /** Parses `kubectl -l` syntax into the API's shape, without validating keys and values. */
  public static parseSpec(expression: string): SelectorSpec {
    const matchLabels: Record<string, string> = {};
    const matchExpressions: SelectorRequirement[] = [];
    for (const term of splitTerms(expression)) {
      let m: RegExpExecArray | null;
      if ((m = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term))) {
        const values = m[3].split(',').map((v) => v.trim());
        if (values.length === 1 && values[0] === '') values.length = 0;
        matchExpressions.push({
          key: m[1],
          operator: m[2] === 'in' ? SelectorOperator.IN : SelectorOperator.NOT_IN,
          values,
        });
      } else if ((m = /^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/.exec(term))) {
        matchExpressions.push({ key: m[1], operator: SelectorOperator.NOT_IN, values: [m[2]] });
      } else if ((m = /^([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)$/.exec(term))) {
        if (m[1] in matchLabels && matchLabels[m[1]] !== m[2]) {
          throw new Error(
            `selector '${expression}': key '${m[1]}' is required to equal both '${matchLabels[m[1]]}' and '${m[2]}', which no object can satisfy`,
          );
        }
        matchLabels[m[1]] = m[2];
      } else if ((m = /^!\s*([^\s!=(),]+)$/.exec(term))) {
        matchExpressions.push({ key: m[1], operator: SelectorOperator.DOES_NOT_EXIST });
      } else if ((m = /^([^\s!=(),]+)$/.exec(term))) {
        matchExpressions.push({ key: m[1], operator: SelectorOperator.EXISTS });
      } else {
        throw new Error(
          `selector '${expression}': cannot parse requirement '${term}' (expected key=value, key==value, key!=value, key in (a,b), key notin (a,b), key or !key)`,
        );
      }
    }
    return { matchLabels, matchExpressions };
  }

  /** Throws a descriptive error if the selector is malformed. */
  public static validate(spec: SelectorSpec): void {
    const problems = Selector.problems(spec);
    if (problems.length > 0) throw new Error(`invalid label selector: ${problems.join('; ')}`);
  }

  /** Every problem with the selector, each naming its field; empty when valid. */
  public static problems(spec: SelectorSpec): string[] {
    const problems: string[] = [];
    for (const [key, value] of Object.entries(spec.matchLabels ?? {})) {
      problems.push(...labelKeyProblems(key).map((p) => `matchLabels key '${key}' ${p}`));
      problems.push(...labelValueProblems(value).map((p) => `matchLabels['${key}'] value '${value}' ${p}`));
    }
    (spec.matchExpressions ?? []).forEach((req, i) => {
      const where = `matchExpressions[${i}] (key '${req.key}', ${req.operator})`;
      problems.push(...labelKeyProblems(req.key).map((p) => `${where}: key ${p}`));
      const values = req.values ?? [];
      switch (req.operator) {
        case SelectorOperator.IN:
        case SelectorOperator.NOT_IN:
          if (values.length === 0) problems.push(`${where}: values must be non-empty for operator ${req.operator}`);
          break;
        case SelectorOperator.EXISTS:
        case SelectorOperator.DOES_NOT_EXIST:
          if (values.length > 0)
            problems.push(
              `${where}: values must be empty for operator ${req.operator} (got ${JSON.stringify(values)})`,
            );
          break;
        default:
          problems.push(`${where}: operator must be one of In, NotIn, Exists, DoesNotExist`);
      }
      for (const v of values) problems.push(...labelValueProblems(v).map((p) => `${where}: value '${v}' ${p}`));
    });
    return problems;
  }

  /** Whether `labels` satisfy every requirement of the selector (an empty selector matches everything). */
  public static matches(spec: SelectorSpec, labels: Readonly<Record<string, string>>): boolean {
    for (const [key, value] of Object.entries(spec.matchLabels ?? {})) {
      if (labels[key] !== value) return false;
    }
    for (const req of spec.matchExpressions ?? []) {
      const has = Object.prototype.hasOwnProperty.call(labels, req.key);
      const values = req.values ?? [];
      switch (req.operator) {
        case SelectorOperator.IN:
          if (!has || !values.includes(labels[req.key])) return false;
          break;
        case SelectorOperator.NOT_IN:
          if (has && values.includes(labels[req.key])) return false;
          break;
        case SelectorOperator.EXISTS:
          if (!has) return false;
          break;
        case SelectorOperator.DOES_NOT_EXIST:
          if (has) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  }

  private constructor() {}
}

function toLabelExpression(req: SelectorRequirement): kplus.LabelExpression {
  switch (req.operator) {
    case SelectorOperator.IN:
      return kplus.LabelExpression.in(req.key, [...(req.values ?? [])]);
    case SelectorOperator.NOT_IN:
      return kplus.LabelExpression.notIn(req.key, [...(req.values ?? [])]);
    case SelectorOperator.EXISTS:
      return kplus.LabelExpression.exists(req.key);
    default:
      return kplus.LabelExpression.doesNotExist(req.key);
  }
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(expression: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of expression) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new Error(`selector '${expression}': unbalanced ')'`);
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) throw new Error(`selector '${expression}': unbalanced '('`);
  terms.push(current.trim());
  if (terms.some((t) => t.length === 0)) throw new Error(`selector '${expression}': empty requirement`);
  return terms;
}
