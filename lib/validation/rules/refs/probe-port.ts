/**
 * `refs/probe-port`: a probe's named port (httpGet, tcpSocket, grpc) is a named port of its container.
 */
import { asObject, atLeast, FEATURE_SINCE } from '../../../core';
import { ianaSvcNameProblems } from '../../../values/api-names';
import { asString, objectsIn } from '../../checks/shape';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** The probe handlers that name a port. */
const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** The `refs/probe-port` rule. */
export const RULE: ReferenceRule<'refs/probe-port', AppIndex> = referenceRule({
  id: 'refs/probe-port',
  info: {
    severity: 'error',
    relaxable: true,
    what: "a probe's named port (httpGet, tcpSocket) is a named port of its container",
    why: 'the API server accepts it, but the kubelet cannot resolve the port: the probe fails, so the container is restarted or never ready',
  },
  appliesTo: 'pods',
  check: (input) => {
    const pod = input.pod;
    if (!pod) return [];
    const problems: Problem[] = [];
    for (const c of pod.containers) {
      const container = c.container;
      // an init container's probes are values/init-container's, unless it is a native sidecar
      if (
        c.init &&
        !(container.restartPolicy === 'Always' && atLeast(input.kubernetesVersion, FEATURE_SINCE.nativeSidecars))
      )
        continue;
      let named: Set<string | undefined> | undefined;
      for (const probeKey of PROBES) {
        const probe = asObject(container[probeKey]);
        if (!probe) continue;
        for (const h of PORT_HANDLERS) {
          const port = asObject(probe[h])?.port;
          if (typeof port !== 'string') continue;
          named ??= new Set(objectsIn(container.ports).map(([p]) => asString(p.name)));
          if (named.has(port) || ianaSvcNameProblems(port).length > 0) continue;
          problems.push(
            invalid(
              c.path.child(probeKey).child(h).child('port'),
              `probe port '${port}' is not a named port of container '${asString(container.name) ?? '?'}'`,
              `name a port '${port}' on the container or use its number`,
            ),
          );
        }
      }
    }
    return problems;
  },
});
