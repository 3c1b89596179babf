import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's quantity parsing (`resource.ParseQuantity` in `k8s.io/apimachinery/pkg/api/resource`, checked by `ValidateResourceQuantityValue` and the resource validation in kubernetes/kubernetes `pkg/apis/core/validation`): a number with an optional suffix, `m`, `k`, `M`, `G`, ... or `Ki`, `Mi`, `Gi`, ... (there is no `GB`).";

// #region bad
export function bad(chart: KubecraftChart): void {
  new ApiObject(chart, 'data', {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10GB' } } },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new ApiObject(chart, 'data', {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
  });
}
// #endregion good
