import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's `ValidateConfigMap` and `ValidateSecret` (kubernetes/kubernetes `pkg/apis/core/validation`) with `IsConfigMapKey` (`k8s.io/apimachinery/pkg/util/validation`): at most 253 alphanumerics, '-', '_' or '.', and not '.' or '..'.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', {
    data: { 'app config.yaml': 'logLevel: info\n' }, // no spaces in keys
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', {
    data: { 'app-config.yaml': 'logLevel: info\n' },
  });
}
// #endregion good
