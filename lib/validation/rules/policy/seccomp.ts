/**
 * `policy/seccomp`: the seccomp profile is RuntimeDefault or Localhost (on the pod or every container), never Unconfined (not checked on Windows pods).
 */
import { asObject } from '../../../core';
import { display } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec, PodView } from '../rule';
import { upstreamFix } from './upstream-fix';

/** Whether applySecureDefaults would set the pod's seccomp profile: neither the pod nor any container sets one. */
function seccompUnsetInPod(pod: PodView): boolean {
  return (
    pod.securityContext.seccompProfile === undefined &&
    pod.containers.every((c) => c.securityContext.seccompProfile === undefined)
  );
}

/** The `policy/seccomp` rule. */
export const RULE: ObjectRule<'policy/seccomp'> = objectRule({
  id: 'policy/seccomp',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'the seccomp profile is RuntimeDefault or Localhost (on the pod or every container), never Unconfined',
    why: 'Pod Security Standards "restricted"',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod, input) => {
    if (pod.windows) return [];
    const problems: Problem[] = [];
    const podProfile = asObject(pod.securityContext.seccompProfile)?.type;
    if (podProfile === 'Unconfined')
      problems.push(
        forbidden(
          pod.securityContextPath.child('seccompProfile').child('type'),
          'the pod runs Unconfined (no seccomp filter)',
          'use RuntimeDefault',
        ),
      );
    for (const c of pod.containers) {
      const seccomp = asObject(c.securityContext.seccompProfile)?.type ?? podProfile;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
        problems.push(
          forbidden(
            c.securityContextPath.child('seccompProfile'),
            `${c.label} runs with seccomp profile ${display(seccomp ?? 'unset')}`,
            upstreamFix(input, 'use RuntimeDefault on the pod', 'policy/seccomp', seccompUnsetInPod(pod)) ??
              'use RuntimeDefault on the pod (kubecraft charts do this by default)',
          ),
        );
    }
    return problems;
  }),
});
