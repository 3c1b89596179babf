import { ApiObject } from 'cdk8s';
import { KubecraftChart, Worker } from 'kubecraft';

export const follows =
  "The API server's range checks (kubernetes/kubernetes `pkg/apis/*/validation`): `ValidateNonnegativeField`, int32 bounds, user and group ids, `IsValidPercent` with `ValidatePodDisruptionBudgetSpec` (a percentage at most 100%), the HPA behavior bounds (periodSeconds 1-1800), and `ValidateRollingUpdateDeployment` (maxSurge and maxUnavailable not both 0).";

// #region bad
export function bad(chart: KubecraftChart): void {
  new Worker(chart, 'consumer', { image: 'ghcr.io/acme/consumer:1.2.0', ports: [{ name: 'http', port: 8080 }] });
  new ApiObject(chart, 'consumer-budget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'consumer' },
    spec: { maxUnavailable: '150%', selector: { matchLabels: { 'app.kubernetes.io/name': 'consumer' } } },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new Worker(chart, 'consumer', { image: 'ghcr.io/acme/consumer:1.2.0', ports: [{ name: 'http', port: 8080 }] });
  new ApiObject(chart, 'consumer-budget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'consumer' },
    spec: { maxUnavailable: '50%', selector: { matchLabels: { 'app.kubernetes.io/name': 'consumer' } } },
  });
}
// #endregion good
