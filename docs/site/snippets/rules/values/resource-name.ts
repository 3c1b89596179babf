import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `validateContainerResourceName` (kubernetes/kubernetes `pkg/apis/core/validation`): a standard resource (`cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>`) or a fully qualified extended resource such as `nvidia.com/gpu`, as its device plugin advertises it.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const inference = new WebService(chart, 'inference', { image: 'ghcr.io/acme/inference:3.1.0' });
  // a JSON patch (the cdk8s escape hatch) adds what the pattern's props do not cover
  ApiObject.of(inference.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/resources/limits/gpu', '1'),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const inference = new WebService(chart, 'inference', { image: 'ghcr.io/acme/inference:3.1.0' });
  ApiObject.of(inference.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', '1'),
  );
}
// #endregion good
