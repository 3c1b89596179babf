/**
 * `refs/scale-target`: a HorizontalPodAutoscaler targets an existing workload in its namespace.
 */
import { namespaceOf } from '../../../core';
import { asObject, display } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** The `refs/scale-target` rule. */
export const RULE: ReferenceRule<'refs/scale-target', AppIndex> = referenceRule({
  id: 'refs/scale-target',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'a HorizontalPodAutoscaler targets an existing workload in its namespace',
    why: 'the autoscaler does nothing',
  },
  appliesTo: ['HorizontalPodAutoscaler'],
  check: (input, index) => {
    const ref = asObject(asObject(input.manifest.spec)?.scaleTargetRef);
    if (!ref || index.scaleTargetOf(input.manifest)) return [];
    return [
      invalid(
        FieldPath.root('spec').child('scaleTargetRef'),
        `${display(ref.apiVersion)} ${display(ref.kind)} '${display(ref.name)}' does not exist in namespace '${namespaceLabel(namespaceOf(input.manifest))}'`,
        'target a workload of the app',
      ),
    ];
  },
});
