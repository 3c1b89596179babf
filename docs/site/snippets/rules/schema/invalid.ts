import { ApiObject } from 'cdk8s';
import { KubecraftChart } from 'kubecraft';

export const follows =
  "The API server's OpenAPI schema of the kind, applied as `kubectl apply` applies it with strict field validation (`--validate=strict`, the API's `fieldValidation=Strict`): unknown fields, wrong types and missing required fields are refused. kubecraft validates against the official definitions of the target Kubernetes version (`kubernetes/api/openapi-spec`), and a custom resource against its CRD's `openAPIV3Schema`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  new ApiObject(chart, 'settings', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { LOG_LEVEL: 'info', PORT: 8080 }, // ConfigMap values are strings
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new ApiObject(chart, 'settings', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { LOG_LEVEL: 'info', PORT: '8080' },
  });
}
// #endregion good
