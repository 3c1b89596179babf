import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from 'kubecraft';

export const follows =
  'The API server\'s `ValidateDeploymentSpec` (and the ReplicaSet, StatefulSet and DaemonSet equivalents in kubernetes/kubernetes `pkg/apis/apps/validation`): "`selector` does not match template `labels`".';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new kplus.Deployment(chart, 'web', {
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
  web.select(kplus.LabelSelector.of({ labels: { app: 'webapp' } })); // the pods are labelled app=web
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new kplus.Deployment(chart, 'web', {
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [
      {
        image: 'ghcr.io/acme/web:2.0.1',
        ports: [{ number: 8080, name: 'http' }],
        liveness: Probes.tcpSocket({ port: 'http' }),
        readiness: Probes.httpGet('/healthz', { port: 'http' }),
      },
    ],
  });
  web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
}
// #endregion good
