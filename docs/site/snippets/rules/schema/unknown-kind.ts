import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  'API discovery: the API server serves only the built-in kinds of its release and the kinds of the CRDs installed in it; anything else fails `kubectl apply` with "no matches for kind ... ensure CRDs are installed first". kubecraft knows the built-in kinds of the target release, the CRDs the app contains, those registered with `registerCrdsFromFile`, and those imported with `kubecraft import`.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new ApiObject(chart, 'settings', {
    apiVersion: 'v1',
    kind: 'Configmap', // kinds are case-sensitive
    metadata: { name: 'settings' },
    data: { LOG_LEVEL: 'info' },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new ApiObject(chart, 'settings', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { LOG_LEVEL: 'info' },
  });
}
// #endregion good
