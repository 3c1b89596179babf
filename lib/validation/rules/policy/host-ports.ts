/**
 * `policy/host-ports`: no hostPort on container ports.
 */
import { asNumber, objectsIn } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/host-ports` rule. */
export const RULE: ObjectRule<'policy/host-ports'> = objectRule({
  id: 'policy/host-ports',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'no hostPort on container ports',
    why: 'Pod Security Standards "baseline"; host ports also limit scheduling',
  },
  appliesTo: 'pods',
  check: perContainer((c) => {
    const problems: Problem[] = [];
    for (const [p, i] of objectsIn(c.container.ports)) {
      const hostPort = asNumber(p.hostPort);
      if (hostPort !== undefined && hostPort !== 0)
        problems.push(
          forbidden(
            c.path.child('ports').index(i).child('hostPort'),
            `${c.label} binds host port ${hostPort}`,
            'expose the port through a Service instead',
          ),
        );
    }
    return problems;
  }),
});
