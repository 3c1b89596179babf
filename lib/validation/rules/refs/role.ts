/**
 * `refs/role`: RoleBindings and ClusterRoleBindings name an existing Role / ClusterRole, and ServiceAccount subjects exist.
 */
import { namespaceOf } from '../../../core';
import { asObject, asString, objectsIn } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** The `refs/role` rule. */
export const RULE: ReferenceRule<'refs/role', AppIndex> = referenceRule({
  id: 'refs/role',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'RoleBindings and ClusterRoleBindings name an existing Role / ClusterRole, and ServiceAccount subjects exist',
    why: 'the binding grants nothing',
  },
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  check: (input, index) => {
    const m = input.manifest;
    const ns = namespaceOf(m);
    const problems: Problem[] = [];
    const ref = asObject(m.roleRef);
    // a roleRef of the wrong shape is the schema check's to report
    const kind = asString(ref?.kind);
    const name = asString(ref?.name);
    if (kind !== undefined && name !== undefined) {
      const exists = kind === 'ClusterRole' ? index.exists('ClusterRole', '', name) : index.exists('Role', ns, name);
      if (!exists)
        problems.push(
          invalid(
            FieldPath.root('roleRef'),
            `${kind} '${name}' does not exist${kind === 'Role' ? ` in namespace '${ns}'` : ''}`,
            'bind a Role/ClusterRole of the app, or import it with Role.fromRoleName / ClusterRole.fromClusterRoleName',
          ),
        );
    }
    const subjects = FieldPath.root('subjects');
    for (const [s, i] of objectsIn(m.subjects)) {
      if (s.kind !== 'ServiceAccount') continue;
      const subject = asString(s.name);
      const sns = asString(s.namespace) ?? ns;
      if (subject !== undefined && subject !== 'default' && !index.exists('ServiceAccount', sns, subject))
        problems.push(
          invalid(
            subjects.index(i),
            `ServiceAccount '${subject}' does not exist in namespace '${sns}'`,
            'bind a ServiceAccount of the app, or import it with ServiceAccount.fromServiceAccountName',
          ),
        );
    }
    return problems;
  },
});
