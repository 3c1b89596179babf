// The cases of refs/role (lib/validation/rules/refs/role.ts): its check on plain manifests (bad and
// good), and the bad-input rows that break it in the fixture app (app), run by role.test.ts.
import { replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { object, RuleCases } from '../rule-cases';

/** The cases of `refs/role`. */
export const CASES: RuleCases = {
  bad: {
    'no Role, no ServiceAccount': {
      manifest: object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'readers', {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'web' }],
      }),
      fields: ['roleRef', 'subjects[0]'],
    },
  },
  good: {
    'both in the app': {
      manifest: object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'readers', {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'web' }],
      }),
      others: [object('rbac.authorization.k8s.io/v1', 'Role', 'reader'), object('v1', 'ServiceAccount', 'web')],
    },
  },
  app: {
    'RoleBinding to a missing Role': {
      table: 'bad-input',
      rule: 'refs/role',
      path: 'shop/reader-binding/Resource',
      field: 'roleRef',
      mutate: (f) => patch(f.binding, replace('/roleRef/name', 'ghost')),
    },
    'RoleBinding to a missing ServiceAccount': {
      table: 'bad-input',
      rule: 'refs/role',
      path: 'shop/reader-binding/Resource',
      field: 'subjects[0]',
      mutate: (f) => patch(f.binding, replace('/subjects/0/name', 'ghost')),
    },
  },
};
