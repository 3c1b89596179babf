// The cases of policy/image-pinned (lib/validation/rules/policy/image-pinned.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by image-pinned.test.ts.
import { C, POD, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `policy/image-pinned`. */
export const CASES: RuleCases = {
  bad: {
    latest: {
      manifest: deployment(goodPodSpec([container({ image: 'nginx:latest' })])),
      fields: [`${C0}.image`],
      hint: "'crane digest nginx:latest'",
    },
    'no tag': { manifest: deployment(goodPodSpec([container({ image: 'nginx' })])), fields: [`${C0}.image`] },
  },
  good: {
    'a version': { manifest: deployment() },
    'a digest': {
      manifest: deployment(goodPodSpec([container({ image: `nginx@sha256:${'a'.repeat(64)}` })])),
    },
    'no image (values/required reports it)': { manifest: deployment(goodPodSpec([container({ image: '' })])) },
  },
  app: {
    'image without tag': {
      table: 'bad-input',
      rule: 'policy/image-pinned',
      path: WEB,
      field: 'spec.template.spec.containers[0].image',
      mutate: (f) => patch(f.web, replace(`${C}/image`, 'nginx')),
    },
    'image :latest': {
      table: 'bad-input',
      rule: 'policy/image-pinned',
      path: 'shop/migrate/Resource',
      field: 'spec.template.spec.containers[0].image',
      mutate: (f) =>
        patch(f.job, replace(`${POD}/containers/0/image`, 'registry.example.com:5000/tools/busybox:latest')),
    },
  },
};
