import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `validateObjectFieldSelector` with `validEnvDownwardAPIFieldPathExpressions` and `validVolumeDownwardAPIFieldPathExpressions`, and `validateContainerResourceFieldSelector` (kubernetes/kubernetes `pkg/apis/core/validation`): env and volumes each support their own list of pod fields.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/env', [
      { name: 'STARTED_AT', valueFrom: { fieldRef: { fieldPath: 'status.startTime' } } }, // not a downward API field
    ]),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: {
      POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
      NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
    },
  });
}
// #endregion good
