// The cases of policy/capabilities (lib/validation/rules/policy/capabilities.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by capabilities.test.ts.
import { add, C, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, deployment, goodPodSpec, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/capabilities`. */
export const CASES: RuleCases = {
  bad: {
    'ALL not dropped': {
      manifest: deployment(goodPodSpec([secured({ capabilities: {} })])),
      fields: [`${C0}.securityContext.capabilities.drop`],
    },
    'SYS_ADMIN added': {
      manifest: deployment(
        goodPodSpec([secured({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } })]),
      ),
      fields: [`${C0}.securityContext.capabilities.add`],
      message: 'adds SYS_ADMIN',
    },
  },
  good: {
    'ALL dropped': { manifest: deployment() },
    'NET_BIND_SERVICE added': {
      manifest: deployment(goodPodSpec([secured({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })])),
    },
  },
  app: {
    'capability added': {
      table: 'bad-input',
      rule: 'policy/capabilities',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.capabilities.add',
      mutate: (f) => patch(f.web, add(`${C}/securityContext/capabilities`, { drop: ['ALL'], add: ['SYS_ADMIN'] })),
    },
    'capabilities not all dropped': {
      table: 'bad-input',
      rule: 'policy/capabilities',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
      mutate: (f) => patch(f.web, add(`${C}/securityContext/capabilities`, { drop: ['NET_RAW'] })),
    },
  },
};
