/**
 * `refs/config`: ConfigMaps, Secrets and PersistentVolumeClaims a pod uses exist in the namespace (or are declared external), with the referenced keys where known.
 */
import { namespaceOf, PodReference } from '../../../core';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** What is wrong with one reference of a pod to a ConfigMap, Secret or claim (nothing when optional). */
function referenceProblems(index: AppIndex, ns: string, ref: PodReference): Problem[] {
  if (ref.optional || ref.via === 'imagePullSecrets' || ref.kind === 'ServiceAccount') return [];
  const where = `namespace '${namespaceLabel(ns)}'`;
  const field = FieldPath.root(ref.field);
  if (ref.kind === 'PersistentVolumeClaim') {
    if (index.exists('PersistentVolumeClaim', ns, ref.name)) return [];
    return [
      invalid(
        field,
        `PersistentVolumeClaim '${ref.name}' does not exist in ${where}`,
        'create the claim in the app or import it with PersistentVolumeClaim.fromClaimName',
      ),
    ];
  }
  const kind = ref.kind;
  if (!index.exists(kind, ns, ref.name)) {
    const declare = kind === 'Secret' ? 'secret' : 'configMap';
    return [
      invalid(
        field,
        `${kind} '${ref.name}' does not exist in ${where}`,
        `create it in the app, or import it by name (${kind}.from${kind}Name) / declare it with External.${declare}(...)`,
      ),
    ];
  }
  if (ref.key === undefined) return [];
  const keys = index.keysOf(kind, ns, ref.name);
  if (!keys || keys.includes(ref.key)) return [];
  return [
    invalid(
      field,
      `${kind} '${ref.name}' has no key '${ref.key}' (it has ${keys.join(', ') || 'none'})`,
      'use an existing key',
    ),
  ];
}

/** The `refs/config` rule. */
export const RULE: ReferenceRule<'refs/config', AppIndex> = referenceRule({
  id: 'refs/config',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'ConfigMaps, Secrets and PersistentVolumeClaims used as volumes, envFrom or valueFrom exist in the namespace (or are declared external), with the referenced keys where known',
    why: 'pods referencing a missing object or key do not start',
  },
  appliesTo: 'pods',
  check: (input, index) => {
    const pod = input.pod;
    if (!pod) return [];
    const ns = namespaceOf(input.manifest);
    return input.podReferences.flatMap((ref) => referenceProblems(index, ns, ref));
  },
});
