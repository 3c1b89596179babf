// The cases of policy/apparmor (lib/validation/rules/policy/apparmor.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// apparmor.test.ts.
import { add, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { rawPod } from '../../server-cases';
import { C0, deployment, goodPodSpec, RuleCases, secured } from '../rule-cases';

/** The cases of `policy/apparmor`. */
export const CASES: RuleCases = {
  bad: {
    'an unconfined annotation': {
      manifest: deployment(goodPodSpec(), {
        template: {
          metadata: {
            labels: { app: 'web' },
            annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
          },
          spec: goodPodSpec(),
        },
      }),
      fields: ["spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']"],
    },
    'appArmorProfile Unconfined on the container': {
      manifest: deployment(goodPodSpec([secured({ appArmorProfile: { type: 'Unconfined' } })])),
      fields: [`${C0}.securityContext.appArmorProfile.type`],
    },
  },
  good: {
    'RuntimeDefault and a localhost annotation': {
      manifest: deployment(goodPodSpec([secured({ appArmorProfile: { type: 'RuntimeDefault' } })]), {
        template: {
          metadata: {
            labels: { app: 'web' },
            annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-app' },
          },
          spec: goodPodSpec(),
        },
      }),
    },
  },
  app: {
    'AppArmor unconfined annotation (JSON patch)': {
      table: 'server',
      rule: 'policy/apparmor',
      object: 'Deployment shop/web',
      path: WEB,
      field: "spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/web']",
      mutate: (f) =>
        patch(
          f.web,
          add('/spec/template/metadata/annotations', {
            'container.apparmor.security.beta.kubernetes.io/web': 'unconfined',
          }),
        ),
    },
    'AppArmor Unconfined profile field (raw Pod)': {
      table: 'server',
      rule: 'policy/apparmor',
      object: 'Pod shop/armor',
      path: 'shop/armor',
      field: 'spec.containers[0].securityContext.appArmorProfile.type',
      mutate: (f) =>
        rawPod(f, 'armor', {
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            appArmorProfile: { type: 'Unconfined' },
          },
        }),
    },
  },
};
