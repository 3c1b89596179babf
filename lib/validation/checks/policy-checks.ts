import { OBJECT_POLICY_RULES } from '../rules/index';
import { rulesFor } from '../rules/rule';
import { ValidationContext } from '../validation-context';

/**
 * Checks the secure-by-default policy: the `policy/*` rules judged from the manifest (Pod
 * Security Standards "restricted", resources, pinned images, probes, no plaintext Secrets, ...),
 * one module each in `rules/policy/`. Each object is checked under `ctx.guard`.
 */
export function checkPolicy(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    ctx.guard(obj, 'policy', () => {
      const input = ctx.inputOf(obj);
      for (const rule of rulesFor(OBJECT_POLICY_RULES, obj.manifest.kind, input.pod !== undefined))
        ctx.reportAll(obj, rule.check(input), rule.id);
    });
  }
}
