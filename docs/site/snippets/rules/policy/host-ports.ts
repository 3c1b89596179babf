import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "Host Ports": no `hostPort` (or only a known list). Host ports also allow one such pod per node and port.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http', hostPort: 8080 }],
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
  // reach it through a Service instead
  web.exposeViaService({ serviceType: kplus.ServiceType.NODE_PORT, ports: [{ port: 8080, nodePort: 30080 }] });
}
// #endregion good
