import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The API server\'s `--service-node-port-range` flag (default 30000-32767): a Service with a nodePort outside the configured range is refused at create ("provided port is not in the valid range").';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-nodeport', {
    type: kplus.ServiceType.NODE_PORT,
    ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 8080 }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-nodeport', {
    type: kplus.ServiceType.NODE_PORT,
    ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion good
