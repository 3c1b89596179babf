import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "restricted" control "Volume Types": only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes. Storage is reached through a PersistentVolumeClaim (and a StorageClass or PersistentVolume the platform owns), not mounted by the pod directly.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    mounts: [
      {
        path: '/shared',
        volume: kplus.Volume.fromNfs(chart, 'shared', 'shared', { server: 'nfs.example.com', path: '/exports/shop' }),
      },
    ],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const claim = new kplus.PersistentVolumeClaim(chart, 'shared-claim', {
    storage: Size.gibibytes(20),
    accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY],
    storageClassName: 'nfs', // the platform's NFS provisioner
  });
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    mounts: [{ path: '/shared', volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'shared', claim) }],
  });
}
// #endregion good
