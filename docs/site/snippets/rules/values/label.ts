import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's label and annotation validation: `ValidateLabels` (`k8s.io/apimachinery/pkg/apis/meta/v1/validation`) with `IsQualifiedName` for keys and `IsValidLabelValue` for values, and `ValidateAnnotations` for annotation keys (`k8s.io/apimachinery/pkg/util/validation`).";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', {
    metadata: { labels: { team: 'Platform Team' } }, // label values: no spaces
    data: { LOG_LEVEL: 'info' },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'settings', {
    metadata: { labels: { team: 'platform-team' }, annotations: { 'shop.example.com/owner': 'Platform Team' } },
    data: { LOG_LEVEL: 'info' },
  });
}
// #endregion good
