/**
 * `refs/service-target-port`: a Service's targetPort (number or name) is a port of a container it selects.
 */
import { asObject, display, objectsIn } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, PodTemplate, referenceRule } from './app-index';

/** The `refs/service-target-port` rule. */
export const RULE: ReferenceRule<'refs/service-target-port', AppIndex> = referenceRule({
  id: 'refs/service-target-port',
  info: {
    severity: 'error',
    relaxable: true,
    what: "a Service's targetPort (number or name) is a port of a container it selects",
    why: 'traffic is sent to a port nothing listens on',
  },
  appliesTo: ['Service'],
  check: (input, index) => {
    const selection = index.serviceSelection(input.manifest);
    // nothing selected is refs/service-selector's; only external pods: their ports are unknown
    if (!selection || selection.templates.length === 0) return [];
    const templates = selection.templates;
    const problems: Problem[] = [];
    const ports = FieldPath.root('spec').child('ports');
    for (const [p, i] of objectsIn(asObject(input.manifest.spec)?.ports)) {
      const target = p.targetPort ?? p.port;
      const matches = (t: PodTemplate) =>
        t.ports.some((cp) =>
          typeof target === 'number' ? cp.number === target : cp.name === target || String(cp.number) === target,
        );
      if (templates.some(matches)) continue;
      const offered = [
        ...new Set(
          templates.flatMap((t) => t.ports.map((cp) => (cp.name ? `${cp.number} (${cp.name})` : display(cp.number)))),
        ),
      ];
      problems.push(
        invalid(
          ports.index(i).child('targetPort'),
          `targetPort ${JSON.stringify(target)} is not a port of any selected container (selected pods expose: ${offered.join(', ') || 'no ports'})`,
          'set targetPort to a containerPort number or name of the selected pods',
        ),
      );
    }
    return problems;
  },
});
