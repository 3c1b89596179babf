import { ApiObject } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Deprecated API Migration Guide](https://kubernetes.io/docs/reference/using-api/deprecation-guide/) and the API groups each release serves (its official OpenAPI definitions): an apiVersion the target release no longer serves fails `kubectl apply` with "no matches for kind".';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new ApiObject(chart, 'web-budget', {
    apiVersion: 'policy/v1beta1', // removed in Kubernetes 1.25
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-budget' },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new ApiObject(chart, 'web-budget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-budget' },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
  });
}
// #endregion good
