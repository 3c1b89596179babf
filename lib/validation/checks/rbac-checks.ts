import { apiGroupOf } from '../../core';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { asArray, objectsIn } from './shape';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Checks the rules of Roles and ClusterRoles as the API server does (`ValidatePolicyRule`,
 * kubernetes `pkg/apis/rbac/validation`): every rule has verbs; a rule with nonResourceURLs is
 * in a ClusterRole and names no API groups, resources or resource names; any other rule names at
 * least one API group (`''` is the core group) and one resource.
 */
export function checkRbacRules(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  if ((m.kind !== 'Role' && m.kind !== 'ClusterRole') || apiGroupOf(String(m.apiVersion)) !== RBAC_GROUP) return;
  for (const [rule, i] of objectsIn(m.rules)) {
    const at = `rules[${i}]`;
    const has = (key: string) => asArray(rule[key]).length > 0;
    if (!has('verbs'))
      ctx.report(
        obj,
        'values/required',
        `${at}.verbs`,
        'verbs must contain at least one value',
        "list the verbs the rule grants, e.g. ['get', 'list', 'watch']",
      );
    if (has('nonResourceURLs')) {
      if (m.kind === 'Role')
        ctx.report(
          obj,
          'values/one-of',
          `${at}.nonResourceURLs`,
          'namespaced rules cannot apply to non-resource URLs',
          'grant non-resource URLs (/healthz, /metrics) in a ClusterRole bound with a ClusterRoleBinding',
        );
      if (has('apiGroups') || has('resources') || has('resourceNames'))
        ctx.report(
          obj,
          'values/one-of',
          `${at}.nonResourceURLs`,
          'rules cannot apply to both regular resources and non-resource URLs',
          'split it into two rules: one with apiGroups and resources, one with nonResourceURLs',
        );
      continue;
    }
    if (!has('apiGroups'))
      ctx.report(
        obj,
        'values/required',
        `${at}.apiGroups`,
        'resource rules must supply at least one api group',
        "name the resources' API groups, e.g. [''] for pods and secrets, ['apps'] for deployments",
      );
    if (!has('resources'))
      ctx.report(
        obj,
        'values/required',
        `${at}.resources`,
        'resource rules must supply at least one resource',
        "name the resources, e.g. ['pods'] or ['*']",
      );
  }
}
