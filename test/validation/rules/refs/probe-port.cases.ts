// The cases of refs/probe-port (lib/validation/rules/refs/probe-port.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// probe-port.test.ts.
import * as kplus from 'cdk8s-plus-27';
import { Probes } from '../../../../lib';
import { C, replace, WEB } from '../../bad-input-cases';
import { NON_ROOT, patch, SMALL } from '../../fixture-app';
import { C0, container, deployment, goodPodSpec, RuleCases } from '../rule-cases';

/** The cases of `refs/probe-port`. */
export const CASES: RuleCases = {
  bad: {
    'a probe of port metrics, which the container does not name': {
      manifest: deployment(goodPodSpec([container({ livenessProbe: { tcpSocket: { port: 'metrics' } } })])),
      fields: [`${C0}.livenessProbe.tcpSocket.port`],
    },
  },
  good: {
    'a named port': { manifest: deployment() },
    'a plain init container (values/init-container reports its probe)': {
      manifest: deployment(
        goodPodSpec(undefined, {
          initContainers: [container({ name: 'init', livenessProbe: { tcpSocket: { port: 'x' } } })],
        }),
      ),
    },
  },
  app: {
    'probe on an undeclared named port (kubecraft Probes)': {
      table: 'server',
      rule: 'refs/probe-port',
      object: 'Deployment shop/probed',
      path: 'shop/probed/Resource',
      field: 'spec.template.spec.containers[0].readinessProbe.httpGet.port',
      mutate: (f) =>
        new kplus.Deployment(f.chart, 'probed', {
          containers: [
            {
              image: 'busybox:1.36',
              ports: [{ number: 8080, name: 'http' }],
              securityContext: NON_ROOT,
              resources: SMALL,
              liveness: Probes.tcpSocket({ port: 'http' }),
              readiness: Probes.httpGet('/ready', { port: 'metrics' }),
            },
          ],
        }),
    },
    'probe on an undeclared named port (JSON patch)': {
      table: 'server',
      rule: 'refs/probe-port',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.template.spec.containers[0].readinessProbe.httpGet.port',
      mutate: (f) => patch(f.web, replace(`${C}/readinessProbe/httpGet/port`, 'metrics')),
    },
  },
};
