/**
 * `policy/capabilities`: every container drops ALL capabilities and adds none but NET_BIND_SERVICE (not checked on Windows pods).
 */
import { asObject } from '../../../core';
import { stringsIn } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';
import { upstreamFix } from './upstream-fix';

/** The `policy/capabilities` rule. */
export const RULE: ObjectRule<'policy/capabilities'> = objectRule({
  id: 'policy/capabilities',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'every container drops ALL capabilities and adds none but NET_BIND_SERVICE',
    why: 'Pod Security Standards "restricted"',
  },
  appliesTo: 'pods',
  check: perContainer((c, pod, input) => {
    if (pod.windows) return [];
    const problems: Problem[] = [];
    const at = c.securityContextPath.child('capabilities');
    const capabilities = asObject(c.securityContext.capabilities);
    if (!stringsIn(capabilities?.drop).includes('ALL'))
      problems.push(
        forbidden(
          at.child('drop'),
          `${c.label} does not drop ALL capabilities`,
          upstreamFix(
            input,
            'drop ALL capabilities',
            'policy/capabilities',
            c.securityContext.capabilities === undefined,
          ) ?? 'drop ALL capabilities (kubecraft charts do this by default)',
        ),
      );
    const extra = stringsIn(capabilities?.add).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length > 0)
      problems.push(
        forbidden(
          at.child('add'),
          `${c.label} adds ${extra.join(', ')}`,
          'add no capability but NET_BIND_SERVICE, or relax policy/capabilities with a reason',
        ),
      );
    return problems;
  }),
});
