/**
 * `policy/sysctls`: pods set only the safe sysctls of the target version (`check_sysctls.go`).
 */
import { atLeast } from '../../../core';
import { asString, objectsIn } from '../../checks/shape';
import { forbidden, Problem } from '../../problem';
import { objectRule, ObjectRule, perPodSpec } from '../rule';

/** Safe sysctls per Pod Security Standards version (`check_sysctls.go`). */
const SAFE_SYSCTLS: readonly { since: string; names: readonly string[] }[] = [
  {
    since: '1.0',
    names: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  },
  { since: '1.27', names: ['net.ipv4.ip_local_reserved_ports'] },
  {
    since: '1.29',
    names: [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  },
  { since: '1.32', names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
];

const safeByVersion = new Map<string, ReadonlySet<string>>();

/** The safe sysctls of `version` (computed once per version). */
function safeSysctls(version: string): ReadonlySet<string> {
  let safe = safeByVersion.get(version);
  if (!safe) {
    safe = new Set(SAFE_SYSCTLS.filter((s) => s.since === '1.0' || atLeast(version, s.since)).flatMap((s) => s.names));
    safeByVersion.set(version, safe);
  }
  return safe;
}

/** The `policy/sysctls` rule. */
export const RULE: ObjectRule<'policy/sysctls'> = objectRule({
  id: 'policy/sysctls',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'pods set only the safe sysctls of the target version (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, tcp_syncookies, ping_group_range, ip_unprivileged_port_start; ip_local_reserved_ports from 1.27; tcp_keepalive_*, tcp_fin_timeout from 1.29; tcp_rmem, tcp_wmem from 1.32)',
    why: 'Pod Security Standards "baseline": other sysctls can disable security mechanisms or affect every pod on the node',
  },
  appliesTo: 'pods',
  check: perPodSpec((pod, input) => {
    const problems: Problem[] = [];
    const safe = safeSysctls(input.kubernetesVersion);
    const sysctls = pod.securityContextPath.child('sysctls');
    for (const [s, i] of objectsIn(pod.securityContext.sysctls)) {
      const name = asString(s.name);
      if (name !== undefined && !safe.has(name))
        problems.push(
          forbidden(
            sysctls.index(i).child('name'),
            `sysctl '${name}' is not one of the safe sysctls of Kubernetes ${input.kubernetesVersion}`,
            `use only ${[...safe].join(', ')}, or relax policy/sysctls with a reason (and allow it on the kubelets)`,
          ),
        );
    }
    return problems;
  }),
});
