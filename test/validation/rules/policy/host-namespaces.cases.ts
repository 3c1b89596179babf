// The cases of policy/host-namespaces (lib/validation/rules/policy/host-namespaces.ts): its check
// on plain manifests (bad and good), and the bad-input rows that break it in the fixture app (app),
// run by host-namespaces.test.ts.
import { add, POD, replace, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, goodPodSpec, POD_SPEC, RuleCases } from '../rule-cases';

/** The cases of `policy/host-namespaces`. */
export const CASES: RuleCases = {
  bad: {
    'hostNetwork and hostPID': {
      manifest: deployment(goodPodSpec(undefined, { hostNetwork: true, hostPID: true })),
      fields: [`${POD_SPEC}.hostNetwork`, `${POD_SPEC}.hostPID`],
    },
  },
  good: { 'none, or false': { manifest: deployment(goodPodSpec(undefined, { hostIPC: false })) } },
  app: {
    hostNetwork: {
      table: 'bad-input',
      rule: 'policy/host-namespaces',
      path: WEB,
      field: 'spec.template.spec.hostNetwork',
      mutate: (f) => patch(f.web, replace(`${POD}/hostNetwork`, true)),
    },
    hostPID: {
      table: 'bad-input',
      rule: 'policy/host-namespaces',
      path: WEB,
      field: 'spec.template.spec.hostPID',
      mutate: (f) => patch(f.web, add(`${POD}/hostPID`, true)),
    },
  },
};
