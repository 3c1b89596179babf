// The cases of refs/argocd-destination (lib/validation/rules/refs/argocd-destination.ts): its check
// on plain manifests (bad and good), run by argocd-destination.test.ts. Typed Applications and
// ApplicationSets, raw ApiObjects, JSON patches and included YAML go through it in
// test/delivery/bad-input.test.ts (the fixture app of the tables declares no clusters).
import { Manifest } from '../../../../lib';
import { ClusterDeclaration } from '../../../../lib/validation/declared-clusters';
import { object, RuleCases } from '../rule-cases';

/** Two clusters, by API server and by Argo CD name. */
export const CLUSTERS: ClusterDeclaration = {
  declaredAt: 'clusters',
  clusters: [
    {
      name: 'dev',
      server: 'https://dev.k8s.example.com',
      argoCdName: 'dev',
      labels: { 'kubecraft.io/environment': 'dev' },
    },
    {
      name: 'prod-eu',
      server: 'https://eu.k8s.example.com',
      argoCdName: 'k8s-prod-eu',
      labels: { 'kubecraft.io/environment': 'prod', region: 'eu' },
    },
  ],
};

const SOURCE = { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' };

function application(destination: object, apiVersion = 'argoproj.io/v1alpha1'): Manifest {
  return object(apiVersion, 'Application', 'shop', { spec: { project: 'shop', source: SOURCE, destination } });
}

function applicationSet(destination: object): Manifest {
  return object('argoproj.io/v1alpha1', 'ApplicationSet', 'shop', {
    spec: {
      generators: [{ clusters: {} }],
      template: { metadata: { name: 'shop-{{.name}}' }, spec: { project: 'shop', source: SOURCE, destination } },
    },
  });
}

/** The cases of `refs/argocd-destination`. */
export const CASES: RuleCases = {
  bad: {
    'a server no declared cluster has': {
      manifest: application({ server: 'https://asia.k8s.example.com' }),
      clusters: CLUSTERS,
      fields: ['spec.destination.server'],
      message:
        "cluster 'https://asia.k8s.example.com' is not declared in 'clusters' (declared: https://dev.k8s.example.com, https://eu.k8s.example.com)",
    },
    "a cluster's own name where Argo CD knows it by another": {
      manifest: application({ name: 'prod-eu' }),
      clusters: CLUSTERS,
      fields: ['spec.destination.name'],
      message: '(declared: dev, k8s-prod-eu)',
    },
    "an ApplicationSet template's fixed destination": {
      manifest: applicationSet({ server: 'https://asia.k8s.example.com' }),
      clusters: CLUSTERS,
      fields: ['spec.template.spec.destination.server'],
    },
  },
  good: {
    'a declared server': { manifest: application({ server: 'https://eu.k8s.example.com' }), clusters: CLUSTERS },
    'a declared Argo CD name': { manifest: application({ name: 'k8s-prod-eu' }), clusters: CLUSTERS },
    'a Go template action on the generator parameters': {
      manifest: applicationSet({ server: '{{.server}}' }),
      clusters: CLUSTERS,
    },
    'an app that declares no clusters': { manifest: application({ server: 'https://asia.k8s.example.com' }) },
    'not an Argo CD Application': {
      manifest: application({ server: 'https://asia.k8s.example.com' }, 'example.com/v1'),
      clusters: CLUSTERS,
    },
  },
};
