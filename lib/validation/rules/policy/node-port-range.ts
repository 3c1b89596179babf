/**
 * `policy/node-port-range`: explicit nodePorts are within the default --service-node-port-range.
 */
import { asNumber, asObject, asString, objectsIn } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { outOfRange, Problem } from '../../problem';
import { objectRule, ObjectRule } from '../rule';

/** The default `--service-node-port-range` of kube-apiserver. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/** The `policy/node-port-range` rule. */
export const RULE: ObjectRule<'policy/node-port-range'> = objectRule({
  id: 'policy/node-port-range',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'explicit nodePorts are from 30000 to 32767, the default --service-node-port-range',
    why: 'the API server refuses node ports outside its configured range at create; relax it for a cluster configured with another range',
  },
  appliesTo: ['Service'],
  check: (input) => {
    const spec = asObject(input.manifest.spec);
    if (!spec) return [];
    const type = asString(spec.type) ?? 'ClusterIP';
    if (type !== 'NodePort' && type !== 'LoadBalancer') return [];
    const problems: Problem[] = [];
    const ports = FieldPath.root('spec').child('ports');
    for (const [p, i] of objectsIn(spec.ports)) {
      const nodePort = asNumber(p.nodePort);
      if (nodePort === undefined || nodePort < 1 || nodePort > 65535) continue;
      if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)
        problems.push(
          outOfRange(
            ports.index(i).child('nodePort'),
            `nodePort ${nodePort} is outside the default node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
            'pick a port from 30000 to 32767, leave nodePort unset, or relax policy/node-port-range for a cluster with another range',
          ),
        );
    }
    return problems;
  },
});
