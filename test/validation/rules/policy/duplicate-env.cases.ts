// The cases of policy/duplicate-env (lib/validation/rules/policy/duplicate-env.ts): its check on
// plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by duplicate-env.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { add, C, WEB } from '../../bad-input-cases';
import { NON_ROOT, patch, SMALL } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `policy/duplicate-env`. */
export const CASES: RuleCases = {
  bad: {
    'A twice': {
      manifest: deployment(
        goodPodSpec([
          container({
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
              { name: 'A', value: '3' },
            ],
          }),
        ]),
      ),
      fields: [`${C0}.env[2].name`],
      message: "env variable 'A' is defined more than once in container 'app'",
    },
  },
  good: {
    'the same name in two containers': {
      manifest: deployment(
        goodPodSpec([container({ env: [{ name: 'A', value: '1' }] }), container({ name: 'b', env: [{ name: 'A' }] })]),
      ),
    },
  },
  app: {
    'a duplicate env variable (JSON patch)': {
      table: 'bad-input',
      rule: 'policy/duplicate-env',
      path: WEB,
      field: 'spec.template.spec.containers[0].env[1].name',
      mutate: (f) => patch(f.web, add(`${C}/env/-`, { name: 'LOG_LEVEL', value: 'debug' })),
    },
    'a duplicate env variable (a cdk8s-plus variable, then the same name by JSON patch)': {
      table: 'bad-input',
      rule: 'policy/duplicate-env',
      path: 'shop/twice/Resource',
      field: 'spec.template.spec.containers[0].env[1].name',
      mutate: (f) => {
        const d = new kplus.Deployment(f.chart, 'twice', {
          containers: [{ image: 'ghcr.io/acme/app:1.0.0', securityContext: NON_ROOT, resources: SMALL }],
        });
        d.containers[0].env.addVariable('MODE', kplus.EnvValue.fromValue('a'));
        patch(d, add(`${C}/env/-`, { name: 'MODE', value: 'b' }));
      },
    },
  },
};
