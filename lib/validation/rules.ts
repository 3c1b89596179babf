import { ALL_RULES, RuleId } from './rules/index';

/**
 * How serious a finding is: an `error` fails the synth, a `warning` is reported, an `info`
 * finding only records what kubecraft did on request (never a problem).
 */
export type Severity = 'error' | 'warning' | 'info';

/** What a validation rule checks, why, and whether and how it can be relaxed. */
export interface RuleInfo {
  /** Error, warning or info. */
  readonly severity: Severity;
  /** What it checks. */
  readonly what: string;
  /** Why it matters. */
  readonly why: string;
  /** Whether `Policy.relax` may relax it (schema and value rules cannot: the API server would reject the object anyway). */
  readonly relaxable: boolean;
}

/** Every rule kubecraft checks at synth, by id: derived from the registry (`rules/index.ts`), in its order. */
export const RULES: { readonly [K in RuleId]: RuleInfo } = Object.fromEntries(
  ALL_RULES.map((rule) => [rule.id, rule.info]),
) as { readonly [K in RuleId]: RuleInfo };

export type { RuleId };

/** Whether `id` names a rule. */
export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}
