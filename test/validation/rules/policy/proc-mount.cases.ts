// The cases of policy/proc-mount (lib/validation/rules/policy/proc-mount.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// proc-mount.test.ts.
import { add, C, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { l1Deployment } from '../../server-cases';
import { C0, deployment, goodPodSpec, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/proc-mount`. */
export const CASES: RuleCases = {
  bad: {
    Unmasked: {
      manifest: deployment(goodPodSpec([secured({ procMount: 'Unmasked' })])),
      fields: [`${C0}.securityContext.procMount`],
    },
  },
  good: { Default: { manifest: deployment(goodPodSpec([secured({ procMount: 'Default' })])) } },
  app: {
    'procMount Unmasked (JSON patch)': {
      table: 'server',
      rule: 'policy/proc-mount',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.procMount',
      mutate: (f) => patch(f.web, add(`${C}/securityContext/procMount`, 'Unmasked')),
    },
    'procMount Unmasked (L1 KubeDeployment)': {
      table: 'server',
      rule: 'policy/proc-mount',
      object: 'Deployment shop/l1-proc',
      path: 'shop/l1-proc',
      field: 'spec.template.spec.containers[0].securityContext.procMount',
      mutate: (f) =>
        l1Deployment(f, 'l1-proc', {
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            procMount: 'Unmasked',
          },
        }),
    },
  },
};
