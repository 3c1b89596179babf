// The cases of policy/host-path (lib/validation/rules/policy/host-path.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// host-path.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { WEB } from '../../bad-input-cases';
import { deployment, goodPodSpec, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `policy/host-path`. */
export const CASES: RuleCases = {
  bad: {
    'a hostPath volume': {
      manifest: deployment(goodPodSpec(undefined, { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] })),
      fields: [`${POD_SPEC}.volumes[0].hostPath`],
      message: "volume 'logs' mounts the node's /var/log",
    },
  },
  good: {
    'an emptyDir': { manifest: deployment(goodPodSpec(undefined, { volumes: [{ name: 'tmp', emptyDir: {} }] })) },
  },
  app: {
    'hostPath volume': {
      table: 'bad-input',
      rule: 'policy/host-path',
      path: WEB,
      field: 'spec.template.spec.volumes[0].hostPath',
      mutate: (f) => f.web.addVolume(kplus.Volume.fromHostPath(f.chart, 'etc', 'etc', { path: '/etc' })),
    },
  },
};
