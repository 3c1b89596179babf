import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `ValidateTolerations` (kubernetes/kubernetes `pkg/apis/core/validation`): operator `Equal` or `Exists`; `Exists` takes no value; an empty key needs `Exists`; `tolerationSeconds` only with the `NoExecute` effect.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const worker = new WebService(chart, 'render', { image: 'ghcr.io/acme/render:3.0.0' });
  ApiObject.of(worker.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/tolerations', [
      { key: 'dedicated', operator: 'Exists', value: 'gpu', effect: 'NoSchedule' }, // Exists takes no value
    ]),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'render', {
    image: 'ghcr.io/acme/render:3.0.0',
    tolerations: [kplus.NodeTaintQuery.is('dedicated', 'gpu', { effect: kplus.TaintEffect.NO_SCHEDULE })],
  });
}
// #endregion good
