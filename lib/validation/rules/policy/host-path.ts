/**
 * `policy/host-path`: no hostPath volumes.
 */
import { asObject } from '../../../core';
import { asString, display, objectsIn } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

/** The `policy/host-path` rule. */
export const RULE: ObjectRule<'policy/host-path'> = objectRule({
  id: 'policy/host-path',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'no hostPath volumes',
    why: 'Pod Security Standards "baseline": host files are readable (or writable) from the pod',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod) => {
    const problems: Problem[] = [];
    const volumes = pod.path.child('volumes');
    for (const [v, i] of objectsIn(pod.spec.volumes)) {
      const hostPath = asObject(v.hostPath);
      if (hostPath)
        problems.push(
          forbidden(
            volumes.index(i).child('hostPath'),
            `volume '${asString(v.name) ?? '?'}' mounts the node's ${display(hostPath.path)}`,
            'use an emptyDir, ConfigMap or PersistentVolumeClaim, or relax policy/host-path with a reason (e.g. a node agent)',
          ),
        );
    }
    return problems;
  }),
});
