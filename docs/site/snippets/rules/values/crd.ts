import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's CustomResourceDefinition validation (kubernetes/kubernetes `staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go`): `validateCustomResourceDefinitionSpec` (a group with a dot, scope, version names, exactly one storage version), `ValidateCustomResourceDefinitionNames` (plural, singular, kind and listKind, short names, categories), `validateCustomResourceDefinitionVersion`, `ValidateCustomResourceDefinitionSubresources`, `ValidateCustomResourceColumnDefinition`, `ValidateCustomResourceSelectableFields` and `validateCustomResourceConversion`.";

/** A CRD for widgets.example.com with the names and scope given. */
function widgets(chart: KubecraftChart, names: Record<string, string>, scope: string): void {
  new ApiObject(chart, 'widgets', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names,
      scope,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
            },
          },
        },
      ],
    },
  });
}

// #region bad
export function bad(chart: KubecraftChart): void {
  widgets(
    chart,
    { plural: 'widgets', kind: 'Widget', listKind: 'Widget' }, // listKind must differ from kind
    'Global', // Namespaced or Cluster
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  widgets(chart, { plural: 'widgets', kind: 'Widget' }, 'Namespaced'); // listKind defaults to WidgetList
}
// #endregion good
