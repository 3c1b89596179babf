// The cases of policy/node-port-range (lib/validation/rules/policy/node-port-range.ts): its check
// on plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by node-port-range.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { add, replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { SVC } from '../../server-cases';
import { object, RuleCases } from '../rule-cases';

/** The cases of `policy/node-port-range`. */
export const CASES: RuleCases = {
  bad: {
    'nodePort 8080': {
      manifest: object('v1', 'Service', 'web', { spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] } }),
      fields: ['spec.ports[0].nodePort'],
    },
  },
  good: {
    'nodePort 30080': {
      manifest: object('v1', 'Service', 'web', { spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] } }),
    },
    'a ClusterIP Service (values/service reports its nodePort)': {
      manifest: object('v1', 'Service', 'web', { spec: { ports: [{ port: 80, nodePort: 8080 }] } }),
    },
  },
  app: {
    'explicit nodePort outside the default range (JSON patch)': {
      table: 'server',
      rule: 'policy/node-port-range',
      object: 'Service shop/web-svc',
      path: SVC,
      field: 'spec.ports[0].nodePort',
      mutate: (f) => patch(f.service, replace('/spec/type', 'NodePort'), add('/spec/ports/0/nodePort', 8080)),
    },
    'explicit nodePort outside the default range (cdk8s-plus)': {
      table: 'server',
      rule: 'policy/node-port-range',
      object: 'Service shop/np',
      path: 'shop/np/Resource',
      field: 'spec.ports[0].nodePort',
      mutate: (f) =>
        new kplus.Service(f.chart, 'np', {
          type: kplus.ServiceType.NODE_PORT,
          ports: [{ port: 80, targetPort: 8080, nodePort: 80 }],
        }).selectLabel('app', 'web'),
    },
  },
};
