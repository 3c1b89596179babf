// The cases of policy/privileged-port (lib/validation/rules/policy/privileged-port.ts): its check
// on plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by privileged-port.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { WebService } from '../../../../lib';
import { C, replace } from '../../bad-input-cases';
import { NON_ROOT, patch, SMALL } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `policy/privileged-port`. */
export const CASES: RuleCases = {
  bad: {
    'port 80 as non-root': {
      manifest: deployment(goodPodSpec([container({ ports: [{ containerPort: 80, name: 'http' }] })])),
      fields: [`${C0}.ports[0].containerPort`],
      message: 'below the first unprivileged port 1024',
    },
  },
  good: {
    'port 8080': { manifest: deployment() },
    'port 80 with ip_unprivileged_port_start 0': {
      manifest: deployment(
        goodPodSpec([container({ ports: [{ containerPort: 80, name: 'http' }] })], {
          securityContext: {
            runAsNonRoot: true,
            sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
          },
        }),
      ),
    },
  },
  app: {
    'non-root container on port 80 (cdk8s-plus)': {
      table: 'server',
      rule: 'policy/privileged-port',
      object: 'Deployment shop/port80',
      path: 'shop/port80/Resource',
      field: 'spec.template.spec.containers[0].ports[0].containerPort',
      mutate: (f) =>
        new kplus.Deployment(f.chart, 'port80', {
          securityContext: { user: 1000 },
          containers: [{ image: 'nginx:1.25.3', ports: [{ number: 80 }], securityContext: NON_ROOT, resources: SMALL }],
        }),
    },
    'non-root container on port 443 (kubecraft WebService)': {
      table: 'server',
      rule: 'policy/privileged-port',
      object: 'Deployment shop/tls',
      path: 'shop/tls/Deployment/Resource',
      field: 'spec.template.spec.containers[0].ports[0].containerPort',
      mutate: (f) => {
        const svc = new WebService(f.chart, 'tls', { image: 'ghcr.io/acme/tls:1.0.0' });
        patch(svc.deployment, replace(`${C}/ports/0/containerPort`, 443));
      },
    },
  },
};
