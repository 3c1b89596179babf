// The cases of policy/host-ports (lib/validation/rules/policy/host-ports.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// host-ports.test.ts.
import { add, C, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `policy/host-ports`. */
export const CASES: RuleCases = {
  bad: {
    'a hostPort': {
      manifest: deployment(goodPodSpec([container({ ports: [{ containerPort: 8080, hostPort: 8080 }] })])),
      fields: [`${C0}.ports[0].hostPort`],
    },
  },
  good: {
    'hostPort 0 (unset)': {
      manifest: deployment(goodPodSpec([container({ ports: [{ containerPort: 8080, hostPort: 0, name: 'http' }] })])),
    },
  },
  app: {
    hostPort: {
      table: 'bad-input',
      rule: 'policy/host-ports',
      path: WEB,
      field: 'spec.template.spec.containers[0].ports[0].hostPort',
      mutate: (f) => patch(f.web, add(`${C}/ports/0/hostPort`, 8080)),
    },
  },
};
