// The cases of refs/flux-depends-on (lib/validation/rules/refs/flux-depends-on.ts): its check on
// plain manifests (bad and good), run by flux-depends-on.test.ts. Typed FluxKustomizations, raw
// ApiObjects and included YAML go through it in test/delivery/bad-input.test.ts.
import { ApiObject } from 'cdk8s';
import { Manifest } from '../../../../lib';
import { object, RuleCases } from '../rule-cases';

function kustomization(
  name: string,
  dependsOn?: readonly object[],
  apiVersion = 'kustomize.toolkit.fluxcd.io/v1',
): Manifest {
  return object(apiVersion, 'Kustomization', name, {
    metadata: { name, namespace: 'flux-system' },
    spec: {
      interval: '10m',
      path: './',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      ...(dependsOn ? { dependsOn } : {}),
    },
  });
}

/** The cases of `refs/flux-depends-on`. */
export const CASES: RuleCases = {
  bad: {
    'a Kustomization that is nowhere': {
      manifest: kustomization('shop', [{ name: 'infra' }]),
      fields: ['spec.dependsOn[0]'],
      message: "Kustomization 'infra' is neither in this output folder (namespace 'flux-system') nor declared",
      hint: 'External.object',
    },
    'one in another namespace than the one named': {
      manifest: kustomization('shop', [{ name: 'infra', namespace: 'platform' }]),
      others: [kustomization('infra')],
      fields: ['spec.dependsOn[0]'],
    },
    'the second of two; the first is there': {
      manifest: kustomization('shop', [{ name: 'infra' }, { name: 'monitoring' }]),
      others: [kustomization('infra')],
      fields: ['spec.dependsOn[1]'],
    },
    "a kustomize.config.k8s.io Kustomization of that name is not Flux's": {
      manifest: kustomization('shop', [{ name: 'infra' }]),
      others: [kustomization('infra', undefined, 'kustomize.config.k8s.io/v1beta1')],
      fields: ['spec.dependsOn[0]'],
    },
  },
  good: {
    'no dependsOn': { manifest: kustomization('shop') },
    'in the folder, by default in its own namespace': {
      manifest: kustomization('shop', [{ name: 'infra' }]),
      before: [kustomization('infra')],
    },
    'declared with External.object': {
      manifest: kustomization('shop', [{ name: 'infra', namespace: 'platform' }]),
      externals: [
        { kind: 'Kustomization', name: 'infra', namespace: 'platform', reason: 'the platform team applies it' },
      ],
    },
    "another tool's Kustomization kind is not judged": {
      manifest: kustomization('shop', [{ name: 'ghost' }], 'kustomize.config.k8s.io/v1beta1'),
    },
  },
  app: {
    'a Flux Kustomization (raw ApiObject) that depends on one that is nowhere': {
      table: 'bad-input',
      rule: 'refs/flux-depends-on',
      path: 'shop/flux',
      field: 'spec.dependsOn[0]',
      mutate: (f) =>
        new ApiObject(f.chart, 'flux', {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: 'shop' },
          spec: {
            interval: '10m',
            path: './',
            prune: true,
            sourceRef: { kind: 'GitRepository', name: 'flux-system' },
            dependsOn: [{ name: 'infra' }],
          },
        }),
    },
  },
};
