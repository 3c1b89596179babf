// The cases of refs/stateful-set-service (lib/validation/rules/refs/stateful-set-service.ts): its
// check on plain manifests (bad and good), and the bad-input rows that break it in the fixture app
// (app), run by stateful-set-service.test.ts.
import { Probes, StatefulSet } from '../../../../lib';
import { replace } from '../../bad-input-cases';
import { NON_ROOT, patch, SMALL } from '../../fixture-app';
import { goodPodSpec, object, RuleCases } from '../rule-cases';

/** The cases of `refs/stateful-set-service`. */
export const CASES: RuleCases = {
  bad: {
    'no serviceName': {
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: goodPodSpec() },
        },
      },
      fields: ['spec.serviceName'],
      message: 'names no governing Service',
    },
    'no such Service': {
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: goodPodSpec() },
        },
      },
      fields: ['spec.serviceName'],
      message: "Service 'db' does not exist",
    },
    'not headless': {
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: goodPodSpec() },
        },
      },
      others: [object('v1', 'Service', 'db', { spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] } })],
      fields: ['spec.serviceName'],
      message: 'is not headless',
    },
  },
  good: {
    'a headless Service selecting the pods': {
      manifest: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: goodPodSpec() },
        },
      },
      others: [
        object('v1', 'Service', 'db', {
          spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
        }),
      ],
    },
  },
  app: {
    'StatefulSet governed by a non-headless Service (kubecraft StatefulSet)': {
      table: 'server',
      rule: 'refs/stateful-set-service',
      object: 'StatefulSet shop/db',
      path: 'shop/db/Resource',
      field: 'spec.serviceName',
      mutate: (f) =>
        new StatefulSet(f.chart, 'db', {
          service: f.service,
          select: false,
          podMetadata: { labels: { app: 'web' } },
          containers: [
            {
              image: 'postgres:16.1',
              securityContext: NON_ROOT,
              resources: SMALL,
              liveness: Probes.tcpSocket({ port: 5432 }),
              readiness: Probes.tcpSocket({ port: 5432 }),
            },
          ],
        }),
    },
    'StatefulSet serviceName of a missing Service (JSON patch)': {
      table: 'server',
      rule: 'refs/stateful-set-service',
      object: 'StatefulSet shop/db2',
      path: 'shop/db2/Resource',
      field: 'spec.serviceName',
      mutate: (f) => {
        const sts = new StatefulSet(f.chart, 'db2', {
          service: f.service,
          containers: [{ image: 'postgres:16.1', securityContext: NON_ROOT, resources: SMALL }],
        });
        patch(sts, replace('/spec/serviceName', 'ghost'));
      },
    },
  },
};
