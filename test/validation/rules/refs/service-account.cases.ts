// The cases of refs/service-account (lib/validation/rules/refs/service-account.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by service-account.test.ts.
import { POD, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, goodPodSpec, object, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `refs/service-account`. */
export const CASES: RuleCases = {
  bad: {
    'no such ServiceAccount': {
      manifest: deployment(goodPodSpec(undefined, { serviceAccountName: 'web' })),
      fields: [`${POD_SPEC}.serviceAccountName`],
    },
  },
  good: {
    'in the app': {
      manifest: deployment(goodPodSpec(undefined, { serviceAccountName: 'web' })),
      others: [object('v1', 'ServiceAccount', 'web')],
    },
    default: { manifest: deployment(goodPodSpec(undefined, { serviceAccountName: 'default' })) },
  },
  app: {
    'missing ServiceAccount': {
      table: 'bad-input',
      rule: 'refs/service-account',
      path: WEB,
      field: 'spec.template.spec.serviceAccountName',
      mutate: (f) => patch(f.web, replace(`${POD}/serviceAccountName`, 'robot')),
    },
  },
};
