import { apiGroupOf } from '../../core';
import { FieldPath } from '../field-path';
import { oneOf, Problem, required } from '../problem';
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
  ctx.reportAll(obj, policyRuleProblems(m.kind, m.rules, FieldPath.root('rules')));
}

/** The problems of the rules of a Role or ClusterRole (`kind`), at `path`. */
export function policyRuleProblems(kind: string, rules: unknown, path: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const [rule, i] of objectsIn(rules)) {
    const at = path.index(i);
    const has = (key: string) => asArray(rule[key]).length > 0;
    if (!has('verbs'))
      out.push(
        required(
          at.child('verbs'),
          'verbs must contain at least one value',
          "list the verbs the rule grants, e.g. ['get', 'list', 'watch']",
        ),
      );
    if (has('nonResourceURLs')) {
      if (kind === 'Role')
        out.push(
          oneOf(
            at.child('nonResourceURLs'),
            'namespaced rules cannot apply to non-resource URLs',
            'grant non-resource URLs (/healthz, /metrics) in a ClusterRole bound with a ClusterRoleBinding',
          ),
        );
      if (has('apiGroups') || has('resources') || has('resourceNames'))
        out.push(
          oneOf(
            at.child('nonResourceURLs'),
            'rules cannot apply to both regular resources and non-resource URLs',
            'split it into two rules: one with apiGroups and resources, one with nonResourceURLs',
          ),
        );
      continue;
    }
    if (!has('apiGroups'))
      out.push(
        required(
          at.child('apiGroups'),
          'resource rules must supply at least one api group',
          "name the resources' API groups, e.g. [''] for pods and secrets, ['apps'] for deployments",
        ),
      );
    if (!has('resources'))
      out.push(
        required(
          at.child('resources'),
          'resource rules must supply at least one resource',
          "name the resources, e.g. ['pods'] or ['*']",
        ),
      );
  }
  return out;
}
