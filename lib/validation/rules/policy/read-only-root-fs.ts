/**
 * `policy/read-only-root-fs`: every container has a read-only root filesystem.
 */
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/read-only-root-fs` rule. */
export const RULE: ObjectRule<'policy/read-only-root-fs'> = objectRule({
  id: 'policy/read-only-root-fs',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'every container has a read-only root filesystem',
    why: "an attacker cannot modify the image's binaries; write paths are explicit volumes",
  },
  appliesTo: 'pods',
  check: perContainer((c) =>
    c.securityContext.readOnlyRootFilesystem !== true
      ? [
          forbidden(
            c.securityContextPath.child('readOnlyRootFilesystem'),
            `${c.label} has a writable root filesystem`,
            'set readOnlyRootFilesystem and mount an emptyDir at each path the process writes',
          ),
        ]
      : [],
  ),
});
