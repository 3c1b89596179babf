import { KubecraftChart, Probes, WebService } from 'kubecraft';

export const follows =
  'The API server\'s `validateProbe`, `validateLivenessProbe` and `validateStartupProbe` (kubernetes/kubernetes `pkg/apis/core/validation`): one handler, non-negative timings and thresholds, and successThreshold 1 for liveness and startup probes ("must be 1").';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    liveness: Probes.httpGet('/healthz', { port: 'http', successThreshold: 2 }), // must be 1 for liveness
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    liveness: Probes.httpGet('/healthz', { port: 'http', failureThreshold: 3 }),
    readiness: Probes.httpGet('/ready', { port: 'http', successThreshold: 2 }), // allowed on readiness
  });
}
// #endregion good
