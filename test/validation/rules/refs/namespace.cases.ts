// The cases of refs/namespace (lib/validation/rules/refs/namespace.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// namespace.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { deployment, RuleCases } from '../rule-cases';

/** The cases of `refs/namespace`. */
export const CASES: RuleCases = {
  bad: { 'namespace shop not created': { manifest: deployment(), fields: ['metadata.namespace'] } },
  good: {
    'created by the app': {
      manifest: deployment(),
      others: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
    },
    'declared external': {
      manifest: deployment(),
      externals: [{ kind: 'Namespace', name: 'shop', reason: 'created by the platform team' }],
    },
  },
  app: {
    'namespace not created nor declared': {
      table: 'bad-input',
      rule: 'refs/namespace',
      path: 'shop/elsewhere/Resource',
      field: 'metadata.namespace',
      mutate: (f) => new kplus.ConfigMap(f.chart, 'elsewhere', { metadata: { namespace: 'ghost' } }),
    },
  },
};
