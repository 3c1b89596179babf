import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's port validation (`IsValidPortNum` in `k8s.io/apimachinery/pkg/util/validation`, called by `validateContainerPorts`, `ValidateService` and the NetworkPolicy validation in kubernetes/kubernetes `pkg/apis/*/validation`): 1 to 65535.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'https', port: 84430, targetPort: 8080 }], // a typo: one digit too many
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'https', port: 8443, targetPort: 8080 }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion good
