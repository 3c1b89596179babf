import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's `ValidateAnnotationsSize` (`k8s.io/apimachinery/pkg/api/validation`): keys and values of an object's annotations together at most `TotalAnnotationSizeLimitB`, 256 KiB.";

const catalog = JSON.stringify(
  Array.from({ length: 6000 }, (_, i) => ({ sku: `SKU-${i}`, name: `Product number ${i}` })),
);

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'catalog', {
    metadata: { annotations: { 'shop.example.com/catalog': catalog } }, // about 280 KiB in all
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.ConfigMap(chart, 'catalog', {
    data: { 'catalog.json': catalog }, // data, not an annotation
  });
}
// #endregion good
