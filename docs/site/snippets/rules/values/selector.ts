import { ApiObject } from 'cdk8s';
import { KubecraftChart, Worker } from 'kubecraft';

export const follows =
  "The API server's `ValidateLabelSelector` (`k8s.io/apimachinery/pkg/apis/meta/v1/validation`): `In` and `NotIn` need values, `Exists` and `DoesNotExist` take none; keys and values are valid labels; and a workload's selector is not empty (kubernetes/kubernetes `pkg/apis/apps/validation`).";

// #region bad
export function bad(chart: KubecraftChart): void {
  new Worker(chart, 'consumer', { image: 'ghcr.io/acme/consumer:1.2.0', ports: [{ name: 'http', port: 8080 }] });
  new ApiObject(chart, 'consumer-budget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'consumer' },
    spec: {
      maxUnavailable: 1,
      selector: {
        matchLabels: { 'app.kubernetes.io/name': 'consumer' },
        matchExpressions: [{ key: 'track', operator: 'NotIn' }], // NotIn which values?
      },
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
    spec: {
      maxUnavailable: 1,
      selector: {
        matchLabels: { 'app.kubernetes.io/name': 'consumer' },
        matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }],
      },
    },
  });
}
// #endregion good
