import * as kplus from 'cdk8s-plus-27';
import { External, KubecraftChart } from 'kubecraft';

export const follows =
  'The NamespaceLifecycle admission plugin: an object in a namespace that does not exist is refused ("namespaces ... not found"). kubecraft asks that every namespace be created by the app or declared with `External.namespace` and a reason.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'payments-settings', {
    metadata: { namespace: 'payments' }, // created by whom?
    data: { CURRENCY: 'EUR' },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  External.namespace(chart, 'payments', 'created and owned by the payments team');
  new kplus.ConfigMap(chart, 'payments-settings', {
    metadata: { namespace: 'payments' },
    data: { CURRENCY: 'EUR' },
  });
}
// #endregion good
