import { appliedChangesOf } from '../applied-changes';
import { APPLIED_CHANGES_RULE } from '../rules/index';
import { CheckInput } from '../rules/rule';
import { ValidationContext } from '../validation-context';

/**
 * Reports, as information, every change kubecraft made on request to an object (recorded with
 * `recordAppliedChanges`): the `policy/secure-defaults-applied` rule (rules/policy/), judged from
 * the construct, so never remembered across validations. Never an error.
 */
export function checkAppliedChanges(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    const applied = obj.construct ? appliedChangesOf(obj.construct) : undefined;
    if (!applied) continue;
    const input = new CheckInput(obj.manifest, ctx.kubernetesVersion, undefined, applied);
    ctx.reportAll(obj, APPLIED_CHANGES_RULE.check(input), APPLIED_CHANGES_RULE.id);
  }
}
