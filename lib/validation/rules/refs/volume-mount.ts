/**
 * `refs/volume-mount`: every volumeMount names a volume of the pod (or a StatefulSet volume claim template).
 */
import { asArray, asObject } from '../../../core';
import { display, objectsIn } from '../../checks/shape';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** The `refs/volume-mount` rule. */
export const RULE: ReferenceRule<'refs/volume-mount', AppIndex> = referenceRule({
  id: 'refs/volume-mount',
  info: {
    severity: 'error',
    relaxable: false,
    what: 'every volumeMount names a volume of the pod (or a StatefulSet volume claim template)',
    why: 'the API server rejects the pod',
  },
  appliesTo: 'pods',
  check: (input) => {
    const pod = input.pod;
    if (!pod) return [];
    const volumeNames = new Set<unknown>(objectsIn(pod.spec.volumes).map(([v]) => v.name));
    for (const [t] of objectsIn(asObject(input.manifest.spec)?.volumeClaimTemplates))
      volumeNames.add(asObject(t.metadata)?.name);
    const problems: Problem[] = [];
    for (const c of pod.containers) {
      const mounts = c.path.child('volumeMounts');
      asArray(c.container.volumeMounts).forEach((mount, i) => {
        const vm = asObject(mount);
        if (!volumeNames.has(vm?.name))
          problems.push(
            invalid(
              mounts.index(i).child('name'),
              `volume '${display(vm?.name)}' is not a volume of the pod`,
              "add the volume to the pod or fix the mount's name",
            ),
          );
      });
    }
    return problems;
  },
});
