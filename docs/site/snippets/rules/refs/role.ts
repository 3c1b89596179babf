import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'RBAC authorization: a RoleBinding grants the rules of the Role it names to its subjects; a missing Role, or a ServiceAccount that does not exist, grants nothing. The API server accepts such a binding.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', serviceAccount: {} });
  new ApiObject(chart, 'web-reads-pods', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'web-reads-pods' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, // no such Role
    subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', serviceAccount: {} });
  const reader = new kplus.Role(chart, 'pod-reader', { metadata: { name: 'pod-reader' } });
  reader.allowRead(kplus.ApiResource.PODS);
  new ApiObject(chart, 'web-reads-pods', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'web-reads-pods' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: reader.name },
    subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
  });
}
// #endregion good
