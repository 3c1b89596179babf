/**
 * `policy/probe-host`: probes and lifecycle hooks set no httpGet or tcpSocket host (Kubernetes 1.34 and later).
 */
import { asObject, atLeast, FEATURE_SINCE, JsonObject } from '../../../core';
import { asString } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
/** The handlers that can name a host. */
const HOST_HANDLERS = ['httpGet', 'tcpSocket'] as const;

/** The `policy/probe-host` rule. */
export const RULE: ObjectRule<'policy/probe-host'> = objectRule({
  id: 'policy/probe-host',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'probes and lifecycle hooks set no httpGet or tcpSocket host (checked for Kubernetes 1.34 and later)',
    why: 'Pod Security Standards "baseline" (1.34+): a host lets the kubelet be used to reach other endpoints',
  },
  appliesTo: 'pods',
  check: perContainer((c, _pod, input) => {
    if (!atLeast(input.kubernetesVersion, FEATURE_SINCE.probeHostControl)) return [];
    const lifecycle = asObject(c.container.lifecycle);
    const handlers: [JsonObject | undefined, () => FieldPath][] = [
      ...PROBES.map((p): [JsonObject | undefined, () => FieldPath] => [
        asObject(c.container[p]),
        () => c.path.child(p),
      ]),
      ...HOOKS.map((h): [JsonObject | undefined, () => FieldPath] => [
        asObject(lifecycle?.[h]),
        () => c.path.child('lifecycle').child(h),
      ]),
    ];
    const problems: Problem[] = [];
    for (const [handler, field] of handlers) {
      if (!handler) continue;
      for (const kind of HOST_HANDLERS) {
        const host = asString(asObject(handler[kind])?.host);
        if (host !== undefined && host.length > 0)
          problems.push(
            forbidden(
              field().child(kind).child('host'),
              `${c.label} probes host '${host}'`,
              'remove host: probes reach the pod IP by default',
            ),
          );
      }
    }
    return problems;
  }),
});
