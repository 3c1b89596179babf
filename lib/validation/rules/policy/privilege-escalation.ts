/**
 * `policy/privilege-escalation`: allowPrivilegeEscalation is false on every container (not checked on Windows pods).
 */
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/privilege-escalation` rule. */
export const RULE: ObjectRule<'policy/privilege-escalation'> = objectRule({
  id: 'policy/privilege-escalation',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'allowPrivilegeEscalation is false on every container',
    why: 'Pod Security Standards "restricted"',
  },
  appliesTo: 'pods',
  check: perContainer((c, pod) =>
    !pod.windows && c.securityContext.allowPrivilegeEscalation !== false
      ? [
          forbidden(
            c.securityContextPath.child('allowPrivilegeEscalation'),
            `${c.label} allows privilege escalation`,
            'set allowPrivilegeEscalation: false',
          ),
        ]
      : [],
  ),
});
