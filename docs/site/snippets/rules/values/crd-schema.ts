import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's rules for the schema of a CustomResourceDefinition version (kubernetes/kubernetes `staging/src/k8s.io/apiextensions-apiserver`): `ValidateStructural` and `validateStructuralCompleteness` in `pkg/apiserver/schema` (a structural schema: a type everywhere but under x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields, only value validations inside allOf/anyOf/oneOf/not, metadata restricting only name and generateName), `ValidateCustomResourceDefinitionOpenAPISchema` and `specStandardValidatorV3` in `pkg/apis/apiextensions/validation` (supported keywords, x-kubernetes-list-type and map keys, where defaults may be) and `ValidateDefaults` (defaults valid and pruned).";

/** A CRD for widgets.example.com whose spec has the schema given. */
function widgets(chart: KubecraftChart, spec: Record<string, unknown>): void {
  new ApiObject(chart, 'widgets', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', kind: 'Widget' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec } } },
        },
      ],
    },
  });
}

// #region bad
export function bad(chart: KubecraftChart): void {
  widgets(chart, {
    type: 'object',
    properties: {
      size: { default: 1 }, // no type
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map', // needs x-kubernetes-list-map-keys
        items: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  widgets(chart, {
    type: 'object',
    properties: {
      size: { type: 'integer', default: 1 },
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'], // each key required (or defaulted)
        items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
    },
  });
}
// #endregion good
