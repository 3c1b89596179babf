import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's `ValidateJobSpec` (a Job's pods: `restartPolicy` Never or OnFailure) and `ValidatePodTemplateSpecForReplicaSet` and friends (Deployment, ReplicaSet, StatefulSet and DaemonSet pods: Always), in kubernetes/kubernetes `pkg/apis/batch/validation` and `pkg/apis/apps/validation`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new kplus.Job(chart, 'migrate', {
    restartPolicy: kplus.RestartPolicy.ALWAYS, // a Job's pod must be able to finish
    containers: [{ image: 'ghcr.io/acme/migrate:1.4.2' }],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new kplus.Job(chart, 'migrate', {
    restartPolicy: kplus.RestartPolicy.ON_FAILURE,
    containers: [{ image: 'ghcr.io/acme/migrate:1.4.2' }],
  });
}
// #endregion good
