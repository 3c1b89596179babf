import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The API server\'s `ValidateVolumeMounts` (kubernetes/kubernetes `pkg/apis/core/validation`): every volumeMount names a volume of the pod ("not found"); for a StatefulSet, a volume claim template counts.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', { name: 'cache', mountPath: '/var/cache/web' }), // no volume named cache
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    writablePaths: ['/tmp', '/var/cache/web'], // an emptyDir volume and its mount for each
  });
}
// #endregion good
