import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "restricted" profile, control "Privilege Escalation": `allowPrivilegeEscalation: false` on every container (no setuid binaries gaining privileges, `no_new_privs`).';

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        securityContext: { allowPrivilegeEscalation: true },
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        securityContext: { allowPrivilegeEscalation: false }, // cdk8s-plus's default
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}
// #endregion good
