// The cases of policy/sysctls (lib/validation/rules/policy/sysctls.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// sysctls.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { add, POD, WEB } from '../../bad-input-cases';
import { NON_ROOT, patch, SMALL } from '../../fixture-app';
import { deployment, goodPodSpec, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `policy/sysctls`. */
export const CASES: RuleCases = {
  bad: {
    'an unsafe sysctl': {
      manifest: deployment(
        goodPodSpec(undefined, {
          securityContext: { runAsNonRoot: true, sysctls: [{ name: 'kernel.msgmax', value: '1' }] },
        }),
      ),
      fields: [`${POD_SPEC}.securityContext.sysctls[0].name`],
    },
    'a sysctl safe only from 1.29, on 1.28': {
      manifest: deployment(
        goodPodSpec(undefined, {
          securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] },
        }),
      ),
      kubernetesVersion: '1.28',
      fields: [`${POD_SPEC}.securityContext.sysctls[0].name`],
      message: 'of Kubernetes 1.28',
    },
  },
  good: {
    'the same on 1.29': {
      manifest: deployment(
        goodPodSpec(undefined, {
          securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] },
        }),
      ),
      kubernetesVersion: '1.29',
    },
  },
  app: {
    'unsafe sysctl (cdk8s-plus)': {
      table: 'server',
      rule: 'policy/sysctls',
      object: 'Deployment shop/unsafe',
      path: 'shop/unsafe/Resource',
      field: 'spec.template.spec.securityContext.sysctls[0].name',
      mutate: (f) =>
        new kplus.Deployment(f.chart, 'unsafe', {
          securityContext: { user: 1000, sysctls: [{ name: 'kernel.msgmax', value: '65536' }] },
          containers: [{ image: 'busybox:1.36', securityContext: NON_ROOT, resources: SMALL }],
        }),
    },
    'unsafe sysctl (JSON patch)': {
      table: 'server',
      rule: 'policy/sysctls',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.template.spec.securityContext.sysctls[0].name',
      mutate: (f) =>
        patch(f.web, add(`${POD}/securityContext/sysctls`, [{ name: 'net.core.somaxconn', value: '1024' }])),
    },
  },
};
