/**
 * `policy/privileged`: no privileged containers.
 */
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/privileged` rule. */
export const RULE: ObjectRule<'policy/privileged'> = objectRule({
  id: 'policy/privileged',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'no privileged containers',
    why: 'Pod Security Standards "baseline": a privileged container is root on the node',
  },
  appliesTo: 'pods',
  check: perContainer((c) =>
    c.securityContext.privileged === true
      ? [
          forbidden(
            c.securityContextPath.child('privileged'),
            `${c.label} is privileged`,
            'remove privileged, or relax policy/privileged with a reason',
          ),
        ]
      : [],
  ),
});
