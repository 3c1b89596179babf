import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "HostPath Volumes": no `hostPath` volumes. A node agent that must read the node\'s files (logs, metrics) declares each path with its reason: `NodeAgent`\'s `hostPaths` records it as a relaxation.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'thumbnails', {
    image: 'ghcr.io/acme/thumbnails:1.3.0',
    mounts: [{ path: '/cache', volume: kplus.Volume.fromHostPath(chart, 'cache', 'cache', { path: '/mnt/cache' }) }],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'thumbnails', {
    image: 'ghcr.io/acme/thumbnails:1.3.0',
    mounts: [{ path: '/cache', volume: kplus.Volume.fromEmptyDir(chart, 'cache', 'cache') }],
  });
}
// #endregion good
