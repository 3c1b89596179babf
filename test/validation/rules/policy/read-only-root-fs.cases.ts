// The cases of policy/read-only-root-fs (lib/validation/rules/policy/read-only-root-fs.ts): its
// check on plain manifests (bad and good), and the bad-input rows that break it in the fixture app
// (app), run by read-only-root-fs.test.ts.
import { C, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, deployment, goodPodSpec, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/read-only-root-fs`. */
export const CASES: RuleCases = {
  bad: {
    'a writable root filesystem': {
      manifest: deployment(goodPodSpec([secured({ readOnlyRootFilesystem: false })])),
      fields: [`${C0}.securityContext.readOnlyRootFilesystem`],
    },
  },
  good: { 'read-only': { manifest: deployment() } },
  app: {
    'writable root filesystem': {
      table: 'bad-input',
      rule: 'policy/read-only-root-fs',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
      mutate: (f) => patch(f.web, replace(`${C}/securityContext/readOnlyRootFilesystem`, false)),
    },
  },
};
