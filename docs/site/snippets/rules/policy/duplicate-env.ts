import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The API server\'s pod warnings (kubernetes/kubernetes `pkg/api/pod/warnings.go`): it accepts a duplicate env name with "hides previous definition"; the container gets the last one, and `kubectl apply`\'s merge by name can drop the other.';

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
