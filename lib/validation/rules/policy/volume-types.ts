/**
 * `policy/volume-types`: pod volumes are of the types Pod Security Standards "restricted" allows (`check_restrictedVolumes.go`; hostPath is policy/host-path).
 */
import { asObject } from '../../../core';
import { asString, isSet, objectsIn } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

/** Volume types "restricted" allows (`check_restrictedVolumes.go`); a volume with no source defaults to emptyDir. */
const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
const NON_VOLUME_SOURCE_KEYS = new Set(['name']);

/** The `policy/volume-types` rule. */
export const RULE: ObjectRule<'policy/volume-types'> = objectRule({
  id: 'policy/volume-types',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'pod volumes are configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret (hostPath is reported as policy/host-path)',
    why: 'Pod Security Standards "restricted": other volume types reach node or storage-system resources directly',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod) => {
    const problems: Problem[] = [];
    const volumes = pod.path.child('volumes');
    for (const [v, i] of objectsIn(pod.spec.volumes)) {
      if (asObject(v.hostPath)) continue; // policy/host-path
      const sources = Object.keys(v).filter((k) => !NON_VOLUME_SOURCE_KEYS.has(k) && isSet(v[k]));
      const restricted = sources.filter((s) => !RESTRICTED_VOLUME_TYPES.includes(s));
      if (restricted.length > 0)
        problems.push(
          forbidden(
            volumes.index(i).field(restricted[0]),
            `volume '${asString(v.name) ?? '?'}' is of type ${restricted.join(', ')}, which Pod Security Standards "restricted" does not allow`,
            'use a PersistentVolumeClaim (backed by a PersistentVolume of that type), a CSI volume, or relax policy/volume-types with a reason',
          ),
        );
    }
    return problems;
  }),
});
