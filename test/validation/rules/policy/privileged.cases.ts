// The cases of policy/privileged (lib/validation/rules/policy/privileged.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// privileged.test.ts.
import { C, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, deployment, goodPodSpec, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/privileged`. */
export const CASES: RuleCases = {
  bad: {
    'privileged: true': {
      manifest: deployment(goodPodSpec([secured({ privileged: true })])),
      fields: [`${C0}.securityContext.privileged`],
    },
  },
  good: { 'not privileged': { manifest: deployment() } },
  app: {
    'privileged container': {
      table: 'bad-input',
      rule: 'policy/privileged',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.privileged',
      mutate: (f) => patch(f.web, replace(`${C}/securityContext/privileged`, true)),
    },
  },
};
