import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The API server\'s pod warnings (kubernetes/kubernetes `pkg/api/pod/warnings.go`) accept a duplicate env name with "hides previous definition": the container gets the last one. Server-side apply (`kubectl apply --server-side`, Argo CD, `kubecraft apply`) merges `env` as a list keyed by name (`+listMapKey=name`) and fails on the duplicate key, and client-side `kubectl apply` can drop one of the two.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', env: { LOG_LEVEL: 'info' } });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'LOG_LEVEL', value: 'debug' }),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', env: { LOG_LEVEL: 'debug' } });
}
// #endregion good
