/**
 * `policy/host-namespaces`: no hostNetwork, hostPID or hostIPC.
 */
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

/** The `policy/host-namespaces` rule. */
export const RULE: ObjectRule<'policy/host-namespaces'> = objectRule({
  id: 'policy/host-namespaces',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'no hostNetwork, hostPID or hostIPC',
    why: 'Pod Security Standards "baseline"',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod) =>
    (['hostNetwork', 'hostPID', 'hostIPC'] as const)
      .filter((key) => pod.spec[key] === true)
      .map((key) =>
        forbidden(
          pod.path.child(key),
          `${key} is true: the pod shares the node's ${key.slice(4)} namespace`,
          `remove ${key}, or relax policy/host-namespaces with a reason`,
        ),
      ),
  ),
});
