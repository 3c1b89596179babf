import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The API server\'s `validateContainers` (unique container names across init and regular containers), `ValidateVolumes` (unique volume names) and `ValidateVolumeMounts` ("must be unique" mount paths per container), in kubernetes/kubernetes `pkg/apis/core/validation`.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    mounts: [
      { path: '/data', volume: kplus.Volume.fromEmptyDir(chart, 'uploads', 'uploads') },
      { path: '/data', volume: kplus.Volume.fromEmptyDir(chart, 'thumbnails', 'thumbnails') },
    ],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    mounts: [
      { path: '/data/uploads', volume: kplus.Volume.fromEmptyDir(chart, 'uploads', 'uploads') },
      { path: '/data/thumbnails', volume: kplus.Volume.fromEmptyDir(chart, 'thumbnails', 'thumbnails') },
    ],
  });
}
// #endregion good
