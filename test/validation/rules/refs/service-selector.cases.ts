// The cases of refs/service-selector (lib/validation/rules/refs/service-selector.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by service-selector.test.ts.
import { replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, object, RuleCases } from '../rule-cases';

/** The cases of `refs/service-selector`. */
export const CASES: RuleCases = {
  bad: {
    'no pod template selected': {
      manifest: object('v1', 'Service', 'web', {
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      }),
      fields: ['spec.selector'],
    },
  },
  good: {
    'a Deployment selected': {
      manifest: object('v1', 'Service', 'web', {
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      }),
      others: [deployment()],
    },
    'pods declared external': {
      manifest: object('v1', 'Service', 'web', {
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      }),
      externals: [
        {
          kind: 'Pod',
          name: 'operator-pods',
          namespace: 'shop',
          labels: { app: 'web' },
          reason: 'created by the operator',
        },
      ],
    },
  },
  app: {
    'Service selecting nothing': {
      table: 'bad-input',
      rule: 'refs/service-selector',
      path: 'shop/web-svc/Resource',
      field: 'spec.selector',
      mutate: (f) => patch(f.service, replace('/spec/selector', { app: 'nothing' })),
    },
  },
};
