/**
 * `refs/service-selector`: a Service's selector selects at least one pod template in its namespace (or External.pods).
 */
import { namespaceOf } from '../../../core';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** The `refs/service-selector` rule. */
export const RULE: ReferenceRule<'refs/service-selector', AppIndex> = referenceRule({
  id: 'refs/service-selector',
  info: {
    severity: 'error',
    relaxable: true,
    what: "a Service's selector selects at least one pod template in its namespace (or pods declared with External.pods)",
    why: 'a Service that selects nothing has no endpoints: traffic to it fails',
  },
  appliesTo: ['Service'],
  check: (input, index) => {
    const selection = index.serviceSelection(input.manifest);
    if (!selection || selection.templates.length > 0 || selection.externalPods) return [];
    return [
      invalid(
        FieldPath.root('spec').child('selector'),
        `selector ${JSON.stringify(selection.matchLabels)} selects no pod template in namespace '${namespaceLabel(namespaceOf(input.manifest))}'`,
        'label the pod template with the selector, fix the selector, or declare operator-created pods with External.pods(...)',
      ),
    ];
  },
});
