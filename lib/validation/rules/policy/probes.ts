/**
 * `policy/probes`: long-running containers (not Jobs, CronJobs or init containers) have liveness and readiness probes.
 */
import { LONG_RUNNING_KINDS } from '../../../core';
import { required } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/probes` rule. */
export const RULE: ObjectRule<'policy/probes'> = objectRule({
  id: 'policy/probes',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'long-running containers (not Jobs, CronJobs or init containers) have liveness and readiness probes',
    why: 'without them, Kubernetes sends traffic to broken pods and never restarts hung ones',
  },
  appliesTo: 'pods',
  check: perContainer((c, _pod, input) => {
    if (!LONG_RUNNING_KINDS.has(input.manifest.kind) || c.init) return [];
    const missing = (['livenessProbe', 'readinessProbe'] as const).filter((p) => !c.container[p]);
    return missing.length > 0
      ? [
          required(
            c.path,
            `${c.label} has no ${missing.join(' and no ')}`,
            'add liveness and readiness probes (Probes.httpGet / tcpSocket / grpc / exec)',
          ),
        ]
      : [];
  }),
});
