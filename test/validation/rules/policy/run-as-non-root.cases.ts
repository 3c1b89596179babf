// The cases of policy/run-as-non-root (lib/validation/rules/policy/run-as-non-root.ts): its check
// on plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by run-as-non-root.test.ts.
import { C, POD, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, deployment, goodPodSpec, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/run-as-non-root`. */
export const CASES: RuleCases = {
  bad: {
    'runAsUser 0 on the container': {
      manifest: deployment(goodPodSpec([secured({ runAsUser: 0 })])),
      fields: [`${C0}.securityContext.runAsNonRoot`],
      message: 'runs as root (runAsUser 0)',
    },
    'runAsNonRoot set nowhere': {
      manifest: deployment(goodPodSpec([secured({ runAsNonRoot: undefined })], { securityContext: {} })),
      fields: [`${C0}.securityContext.runAsNonRoot`],
      message: 'does not set runAsNonRoot: true',
    },
    'an upstream object: the fix names modify and relax': {
      manifest: deployment(goodPodSpec([secured({ runAsUser: 0 })])),
      origin: { source: 'UpstreamManifests', path: 'shop/upstream' },
      fields: [`${C0}.securityContext.runAsNonRoot`],
      hint: 'kept as upstream wrote it by the UpstreamManifests at shop/upstream',
    },
  },
  good: {
    'non-root on the container and the pod': { manifest: deployment() },
    'runAsNonRoot from the pod': {
      manifest: deployment(goodPodSpec([secured({ runAsNonRoot: undefined, runAsUser: undefined })])),
    },
  },
  app: {
    'runs as root': {
      table: 'bad-input',
      rule: 'policy/run-as-non-root',
      path: WEB,
      field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      mutate: (f) => patch(f.web, replace(`${C}/securityContext/runAsUser`, 0)),
    },
    'runAsNonRoot false': {
      table: 'bad-input',
      rule: 'policy/run-as-non-root',
      path: 'shop/migrate/Resource',
      field: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      mutate: (f) =>
        patch(
          f.job,
          replace(`${POD}/containers/0/securityContext/runAsNonRoot`, false),
          replace(`${POD}/securityContext/runAsNonRoot`, false),
        ),
    },
  },
};
