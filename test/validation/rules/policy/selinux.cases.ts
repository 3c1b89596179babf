// The cases of policy/selinux (lib/validation/rules/policy/selinux.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// selinux.test.ts.
import { add, POD, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { rawPod } from '../../server-cases';
import { C0, deployment, goodPodSpec, POD_SPEC, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/selinux`. */
export const CASES: RuleCases = {
  bad: {
    'a custom type and user': {
      manifest: deployment(goodPodSpec([secured({ seLinuxOptions: { type: 'spc_t', user: 'system_u' } })])),
      fields: [`${C0}.securityContext.seLinuxOptions.type`, `${C0}.securityContext.seLinuxOptions.user`],
    },
    'a custom role on the pod': {
      manifest: deployment(goodPodSpec(undefined, { securityContext: { seLinuxOptions: { role: 'r' } } })),
      fields: [`${POD_SPEC}.securityContext.seLinuxOptions.role`],
    },
  },
  good: {
    container_t: {
      manifest: deployment(goodPodSpec([secured({ seLinuxOptions: { type: 'container_t', level: 's0' } })])),
    },
  },
  app: {
    'custom SELinux user (JSON patch)': {
      table: 'server',
      rule: 'policy/selinux',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.template.spec.securityContext.seLinuxOptions.user',
      mutate: (f) => patch(f.web, add(`${POD}/securityContext/seLinuxOptions`, { user: 'system_u' })),
    },
    'SELinux type spc_t (raw Pod)': {
      table: 'server',
      rule: 'policy/selinux',
      object: 'Pod shop/selinux',
      path: 'shop/selinux',
      field: 'spec.containers[0].securityContext.seLinuxOptions.type',
      mutate: (f) =>
        rawPod(f, 'selinux', {
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seLinuxOptions: { type: 'spc_t' },
          },
        }),
    },
  },
};
