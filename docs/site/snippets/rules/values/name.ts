import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's name validation: `ValidateObjectMeta` with each kind's name rule (`k8s.io/apimachinery/pkg/api/validation`, `pkg/apis/*/validation` in kubernetes/kubernetes): DNS-1123 subdomains for most kinds (`NameIsDNSSubdomain`), DNS-1035 labels for Services (`ValidateServiceName`), at most 52 characters for CronJobs (their Jobs get an 11-character suffix), path segments for RBAC objects.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', {
    metadata: { name: 'Shop_Settings' }, // no uppercase, no '_'
    data: { LOG_LEVEL: 'info' },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', {
    metadata: { name: 'shop-settings' },
    data: { LOG_LEVEL: 'info' },
  });
}
// #endregion good
