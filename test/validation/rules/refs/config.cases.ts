// The cases of refs/config (lib/validation/rules/refs/config.ts): its check on plain manifests (bad
// and good), and the bad-input rows that break it in the fixture app (app), run by config.test.ts.
import { add, C, POD, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, object, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `refs/config`. */
export const CASES: RuleCases = {
  bad: {
    'no such ConfigMap': {
      manifest: deployment(
        goodPodSpec([
          container({ env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LEVEL' } } }] }),
        ]),
      ),
      fields: [`${C0}.env[0].valueFrom.configMapKeyRef`],
    },
    'no such key': {
      manifest: deployment(
        goodPodSpec([
          container({ env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LEVEL' } } }] }),
        ]),
      ),
      others: [object('v1', 'ConfigMap', 'settings', { data: { OTHER: 'x' } })],
      fields: [`${C0}.env[0].valueFrom.configMapKeyRef`],
      message: "has no key 'LEVEL' (it has OTHER)",
    },
    'no such claim': {
      manifest: deployment(
        goodPodSpec(undefined, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
      ),
      fields: [`${POD_SPEC}.volumes[0].persistentVolumeClaim.claimName`],
    },
  },
  good: {
    'the ConfigMap and key': {
      manifest: deployment(
        goodPodSpec([
          container({ env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LEVEL' } } }] }),
        ]),
      ),
      others: [object('v1', 'ConfigMap', 'settings', { data: { LEVEL: 'info' } })],
    },
    optional: {
      manifest: deployment(
        goodPodSpec([
          container({
            env: [
              { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LEVEL', optional: true } } },
            ],
          }),
        ]),
      ),
    },
  },
  app: {
    'env from a missing ConfigMap key': {
      table: 'bad-input',
      rule: 'refs/config',
      path: WEB,
      field: 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef',
      mutate: (f) => patch(f.web, replace(`${C}/env/0/valueFrom/configMapKeyRef/key`, 'LOG_LVL')),
    },
    'envFrom a missing ConfigMap': {
      table: 'bad-input',
      rule: 'refs/config',
      path: WEB,
      field: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name',
      mutate: (f) => patch(f.web, add(`${C}/envFrom`, [{ configMapRef: { name: 'ghost' } }])),
    },
    'Secret volume of a missing Secret': {
      table: 'bad-input',
      rule: 'refs/config',
      path: WEB,
      field: 'spec.template.spec.volumes[0].secret.secretName',
      mutate: (f) => patch(f.web, add(`${POD}/volumes`, [{ name: 'creds', secret: { secretName: 'ghost' } }])),
    },
    'volume of a missing claim': {
      table: 'bad-input',
      rule: 'refs/config',
      path: WEB,
      field: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName',
      mutate: (f) =>
        patch(f.web, add(`${POD}/volumes`, [{ name: 'data', persistentVolumeClaim: { claimName: 'ghost' } }])),
    },
  },
};
