// The cases of policy/probes (lib/validation/rules/policy/probes.ts): its check on plain manifests
// (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// probes.test.ts.
import { C, remove, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, object, RuleCases } from '../rule-cases';

/** The cases of `policy/probes`. */
export const CASES: RuleCases = {
  bad: {
    'no readiness probe': {
      manifest: deployment(goodPodSpec([container({ readinessProbe: undefined })])),
      fields: [C0],
      message: 'has no readinessProbe',
    },
  },
  good: {
    'both probes': { manifest: deployment() },
    'a Job (not long-running)': {
      manifest: object('batch/v1', 'Job', 'migrate', {
        spec: { template: { spec: goodPodSpec([container({ livenessProbe: undefined, readinessProbe: undefined })]) } },
      }),
    },
    'an init container': {
      manifest: deployment(
        goodPodSpec(undefined, {
          initContainers: [container({ name: 'init', livenessProbe: undefined, readinessProbe: undefined })],
        }),
      ),
    },
  },
  app: {
    'no readiness probe': {
      table: 'bad-input',
      rule: 'policy/probes',
      path: WEB,
      field: 'spec.template.spec.containers[0]',
      mutate: (f) => patch(f.web, remove(`${C}/readinessProbe`)),
    },
  },
};
