/**
 * `refs/service-account`: a pod's serviceAccountName exists in its namespace (or is "default").
 */
import { namespaceOf } from '../../../core';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** The `refs/service-account` rule. */
export const RULE: ReferenceRule<'refs/service-account', AppIndex> = referenceRule({
  id: 'refs/service-account',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'a pod\'s serviceAccountName exists in its namespace (or is "default")',
    why: 'pods of a missing service account are not created',
  },
  appliesTo: 'pods',
  check: (input, index) => {
    const pod = input.pod;
    if (!pod) return [];
    const ns = namespaceOf(input.manifest);
    return input.podReferences
      .filter((ref) => ref.kind === 'ServiceAccount' && !ref.optional && ref.via !== 'imagePullSecrets')
      .filter((ref) => ref.name !== 'default' && !index.exists('ServiceAccount', ns, ref.name))
      .map((ref) =>
        invalid(
          FieldPath.root(ref.field),
          `ServiceAccount '${ref.name}' does not exist in namespace '${namespaceLabel(ns)}'`,
          'create the ServiceAccount in the app or import it with ServiceAccount.fromServiceAccountName',
        ),
      );
  },
});
