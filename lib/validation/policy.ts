import { IConstruct } from 'constructs';
import { ConstructError } from '../core';
import { isRuleId, RULES } from './rules';

/** Construct metadata type under which relaxations are recorded. */
export const RELAXATION_METADATA = 'kubecraft:relaxation';

/** A rule relaxed for a construct and everything below it, with the reason why. */
export interface Relaxation {
  /** The rule id, e.g. `policy/host-path`. */
  readonly rule: string;
  /** Why the rule does not apply here; printed in the validation report. */
  readonly reason: string;
  /** The construct path the relaxation was declared on. */
  readonly declaredAt: string;
}

/**
 * Relaxes validation rules for part of an app, always with a written reason.
 *
 * A relaxation declared on a construct covers that construct and everything below it; one
 * declared on a chart covers the whole chart. Relaxed findings are not errors but are listed,
 * with their reason, in the validation report, so every exception stays visible in review.
 *
 * ```ts
 * Policy.relax(logAgent, 'policy/host-path', 'reads container logs from the node');
 * ```
 */
export class Policy {
  /** Relaxes `rule` for `scope` and its children. `reason` must say why (at least 10 characters). */
  public static relax(scope: IConstruct, rule: string, reason: string): void {
    if (!isRuleId(rule)) {
      throw new ConstructError(scope, `Policy.relax: '${rule}' is not a rule id`, {
        prop: 'rule',
        hint: `use one of ${Object.keys(RULES).join(', ')}`,
      });
    }
    if (!RULES[rule].relaxable) {
      throw new ConstructError(scope, `Policy.relax: rule '${rule}' cannot be relaxed (${RULES[rule].why})`, {
        prop: 'rule',
        hint: 'fix the object instead',
      });
    }
    if (reason.trim().length < 10) {
      throw new ConstructError(scope, `Policy.relax: relaxing '${rule}' needs a written reason`, {
        prop: 'reason',
        hint: 'say in at least 10 characters why the rule does not apply here',
      });
    }
    scope.node.addMetadata(RELAXATION_METADATA, { rule, reason: reason.trim() });
  }

  /** The relaxations that apply to `scope`: its own and its ancestors', nearest first. */
  public static relaxationsOf(scope: IConstruct): Relaxation[] {
    const result: Relaxation[] = [];
    for (const s of [...scope.node.scopes].reverse()) {
      for (const entry of s.node.metadata) {
        if (entry.type === RELAXATION_METADATA) {
          const data = entry.data as { rule: string; reason: string };
          result.push({ rule: data.rule, reason: data.reason, declaredAt: s.node.path });
        }
      }
    }
    return result;
  }

  private constructor() {}
}
