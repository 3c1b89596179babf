import { REFERENCE_RULES } from '../rules/index';
import { AppIndex } from '../rules/refs/app-index';
import { ValidationContext } from '../validation-context';

/**
 * Checks references across each deployment unit: the `refs/*` rules (selectors, ports,
 * backends, targets, config, RBAC, names, namespaces), one module each in `rules/refs/`,
 * against one index of the unit, run by `ctx.runRules`.
 */
export function checkReferences(ctx: ValidationContext): void {
  const index = new AppIndex(ctx.objects, ctx.externals, (obj) => ctx.inputOf(obj).pod?.location, ctx.clusters);
  ctx.runRules('reference', REFERENCE_RULES, index);
}
