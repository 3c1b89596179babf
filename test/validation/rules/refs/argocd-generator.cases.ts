// The cases of refs/argocd-generator (lib/validation/rules/refs/argocd-generator.ts): its check on
// plain manifests (bad and good), run by argocd-generator.test.ts. Typed and raw ApplicationSets go
// through it in test/delivery/bad-input.test.ts (the fixture app of the tables declares no clusters).
import { Manifest } from '../../../../lib';
import { object, RuleCases } from '../rule-cases';
import { CLUSTERS } from './argocd-destination.cases';

function applicationSet(...generators: object[]): Manifest {
  return object('argoproj.io/v1alpha1', 'ApplicationSet', 'shop', {
    spec: {
      generators,
      template: {
        metadata: { name: 'shop-{{.name}}' },
        spec: {
          project: 'shop',
          source: { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' },
          destination: { server: '{{.server}}' },
        },
      },
    },
  });
}

/** The cases of `refs/argocd-generator`. */
export const CASES: RuleCases = {
  bad: {
    'a list generator without elements': {
      manifest: applicationSet({ list: { elements: [] } }),
      fields: ['spec.generators[0].list.elements'],
      message: 'the list generator has no elements',
    },
    'a cluster generator whose labels no declared cluster has': {
      manifest: applicationSet(
        { list: { elements: [{ cluster: 'dev' }] } },
        { clusters: { selector: { matchLabels: { region: 'asia' } } } },
      ),
      clusters: CLUSTERS,
      fields: ['spec.generators[1].clusters.selector'],
      message: "selects no declared cluster (declared in 'clusters': dev, prod-eu)",
      hint: 'ClusterSpec.labels',
    },
    'a selector by expression that selects nothing': {
      manifest: applicationSet({
        clusters: {
          selector: {
            matchExpressions: [
              { key: 'region', operator: 'NotIn', values: ['eu'] },
              { key: 'region', operator: 'Exists' },
            ],
          },
        },
      }),
      clusters: CLUSTERS,
      fields: ['spec.generators[0].clusters.selector'],
    },
  },
  good: {
    'a list with elements': { manifest: applicationSet({ list: { elements: [{ cluster: 'dev' }] } }) },
    'a selector a declared cluster matches': {
      manifest: applicationSet({ clusters: { selector: { matchLabels: { 'kubecraft.io/environment': 'prod' } } } }),
      clusters: CLUSTERS,
    },
    'a cluster generator without a selector (every cluster)': {
      manifest: applicationSet({ clusters: {} }),
      clusters: CLUSTERS,
    },
    'a selector, when the app declares no clusters (Argo CD may know others)': {
      manifest: applicationSet({ clusters: { selector: { matchLabels: { region: 'asia' } } } }),
    },
  },
};
