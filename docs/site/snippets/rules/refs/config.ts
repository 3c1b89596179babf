import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The kubelet: a container whose env or volume references a missing ConfigMap, Secret, key or PersistentVolumeClaim does not start (`CreateContainerConfigError`, or the pod stays Pending). The API server does not check references.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const settings = new kplus.ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: { LOG_LEVEL: kplus.EnvValue.fromConfigMap(settings, 'LOGLEVEL') }, // the key is LOG_LEVEL
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const settings = new kplus.ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    env: { LOG_LEVEL: kplus.EnvValue.fromConfigMap(settings, 'LOG_LEVEL') },
  });
}
// #endregion good
