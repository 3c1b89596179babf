import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's `ValidateNonnegativeField` on replica counts and `backoffLimit` (kubernetes/kubernetes `pkg/apis/apps/validation`, `pkg/apis/batch/validation`) and `validateHorizontalPodAutoscalerSpec` (minReplicas ≤ maxReplicas) in `pkg/apis/autoscaling/validation`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Job(chart, 'migrate', {
    backoffLimit: -1, // there is no "retry forever"
    containers: [{ image: 'ghcr.io/acme/migrate:1.4.2' }],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.Job(chart, 'migrate', {
    backoffLimit: 6,
    containers: [{ image: 'ghcr.io/acme/migrate:1.4.2' }],
  });
}
// #endregion good
