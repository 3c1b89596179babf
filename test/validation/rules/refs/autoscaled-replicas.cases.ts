// The cases of refs/autoscaled-replicas (lib/validation/rules/refs/autoscaled-replicas.ts): its
// check on plain manifests (bad and good), and the bad-input rows that break it in the fixture app
// (app), run by autoscaled-replicas.test.ts.
import { k8s } from 'cdk8s-plus-27';
import { add, WEB } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { l1Deployment } from '../../server-cases';
import { deployment, goodPodSpec, object, RuleCases } from '../rule-cases';

/** The cases of `refs/autoscaled-replicas`. */
export const CASES: RuleCases = {
  bad: {
    'replicas on the target': {
      manifest: deployment(goodPodSpec(), { replicas: 2 }),
      others: [
        object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
            minReplicas: 1,
            maxReplicas: 3,
          },
        }),
      ],
      fields: ['spec.replicas'],
      message: 'scaled by the HorizontalPodAutoscaler at unit/1',
    },
  },
  good: {
    'no replicas': {
      manifest: deployment(),
      others: [
        object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
            minReplicas: 1,
            maxReplicas: 3,
          },
        }),
      ],
    },
    'replicas, no autoscaler': { manifest: deployment(goodPodSpec(), { replicas: 2 }) },
  },
  app: {
    'HPA target with fixed replicas (JSON patch)': {
      table: 'server',
      rule: 'refs/autoscaled-replicas',
      object: 'Deployment shop/web',
      path: WEB,
      field: 'spec.replicas',
      mutate: (f) => patch(f.web, add('/spec/replicas', 3)),
    },
    'HPA target with fixed replicas (L1 classes)': {
      table: 'server',
      rule: 'refs/autoscaled-replicas',
      object: 'Deployment shop/l1-scaled',
      path: 'shop/l1-scaled',
      field: 'spec.replicas',
      mutate: (f) => {
        l1Deployment(f, 'l1-scaled', {}, {}, 2);
        new k8s.KubeHorizontalPodAutoscalerV2(f.chart, 'l1-hpa', {
          metadata: {},
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'l1-scaled' },
            minReplicas: 2,
            maxReplicas: 4,
          },
        });
      },
    },
  },
};
