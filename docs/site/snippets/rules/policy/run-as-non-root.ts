import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "restricted" profile, control "Running as Non-root" and "Running as Non-root user": `runAsNonRoot: true`, and `runAsUser` never 0.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        securityContext: { ensureNonRoot: false, user: 0 }, // root
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
        securityContext: { ensureNonRoot: true, user: 1000, group: 1000 },
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}
// #endregion good
