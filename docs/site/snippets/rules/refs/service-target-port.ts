import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "kube-proxy and the EndpointSlice controller: a Service forwards to the `targetPort` of the pods it selects (a name is looked up in each pod's container ports). The API server accepts any port; traffic to one nothing listens on is refused.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' }); // listens on 8080
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80, targetPort: 80 }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80, targetPort: web.containerPort }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion good
