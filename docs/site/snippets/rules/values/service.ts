import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `ValidateService` (kubernetes/kubernetes `pkg/apis/core/validation`): unique (port, protocol) and (nodePort, protocol) pairs, nodePort only on NodePort and LoadBalancer Services, no headless NodePort or LoadBalancer, an ExternalName Service with an externalName and no cluster IP.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    extraPorts: [{ name: 'admin', port: 9000 }],
  });
  new kplus.Service(chart, 'web-internal', {
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'admin', port: 80, targetPort: 9000 }, // port 80/TCP twice
    ],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    extraPorts: [{ name: 'admin', port: 9000 }],
  });
  new kplus.Service(chart, 'web-internal', {
    ports: [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'admin', port: 9000, targetPort: 9000 },
    ],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion good
