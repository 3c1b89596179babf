// The cases of refs/unique-name (lib/validation/rules/refs/unique-name.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// unique-name.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { deployment, object, RuleCases } from '../rule-cases';

/** The cases of `refs/unique-name`. */
export const CASES: RuleCases = {
  bad: {
    'a second Deployment web': {
      manifest: deployment(),
      before: [deployment()],
      fields: ['metadata.name'],
      message: 'is defined at unit/0',
    },
  },
  good: {
    'the first of the two': { manifest: deployment(), others: [deployment()] },
    'another kind, same name': { manifest: deployment(), before: [object('v1', 'Service', 'web')] },
  },
  app: {
    'two ConfigMaps with one name': {
      table: 'bad-input',
      rule: 'refs/unique-name',
      path: 'shop/settings-copy/Resource',
      field: 'metadata.name',
      mutate: (f) => new kplus.ConfigMap(f.chart, 'settings-copy', { metadata: { name: 'settings' } }),
    },
  },
};
