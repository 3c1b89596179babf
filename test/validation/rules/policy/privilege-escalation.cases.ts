// The cases of policy/privilege-escalation (lib/validation/rules/policy/privilege-escalation.ts):
// its check on plain manifests (bad and good), and the bad-input rows that break it in the fixture
// app (app), run by privilege-escalation.test.ts.
import { C, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, deployment, goodPodSpec, pod, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/privilege-escalation`. */
export const CASES: RuleCases = {
  bad: {
    'allowPrivilegeEscalation true': {
      manifest: deployment(goodPodSpec([secured({ allowPrivilegeEscalation: true })])),
      fields: [`${C0}.securityContext.allowPrivilegeEscalation`],
    },
    'allowPrivilegeEscalation unset': {
      manifest: pod(goodPodSpec([secured({ allowPrivilegeEscalation: undefined })])),
      fields: ['spec.containers[0].securityContext.allowPrivilegeEscalation'],
    },
  },
  good: {
    false: { manifest: deployment() },
    'a Windows pod (not checked)': {
      manifest: deployment(goodPodSpec([secured({ allowPrivilegeEscalation: true })], { os: { name: 'windows' } })),
    },
  },
  app: {
    'privilege escalation allowed': {
      table: 'bad-input',
      rule: 'policy/privilege-escalation',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
      mutate: (f) => patch(f.web, replace(`${C}/securityContext/allowPrivilegeEscalation`, true)),
    },
  },
};
