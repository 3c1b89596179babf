import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  'Object identity in the API: group, kind, namespace and name. `kubectl apply` of two objects with the same identity applies both to one object: the second silently replaces the first.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  new kplus.ConfigMap(chart, 'feature-flags', {
    metadata: { name: 'settings' }, // the same name as the first
    data: { NEW_CHECKOUT: 'true' },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', { data: { LOG_LEVEL: 'info' } });
  new kplus.ConfigMap(chart, 'feature-flags', { data: { NEW_CHECKOUT: 'true' } });
}
// #endregion good
