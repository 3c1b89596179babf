/**
 * `policy/selinux`: SELinux options of the pod and of every container set no user or role, and only the allowed types.
 */
import { asObject, JsonObject } from '../../../core';
import { asString } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

/** The seLinuxOptions of a security context (`sc` at `at`, of `who`). */
function seLinux(sc: JsonObject, at: FieldPath, who: string): Problem[] {
  const options = asObject(sc.seLinuxOptions);
  if (!options) return [];
  const problems: Problem[] = [];
  const path = at.child('seLinuxOptions');
  const type = asString(options.type) ?? '';
  if (!SELINUX_TYPES.has(type))
    problems.push(
      forbidden(
        path.child('type'),
        `${who} sets SELinux type '${type}'`,
        'use container_t, container_init_t or container_kvm_t, or relax policy/selinux with a reason',
      ),
    );
  for (const key of ['user', 'role'] as const)
    if ((asString(options[key]) ?? '').length > 0)
      problems.push(
        forbidden(
          path.child(key),
          `${who} sets a custom SELinux ${key}`,
          `remove seLinuxOptions.${key}, or relax policy/selinux with a reason`,
        ),
      );
  return problems;
}

/** The `policy/selinux` rule. */
export const RULE: ObjectRule<'policy/selinux'> = objectRule({
  id: 'policy/selinux',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'SELinux options set no user or role, and a type only of container_t, container_init_t or container_kvm_t',
    why: 'Pod Security Standards "baseline"',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod) => [
    ...seLinux(pod.securityContext, pod.securityContextPath, 'the pod'),
    ...pod.containers.flatMap((c) => seLinux(c.securityContext, c.securityContextPath, c.label)),
  ]),
});
