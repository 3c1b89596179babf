// The cases of refs/scale-target (lib/validation/rules/refs/scale-target.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// scale-target.test.ts.
import { replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, object, RuleCases } from '../rule-cases';

/** The cases of `refs/scale-target`. */
export const CASES: RuleCases = {
  bad: {
    'no such workload': {
      manifest: object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 3,
        },
      }),
      fields: ['spec.scaleTargetRef'],
    },
    'another apiVersion': {
      manifest: object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 3,
        },
      }),
      others: [{ ...deployment(), apiVersion: 'apps/v1beta2' }],
      fields: ['spec.scaleTargetRef'],
    },
  },
  good: {
    'the Deployment': {
      manifest: object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 3,
        },
      }),
      others: [deployment()],
    },
  },
  app: {
    'HPA targeting a missing workload': {
      table: 'bad-input',
      rule: 'refs/scale-target',
      path: 'shop/web-hpa/Resource',
      field: 'spec.scaleTargetRef',
      mutate: (f) => patch(f.hpa, replace('/spec/scaleTargetRef/name', 'ghost')),
    },
  },
};
