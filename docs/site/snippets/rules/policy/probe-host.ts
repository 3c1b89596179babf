import { KubecraftChart, Probes, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "Host Probes / Lifecycle Hooks" (from Kubernetes 1.34): probes and lifecycle hooks set no `httpGet.host` or `tcpSocket.host`, which would let the kubelet be used to reach other endpoints.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    liveness: Probes.httpGet('/healthz', { port: 'http', host: '10.0.12.7' }),
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    liveness: Probes.httpGet('/healthz', { port: 'http' }), // the pod's own IP
  });
}
// #endregion good
