/**
 * `refs/selector-template`: a workload's selector matches its own pod template labels.
 */
import { asObject, podLabelsOf, REPLICATED_KINDS } from '../../../core';
import { Selector } from '../../../selectors/selector';
import { selectorShape } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** The `refs/selector-template` rule. */
export const RULE: ReferenceRule<'refs/selector-template', AppIndex> = referenceRule({
  id: 'refs/selector-template',
  info: {
    severity: 'error',
    relaxable: false,
    what: "a workload's selector matches its own pod template labels",
    why: 'the API server rejects the workload ("selector does not match template labels")',
  },
  appliesTo: [...REPLICATED_KINDS],
  check: (input) => {
    const m = input.manifest;
    const selector = asObject(m.spec)?.selector;
    const shape = selectorShape(selector);
    if (!shape || shape.problems.length > 0) return [];
    const labels = podLabelsOf(m) ?? {};
    if (Selector.matches(shape.spec, labels)) return [];
    return [
      invalid(
        FieldPath.root('spec').child('selector'),
        `selector ${JSON.stringify(selector)} does not match the pod template labels ${JSON.stringify(labels)}`,
        'add the selected labels to the pod template (podMetadata) or select the labels it has',
      ),
    ];
  },
});
