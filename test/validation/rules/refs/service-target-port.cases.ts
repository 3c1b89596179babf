// The cases of refs/service-target-port (lib/validation/rules/refs/service-target-port.ts): its
// check on plain manifests (bad and good), and the bad-input rows that break it in the fixture app
// (app), run by service-target-port.test.ts.
import { replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, object, RuleCases } from '../rule-cases';

/** The cases of `refs/service-target-port`. */
export const CASES: RuleCases = {
  bad: {
    'a port no container has': {
      manifest: object('v1', 'Service', 'web', {
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9090 }] },
      }),
      others: [deployment()],
      fields: ['spec.ports[0].targetPort'],
      message: 'selected pods expose: 8080 (http)',
    },
  },
  good: {
    'the named port': {
      manifest: object('v1', 'Service', 'web', {
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
      }),
      others: [deployment()],
    },
    'the port number': {
      manifest: object('v1', 'Service', 'web', {
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      }),
      others: [deployment()],
    },
  },
  app: {
    'targetPort not exposed': {
      table: 'bad-input',
      rule: 'refs/service-target-port',
      path: 'shop/web-svc/Resource',
      field: 'spec.ports[0].targetPort',
      mutate: (f) => patch(f.service, replace('/spec/ports/0/targetPort', 9090)),
    },
    'targetPort name not a container port': {
      table: 'bad-input',
      rule: 'refs/service-target-port',
      path: 'shop/web-svc/Resource',
      field: 'spec.ports[0].targetPort',
      mutate: (f) => patch(f.service, replace('/spec/ports/0/targetPort', 'grpc')),
    },
  },
};
