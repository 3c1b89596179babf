import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  'The HorizontalPodAutoscaler controller: it scales the object `scaleTargetRef` names through its scale subresource; a missing target makes it report `FailedGetScale` and do nothing. The API server does not check it.';

function api(chart: KubecraftChart): kplus.Deployment {
  return new kplus.Deployment(chart, 'api', {
    containers: [
      {
        image: 'ghcr.io/acme/api:1.4.2',
        ports: [{ number: 8080, name: 'http' }],
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
}

// #region bad
export function bad(chart: KubecraftChart): void {
  api(chart);
  new ApiObject(chart, 'api-hpa', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api-server' }, // it is called api
      minReplicas: 2,
      maxReplicas: 10,
    },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const deployment = api(chart);
  new kplus.HorizontalPodAutoscaler(chart, 'api-hpa', { target: deployment, minReplicas: 2, maxReplicas: 10 });
}
// #endregion good
