import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's `field.Required` checks, which the OpenAPI schema cannot express (it marks these fields optional): e.g. `ValidatePersistentVolumeClaimSpec` requires at least one access mode and a storage request, `validateContainers` an image, `ValidateService` ports (kubernetes/kubernetes `pkg/apis/*/validation`).";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.PersistentVolumeClaim(chart, 'data', {
    storage: Size.gibibytes(10), // and no accessModes
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.PersistentVolumeClaim(chart, 'data', {
    storage: Size.gibibytes(10),
    accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
  });
}
// #endregion good
