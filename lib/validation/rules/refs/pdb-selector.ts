/**
 * `refs/pdb-selector`: a PodDisruptionBudget selects the pods of at least one workload in its namespace.
 */
import { asObject, namespaceOf, REPLICATED_KINDS } from '../../../core';
import { Selector } from '../../../selectors/selector';
import { selectorShape } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** The `refs/pdb-selector` rule. */
export const RULE: ReferenceRule<'refs/pdb-selector', AppIndex> = referenceRule({
  id: 'refs/pdb-selector',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'a PodDisruptionBudget selects the pods of at least one workload in its namespace',
    why: 'the budget protects nothing',
  },
  appliesTo: ['PodDisruptionBudget'],
  check: (input, index) => {
    const shape = selectorShape(asObject(input.manifest.spec)?.selector);
    if (!shape || shape.problems.length > 0) return [];
    const selector = shape.spec;
    const ns = namespaceOf(input.manifest);
    const selected = index.selectTemplates(ns, selector).filter((t) => REPLICATED_KINDS.has(t.obj.manifest.kind));
    if (selected.length > 0 || index.externalPods(ns).some((e) => Selector.matches(selector, e.labels ?? {})))
      return [];
    return [
      invalid(
        FieldPath.root('spec').child('selector'),
        `selector ${JSON.stringify(selector)} selects the pods of no workload in namespace '${namespaceLabel(ns)}'`,
        'select the pod template labels of a Deployment, StatefulSet, ReplicaSet or DaemonSet',
      ),
    ];
  },
});
