// The cases of policy/probe-host (lib/validation/rules/policy/probe-host.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// probe-host.test.ts.
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `policy/probe-host`. */
export const CASES: RuleCases = {
  bad: {
    'a tcpSocket host on 1.34': {
      manifest: deployment(
        goodPodSpec([container({ livenessProbe: { tcpSocket: { port: 'http', host: '10.0.0.1' } } })]),
      ),
      kubernetesVersion: '1.34',
      fields: [`${C0}.livenessProbe.tcpSocket.host`],
    },
    'a preStop httpGet host on 1.34': {
      manifest: deployment(
        goodPodSpec([container({ lifecycle: { preStop: { httpGet: { port: 8080, host: 'example.com' } } } })]),
      ),
      kubernetesVersion: '1.34',
      fields: [`${C0}.lifecycle.preStop.httpGet.host`],
    },
  },
  good: {
    'the same host on 1.33 (not checked)': {
      manifest: deployment(
        goodPodSpec([container({ livenessProbe: { tcpSocket: { port: 'http', host: '10.0.0.1' } } })]),
      ),
      kubernetesVersion: '1.33',
    },
    'no host': { manifest: deployment(), kubernetesVersion: '1.34' },
  },
};
