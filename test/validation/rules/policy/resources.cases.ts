// The cases of policy/resources (lib/validation/rules/policy/resources.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// resources.test.ts.
import { C, POD, remove, WEB } from '../../bad-input-cases';
import { NON_ROOT, patch, SMALL } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `policy/resources`. */
export const CASES: RuleCases = {
  bad: {
    'a cpu request only': {
      manifest: deployment(goodPodSpec([container({ resources: { requests: { cpu: '100m' } } })])),
      fields: [`${C0}.resources.requests`, `${C0}.resources.limits`],
      message: 'sets no',
    },
    'an init container without resources': {
      manifest: deployment(
        goodPodSpec(undefined, { initContainers: [container({ name: 'init', resources: undefined })] }),
      ),
      fields: [`${POD_SPEC}.initContainers[0].resources.requests`, `${POD_SPEC}.initContainers[0].resources.limits`],
    },
  },
  good: { 'requests and limits': { manifest: deployment() } },
  app: {
    'no memory limit': {
      table: 'bad-input',
      rule: 'policy/resources',
      path: WEB,
      field: 'spec.template.spec.containers[0].resources.limits',
      mutate: (f) => patch(f.web, remove(`${C}/resources/limits/memory`)),
    },
    'init container without requests': {
      table: 'bad-input',
      rule: 'policy/resources',
      path: WEB,
      field: 'spec.template.spec.initContainers[0].resources.requests',
      mutate: (f) => {
        f.web.addInitContainer({ name: 'init', image: 'busybox:1.36', securityContext: NON_ROOT, resources: SMALL });
        patch(f.web, remove(`${POD}/initContainers/0/resources/requests`));
      },
    },
  },
};
