import { REFERENCE_RULES } from '../rules/index';
import { AppIndex } from '../rules/refs/app-index';
import { rulesFor } from '../rules/rule';
import { ValidationContext } from '../validation-context';

/**
 * Checks references across each deployment unit: the `refs/*` rules (selectors, ports,
 * backends, targets, config, RBAC, names, namespaces), one module each in `rules/refs/`,
 * against one index of the unit. Each object is checked under `ctx.guard`.
 */
export function checkReferences(ctx: ValidationContext): void {
  const index = new AppIndex(ctx.objects, ctx.externals);
  for (const obj of ctx.objects) {
    ctx.guard(obj, 'reference', () => {
      const input = ctx.inputOf(obj);
      for (const rule of rulesFor(REFERENCE_RULES, obj.manifest.kind, input.pod !== undefined))
        ctx.reportAll(obj, rule.check(input, index), rule.id);
    });
  }
}
