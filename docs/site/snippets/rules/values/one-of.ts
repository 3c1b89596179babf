import { ApiObject } from 'cdk8s';
import { KubecraftChart, Worker } from 'kubecraft';

export const follows =
  'The API server\'s one-of checks (kubernetes/kubernetes `pkg/apis/*/validation`): `ValidatePodDisruptionBudgetSpec` (minAvailable and maxUnavailable cannot be both set), `validateVolumeSource` ("may not specify more than 1 volume type"), `validateEnvVarValueFrom`, `validateHandler`, the Ingress backend and NetworkPolicy peer checks.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new Worker(chart, 'consumer', { image: 'ghcr.io/acme/consumer:1.2.0', ports: [{ name: 'http', port: 8080 }] });
  new ApiObject(chart, 'consumer-budget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'consumer' },
    spec: {
      minAvailable: 1,
      maxUnavailable: 1, // one or the other
      selector: { matchLabels: { 'app.kubernetes.io/name': 'consumer' } },
    },
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
    spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'consumer' } } },
  });
}
// #endregion good
