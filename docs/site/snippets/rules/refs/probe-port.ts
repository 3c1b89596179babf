import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  "The kubelet's prober: a named probe port is looked up among the container's ports; an unknown name makes every probe fail, so the container is restarted (liveness) or never ready (readiness). The API server only checks the name's syntax.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'web' }],
        liveness: Probes.tcpSocket({ port: 'http' }), // the port is named web
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
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}
// #endregion good
