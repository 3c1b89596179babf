import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's pod spec validation (`ValidatePodSpec`, `validateContainers`, `ValidateVolumes` in kubernetes/kubernetes `pkg/apis/core/validation`): container and volume names, `hostname` and `subdomain` are DNS-1123 labels; `serviceAccountName`, `priorityClassName` and the names of referenced ConfigMaps and Secrets are DNS-1123 subdomains.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    mounts: [{ path: '/var/cache/web', volume: kplus.Volume.fromEmptyDir(chart, 'cache', 'Cache_Dir') }],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    mounts: [{ path: '/var/cache/web', volume: kplus.Volume.fromEmptyDir(chart, 'cache', 'cache') }],
  });
}
// #endregion good
