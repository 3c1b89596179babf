/**
 * `refs/ingress-backend`: Ingress backends name an existing Service in the namespace and one of its ports.
 */
import { namespaceOf } from '../../../core';
import { asObject, asString, display, objectsIn } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** The `refs/ingress-backend` rule. */
export const RULE: ReferenceRule<'refs/ingress-backend', AppIndex> = referenceRule({
  id: 'refs/ingress-backend',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'Ingress backends name an existing Service in the namespace and one of its ports (number or name)',
    why: 'the Ingress routes to nothing (503)',
  },
  appliesTo: ['Ingress'],
  check: (input, index) => {
    const spec = asObject(input.manifest.spec) ?? {};
    const ns = namespaceOf(input.manifest);
    const root = FieldPath.root('spec');
    const backends: { backend: unknown; field: FieldPath }[] = [];
    if (asObject(spec.defaultBackend))
      backends.push({ backend: spec.defaultBackend, field: root.child('defaultBackend') });
    for (const [r, i] of objectsIn(spec.rules))
      for (const [p, j] of objectsIn(asObject(r.http)?.paths))
        backends.push({
          backend: p.backend,
          field: root.child('rules').index(i).child('http').child('paths').index(j).child('backend'),
        });
    const problems: Problem[] = [];
    for (const { backend, field } of backends) {
      const ref = asObject(asObject(backend)?.service);
      const name = asString(ref?.name);
      if (!ref || name === undefined) continue;
      const svc = index.find('Service', ns, name);
      if (!svc) {
        problems.push(
          invalid(
            field.child('service').child('name'),
            `Service '${name}' does not exist in namespace '${namespaceLabel(ns)}'`,
            'route to a Service of the app in the same namespace',
          ),
        );
        continue;
      }
      const ports = objectsIn(asObject(svc.spec)?.ports).map(([p]) => p);
      const port = asObject(ref.port);
      const ok =
        port?.number !== undefined
          ? ports.some((p) => p.port === port.number)
          : ports.some((p) => p.name === port?.name);
      if (!ok)
        problems.push(
          invalid(
            field.child('service').child('port'),
            `Service '${name}' has no port ${JSON.stringify(ref.port)} (it has ${ports.map((p) => (p.name ? `${display(p.port)} (${display(p.name)})` : display(p.port))).join(', ')})`,
            "use one of the Service's port numbers or names",
          ),
        );
    }
    return problems;
  },
});
