import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  'Kubernetes [resource management](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/): the scheduler places pods by their requests and the kubelet enforces limits; a container without them is BestEffort, evicted first and free to starve its neighbours. kubecraft asks for CPU and memory requests and limits on every container, init containers too.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        resources: {}, // none
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
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
        },
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}
// #endregion good
