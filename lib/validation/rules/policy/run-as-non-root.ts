/**
 * `policy/run-as-non-root`: containers run as non-root (Pod Security Standards "restricted").
 */
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';
import { upstreamFix } from './upstream-fix';

/** The `policy/run-as-non-root` rule. */
export const RULE: ObjectRule<'policy/run-as-non-root'> = objectRule({
  id: 'policy/run-as-non-root',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'containers run as non-root (runAsNonRoot true, runAsUser not 0)',
    why: 'Pod Security Standards "restricted"; a container escape as root owns the node',
  },
  appliesTo: 'pods',
  check: perContainer((c, pod, input) => {
    const runAsNonRoot = c.securityContext.runAsNonRoot ?? pod.securityContext.runAsNonRoot;
    const runAsUser = c.securityContext.runAsUser ?? pod.securityContext.runAsUser;
    if (runAsNonRoot === true && runAsUser !== 0) return [];
    return [
      forbidden(
        c.securityContextPath.child('runAsNonRoot'),
        runAsUser === 0 ? `${c.label} runs as root (runAsUser 0)` : `${c.label} does not set runAsNonRoot: true`,
        upstreamFix(input, 'set runAsNonRoot: true and a non-zero runAsUser', 'policy/run-as-non-root', false) ??
          'run as a non-root user (securityContext.user) with runAsNonRoot, or relax policy/run-as-non-root with a reason',
      ),
    ];
  }),
});
