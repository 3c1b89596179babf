// The cases of policy/volume-types (lib/validation/rules/policy/volume-types.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by volume-types.test.ts.
import { add, POD, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { rawPod } from '../../server-cases';
import { deployment, goodPodSpec, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `policy/volume-types`. */
export const CASES: RuleCases = {
  bad: {
    'an nfs volume': {
      manifest: deployment(goodPodSpec(undefined, { volumes: [{ name: 'share', nfs: { server: 'nfs', path: '/' } }] })),
      fields: [`${POD_SPEC}.volumes[0].nfs`],
    },
  },
  good: {
    'restricted types, and hostPath (policy/host-path reports it)': {
      manifest: deployment(
        goodPodSpec(undefined, {
          volumes: [
            { name: 'tmp', emptyDir: {} },
            { name: 'cfg', configMap: { name: 'settings' } },
            { name: 'logs', hostPath: { path: '/var/log' } },
            { name: 'defaulted' },
          ],
        }),
      ),
    },
  },
  app: {
    'nfs volume (JSON patch)': {
      table: 'server',
      rule: 'policy/volume-types',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.template.spec.volumes[0].nfs',
      mutate: (f) =>
        patch(f.web, add(`${POD}/volumes`, [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } }])),
    },
    'gitRepo volume (raw Pod)': {
      table: 'server',
      rule: 'policy/volume-types',
      object: 'Pod shop/git',
      path: 'shop/git',
      field: 'spec.volumes[0].gitRepo',
      mutate: (f) =>
        rawPod(f, 'git', {}, { volumes: [{ name: 'src', gitRepo: { repository: 'https://example.com/x.git' } }] }),
    },
  },
};
