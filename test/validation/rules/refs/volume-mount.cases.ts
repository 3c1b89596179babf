// The cases of refs/volume-mount (lib/validation/rules/refs/volume-mount.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// volume-mount.test.ts.
import { add, C, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `refs/volume-mount`. */
export const CASES: RuleCases = {
  bad: {
    'a mount of no volume': {
      manifest: deployment(goodPodSpec([container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })])),
      fields: [`${C0}.volumeMounts[0].name`],
    },
  },
  good: {
    'a mount of a volume': {
      manifest: deployment(
        goodPodSpec([container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })], {
          volumes: [{ name: 'data', emptyDir: {} }],
        }),
      ),
    },
  },
  app: {
    'mount of an unknown volume': {
      table: 'bad-input',
      rule: 'refs/volume-mount',
      path: WEB,
      field: 'spec.template.spec.containers[0].volumeMounts[0].name',
      mutate: (f) => patch(f.web, add(`${C}/volumeMounts`, [{ name: 'ghost', mountPath: '/data' }])),
    },
  },
};
