// The cases of refs/pdb-selector (lib/validation/rules/refs/pdb-selector.ts): its check on plain
// manifests (bad and good), and the bad-input rows that break it in the fixture app (app), run by
// pdb-selector.test.ts.
import { replace } from '../../bad-input-cases';
import { patch } from '../../fixture-app';
import { deployment, goodPodSpec, object, pod, RuleCases } from '../rule-cases';

/** The cases of `refs/pdb-selector`. */
export const CASES: RuleCases = {
  bad: {
    'nothing selected': {
      manifest: object('policy/v1', 'PodDisruptionBudget', 'web', {
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      }),
      fields: ['spec.selector'],
    },
    'a bare Pod only (no workload)': {
      manifest: object('policy/v1', 'PodDisruptionBudget', 'web', {
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      }),
      others: [pod(goodPodSpec(), { labels: { app: 'web' } })],
      fields: ['spec.selector'],
    },
  },
  good: {
    'a Deployment': {
      manifest: object('policy/v1', 'PodDisruptionBudget', 'web', {
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      }),
      others: [deployment()],
    },
  },
  app: {
    'PDB selecting no workload': {
      table: 'bad-input',
      rule: 'refs/pdb-selector',
      path: 'shop/web-pdb/Resource',
      field: 'spec.selector',
      mutate: (f) => patch(f.pdb, replace('/spec/selector', { matchLabels: { app: 'ghost' } })),
    },
  },
};
