import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's `ValidateLimitRange` (kubernetes/kubernetes `pkg/apis/core/validation`): per resource, min ≤ defaultRequest ≤ default ≤ max, maxLimitRequestRatio ≥ 1; a Pod limit has no defaults; a PersistentVolumeClaim limit has a min or max storage.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new ApiObject(chart, 'defaults', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'defaults' },
    spec: { limits: [{ type: 'Container', default: { memory: '512Mi' }, max: { memory: '256Mi' } }] },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new ApiObject(chart, 'defaults', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'defaults' },
    spec: { limits: [{ type: 'Container', default: { memory: '512Mi' }, max: { memory: '1Gi' } }] },
  });
}
// #endregion good
