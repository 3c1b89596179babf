import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "Kubernetes' EndpointSlice controller: a Service gets endpoints only for the ready pods its selector matches; one that matches none has no endpoints, and connections to it fail. The API server accepts it.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  }).selectLabel('app.kubernetes.io/name', 'webapp'); // no pod has it
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion good
