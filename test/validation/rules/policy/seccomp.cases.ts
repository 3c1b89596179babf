// The cases of policy/seccomp (lib/validation/rules/policy/seccomp.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// seccomp.test.ts.
import { add, POD, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, deployment, goodPodSpec, POD_SPEC, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/seccomp`. */
export const CASES: RuleCases = {
  bad: {
    'Unconfined on the pod': {
      manifest: deployment(
        goodPodSpec(undefined, { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } } }),
      ),
      fields: [`${POD_SPEC}.securityContext.seccompProfile.type`, `${C0}.securityContext.seccompProfile`],
    },
    'no profile anywhere': {
      manifest: deployment(goodPodSpec(undefined, { securityContext: {} })),
      fields: [`${C0}.securityContext.seccompProfile`],
      message: 'runs with seccomp profile unset',
    },
  },
  good: {
    'RuntimeDefault on the pod': { manifest: deployment() },
    'Localhost on the container': {
      manifest: deployment(
        goodPodSpec([secured({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })], {
          securityContext: {},
        }),
      ),
    },
  },
  app: {
    'seccomp Unconfined': {
      table: 'bad-input',
      rule: 'policy/seccomp',
      path: WEB,
      field: 'spec.template.spec.securityContext.seccompProfile.type',
      mutate: (f) => patch(f.web, add(`${POD}/securityContext/seccompProfile`, { type: 'Unconfined' })),
    },
  },
};
