import { OBJECT_POLICY_RULES } from '../rules/index';
import { ValidationContext } from '../validation-context';

/**
 * Checks the secure-by-default policy: the `policy/*` rules judged from the manifest (Pod
 * Security Standards "restricted", resources, pinned images, probes, no plaintext Secrets, ...),
 * one module each in `rules/policy/`, run by `ctx.runRules`.
 */
export function checkPolicy(ctx: ValidationContext): void {
  ctx.runRules('policy', OBJECT_POLICY_RULES, undefined);
}
