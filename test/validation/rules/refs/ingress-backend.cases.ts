// The cases of refs/ingress-backend (lib/validation/rules/refs/ingress-backend.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by ingress-backend.test.ts.
import { replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { object, RuleCases } from '../rule-cases';

/** The cases of `refs/ingress-backend`. */
export const CASES: RuleCases = {
  bad: {
    'no such Service': {
      manifest: object('networking.k8s.io/v1', 'Ingress', 'web', {
        spec: {
          rules: [
            {
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
              },
            },
          ],
        },
      }),
      fields: ['spec.rules[0].http.paths[0].backend.service.name'],
    },
    'no such port': {
      manifest: object('networking.k8s.io/v1', 'Ingress', 'web', {
        spec: {
          rules: [
            {
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
              },
            },
          ],
        },
      }),
      others: [object('v1', 'Service', 'web', { spec: { ports: [{ port: 8080 }] } })],
      fields: ['spec.rules[0].http.paths[0].backend.service.port'],
    },
  },
  good: {
    'the Service and its port': {
      manifest: object('networking.k8s.io/v1', 'Ingress', 'web', {
        spec: {
          rules: [
            {
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
              },
            },
          ],
        },
      }),
      others: [object('v1', 'Service', 'web', { spec: { ports: [{ port: 80 }] } })],
    },
  },
  app: {
    'Ingress to a missing Service': {
      table: 'bad-input',
      rule: 'refs/ingress-backend',
      path: 'shop/web-ingress/Resource',
      field: 'spec.rules[0].http.paths[0].backend.service.name',
      mutate: (f) => patch(f.ingress, replace('/spec/rules/0/http/paths/0/backend/service/name', 'ghost')),
    },
    'Ingress to a missing Service port': {
      table: 'bad-input',
      rule: 'refs/ingress-backend',
      path: 'shop/web-ingress/Resource',
      field: 'spec.rules[0].http.paths[0].backend.service.port',
      mutate: (f) => patch(f.ingress, replace('/spec/rules/0/http/paths/0/backend/service/port', { number: 8081 })),
    },
  },
};
