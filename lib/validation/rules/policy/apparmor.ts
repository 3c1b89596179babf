/**
 * `policy/apparmor`: AppArmor is not disabled: the appArmorProfile field of the pod and of every container, and the AppArmor annotations of the pod (template).
 */
import { asObject, JsonObject } from '../../../core';
import { stringEntries } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The appArmorProfile of a security context (`sc` at `at`, of `who`). */
function appArmorField(sc: JsonObject, at: FieldPath, who: string): Problem[] {
  const type = asObject(sc.appArmorProfile)?.type;
  if (type === undefined || type === 'RuntimeDefault' || type === 'Localhost') return [];
  return [
    forbidden(
      at.child('appArmorProfile').child('type'),
      `${who} runs with AppArmor profile ${JSON.stringify(type)}`,
      'use RuntimeDefault or Localhost, or relax policy/apparmor with a reason',
    ),
  ];
}

/** The `policy/apparmor` rule. */
export const RULE: ObjectRule<'policy/apparmor'> = objectRule({
  id: 'policy/apparmor',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'AppArmor is not disabled: the appArmorProfile field (pod or container) is RuntimeDefault or Localhost and container.apparmor.security.beta.kubernetes.io/* annotations are runtime/default or localhost/*',
    why: 'Pod Security Standards "baseline": an unconfined container escapes the AppArmor profile that confines it',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod) => [
    ...appArmorField(pod.securityContext, pod.securityContextPath, 'the pod'),
    // AppArmor annotations live on the pod (template) metadata.
    ...stringEntries(pod.metadata?.annotations)
      .filter(([key]) => key.startsWith(APPARMOR_ANNOTATION_PREFIX))
      .filter(([, value]) => !(value === '' || value === 'runtime/default' || value.startsWith('localhost/')))
      .map(([key, value]) =>
        forbidden(
          pod.metadataPath.child('annotations').key(key),
          `container '${key.slice(APPARMOR_ANNOTATION_PREFIX.length)}' runs with AppArmor profile '${value}'`,
          'use runtime/default or a localhost/ profile, or relax policy/apparmor with a reason',
        ),
      ),
    ...pod.containers.flatMap((c) => appArmorField(c.securityContext, c.securityContextPath, c.label)),
  ]),
});
