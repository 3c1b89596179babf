// The cases of policy/host-process (lib/validation/rules/policy/host-process.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by host-process.test.ts.
import { add, POD, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { rawPod } from '../../server-cases';
import { C0, deployment, goodPodSpec, POD_SPEC, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/host-process`. */
export const CASES: RuleCases = {
  bad: {
    'on the pod': {
      manifest: deployment(goodPodSpec(undefined, { securityContext: { windowsOptions: { hostProcess: true } } })),
      fields: [`${POD_SPEC}.securityContext.windowsOptions.hostProcess`],
    },
    'on a container': {
      manifest: deployment(goodPodSpec([secured({ windowsOptions: { hostProcess: true } })])),
      fields: [`${C0}.securityContext.windowsOptions.hostProcess`],
    },
  },
  good: {
    'hostProcess false': { manifest: deployment(goodPodSpec([secured({ windowsOptions: { hostProcess: false } })])) },
  },
  app: {
    'Windows HostProcess pod (JSON patch)': {
      table: 'server',
      rule: 'policy/host-process',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.template.spec.securityContext.windowsOptions.hostProcess',
      mutate: (f) => patch(f.web, add(`${POD}/securityContext/windowsOptions`, { hostProcess: true })),
    },
    'Windows HostProcess container (raw Pod)': {
      table: 'server',
      rule: 'policy/host-process',
      object: 'Pod shop/hostproc',
      path: 'shop/hostproc',
      field: 'spec.containers[0].securityContext.windowsOptions.hostProcess',
      mutate: (f) =>
        rawPod(f, 'hostproc', {
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            windowsOptions: { hostProcess: true },
          },
        }),
    },
  },
};
