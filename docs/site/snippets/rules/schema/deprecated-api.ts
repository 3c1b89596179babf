import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  'The [Deprecated API Migration Guide](https://kubernetes.io/docs/reference/using-api/deprecation-guide/) and the [deprecation policy](https://kubernetes.io/docs/reference/using-api/deprecation-policy/): a deprecated apiVersion is still served (the API server answers with a `Warning:` header) until the release that removes it.';

/** Dynamic resource allocation: resource.k8s.io/v1alpha3 is deprecated in 1.33 (v1beta2 is there) and gone in 1.34. */
export const kubernetesVersion = '1.33';

// #region bad
export function bad(chart: KubecraftChart): void {
  // the app targets Kubernetes 1.33: new KubecraftApp({ kubernetesVersion: '1.33' })
  new ApiObject(chart, 'gpu', {
    apiVersion: 'resource.k8s.io/v1alpha3',
    kind: 'ResourceClaimTemplate',
    metadata: { name: 'gpu' },
    spec: { spec: { devices: { requests: [{ name: 'gpu', deviceClassName: 'gpu.example.com' }] } } },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new ApiObject(chart, 'gpu', {
    apiVersion: 'resource.k8s.io/v1beta2',
    kind: 'ResourceClaimTemplate',
    metadata: { name: 'gpu' },
    spec: { spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu.example.com' } }] } } },
  });
}
// #endregion good
