// The cases of policy/plaintext-secret (lib/validation/rules/policy/plaintext-secret.ts): its check
// on plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by plaintext-secret.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { object, RuleCases } from '../rule-cases';

/** The cases of `policy/plaintext-secret`. */
export const CASES: RuleCases = {
  bad: {
    data: { manifest: object('v1', 'Secret', 'creds', { data: { password: 'c2VjcmV0' } }), fields: ['data'] },
    stringData: {
      manifest: object('v1', 'Secret', 'creds', { stringData: { password: 'secret' } }),
      fields: ['stringData'],
    },
  },
  good: {
    'no data': { manifest: object('v1', 'Secret', 'creds', { data: {} }) },
    'a ConfigMap': { manifest: object('v1', 'ConfigMap', 'settings', { data: { a: 'b' } }) },
  },
  app: {
    'Secret with plaintext values': {
      table: 'bad-input',
      rule: 'policy/plaintext-secret',
      path: 'shop/creds/Resource',
      field: 'stringData',
      mutate: (f) => new kplus.Secret(f.chart, 'creds', { stringData: { password: 'hunter2' } }),
    },
  },
};
