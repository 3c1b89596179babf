/**
 * `refs/stateful-set-service`: a StatefulSet's serviceName names a headless Service of the app that selects its pods (or a declared one).
 */
import { asObject, namespaceOf, podLabelsOf } from '../../../core';
import { Selector } from '../../../selectors/selector';
import { asString, isHeadless, stringEntries } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** The `refs/stateful-set-service` rule. */
export const RULE: ReferenceRule<'refs/stateful-set-service', AppIndex> = referenceRule({
  id: 'refs/stateful-set-service',
  info: {
    severity: 'error',
    relaxable: true,
    what: "a StatefulSet's serviceName names a headless Service of the app in its namespace that selects its pods (or a Service declared with External.object)",
    why: 'the API server does not check it, but without that governing Service the pods get no stable DNS names',
  },
  appliesTo: ['StatefulSet'],
  check: (input, index) => {
    const m = input.manifest;
    const ns = namespaceOf(m);
    const field = FieldPath.root('spec').child('serviceName');
    const serviceName = asString(asObject(m.spec)?.serviceName);
    if (serviceName === undefined || serviceName.length === 0)
      return [
        invalid(
          field,
          'the StatefulSet names no governing Service: its pods get no stable DNS names',
          'create a headless Service selecting the pods and set serviceName to its name',
        ),
      ];
    if (index.findExternal('Service', ns, serviceName)) return [];
    const svc = index.find('Service', ns, serviceName);
    const hint =
      `create a headless Service (clusterIP: None) named '${serviceName}' that selects the pods, ` +
      `or declare it with External.object(scope, { kind: 'Service', name: '${serviceName}', namespace, reason })`;
    if (!svc)
      return [invalid(field, `Service '${serviceName}' does not exist in namespace '${namespaceLabel(ns)}'`, hint)];
    const svcSpec = asObject(svc.spec) ?? {};
    if (!isHeadless(svcSpec))
      return [
        invalid(
          field,
          `Service '${serviceName}' is not headless (clusterIP: None), so the pods get no per-pod DNS names`,
          hint,
        ),
      ];
    const matchLabels = Object.fromEntries(stringEntries(svcSpec.selector));
    if (Object.keys(matchLabels).length === 0 || !Selector.matches({ matchLabels }, podLabelsOf(m) ?? {}))
      return [invalid(field, `Service '${serviceName}' does not select the pods of the StatefulSet`, hint)];
    return [];
  },
});
