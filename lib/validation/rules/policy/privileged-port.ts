/**
 * `policy/privileged-port`: a non-root container listens on no port below the first unprivileged port (a runtime failure the API server cannot see).
 */
import { asObject } from '../../../core';
import { asNumber, asString, objectsIn } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** Ports below this need privileges to bind, unless the sysctl lowers it. */
const DEFAULT_UNPRIVILEGED_PORT_START = 1024;

/** The `policy/privileged-port` rule. */
export const RULE: ObjectRule<'policy/privileged-port'> = objectRule({
  id: 'policy/privileged-port',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'a container that runs as non-root listens on no port below 1024 unless the pod sets the sysctl net.ipv4.ip_unprivileged_port_start low enough',
    why: 'the API server accepts it, but a non-root process cannot bind the port: the container crashes at start (unless its binary has file capabilities)',
  },
  appliesTo: 'pods',
  check: perContainer((c, pod) => {
    const runAsNonRoot = c.securityContext.runAsNonRoot ?? pod.securityContext.runAsNonRoot;
    const runAsUser = c.securityContext.runAsUser ?? pod.securityContext.runAsUser;
    const nonRoot = runAsNonRoot === true || (typeof runAsUser === 'number' && runAsUser > 0);
    if (!nonRoot || pod.spec.hostNetwork === true) return [];
    let start = DEFAULT_UNPRIVILEGED_PORT_START;
    for (const [s] of objectsIn(asObject(pod.spec.securityContext)?.sysctls)) {
      const value = asString(s.value) ?? (typeof s.value === 'number' ? String(s.value) : undefined);
      if (s.name === 'net.ipv4.ip_unprivileged_port_start' && value !== undefined && /^\d+$/.test(value.trim()))
        start = Number(value.trim());
    }
    const problems: Problem[] = [];
    for (const [p, i] of objectsIn(c.container.ports)) {
      const port = asNumber(p.containerPort);
      if (port !== undefined && port >= 1 && port < start)
        problems.push(
          forbidden(
            c.path.child('ports').index(i).child('containerPort'),
            `${c.label} runs as non-root but listens on port ${port}, below the first unprivileged port ${start}: binding it fails at start`,
            "listen on a port ≥ 1024 (e.g. 8080, with the Service's targetPort), or set the pod sysctl net.ipv4.ip_unprivileged_port_start=0",
          ),
        );
    }
    return problems;
  }),
});
