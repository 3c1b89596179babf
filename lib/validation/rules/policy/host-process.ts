/**
 * `policy/host-process`: no Windows HostProcess containers (on the pod or a container).
 */
import { asObject } from '../../../core';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

/** The `policy/host-process` rule. */
export const RULE: ObjectRule<'policy/host-process'> = objectRule({
  id: 'policy/host-process',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'no Windows HostProcess containers (windowsOptions.hostProcess on the pod or a container)',
    why: 'Pod Security Standards "baseline": a HostProcess container has privileged access to the Windows node',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod) => {
    const problems: Problem[] = [];
    if (asObject(pod.securityContext.windowsOptions)?.hostProcess === true)
      problems.push(
        forbidden(
          pod.securityContextPath.child('windowsOptions').child('hostProcess'),
          'the pod runs Windows HostProcess containers',
          'remove hostProcess, or relax policy/host-process with a reason',
        ),
      );
    for (const c of pod.containers)
      if (asObject(c.securityContext.windowsOptions)?.hostProcess === true)
        problems.push(
          forbidden(
            c.securityContextPath.child('windowsOptions').child('hostProcess'),
            `${c.label} is a Windows HostProcess container`,
            'remove hostProcess, or relax policy/host-process with a reason',
          ),
        );
    return problems;
  }),
});
