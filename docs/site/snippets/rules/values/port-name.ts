import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `ValidateService` (Service port names are DNS-1123 labels, unique, and required when there are several) and `validateContainerPorts` (container port names are IANA service names: at most 15 lowercase letters, digits or '-', with a letter; `IsValidPortName`), in kubernetes/kubernetes `pkg/apis/core/validation`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'https_public', port: 443, targetPort: 8080 }], // DNS-1123 label: no '_'
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.Service(chart, 'web-public', {
    type: kplus.ServiceType.LOAD_BALANCER,
    ports: [{ name: 'https-public', port: 443, targetPort: 8080 }],
  }).selectLabel('app.kubernetes.io/name', web.name);
}
// #endregion good
