import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "Seccomp" (never `Unconfined`) and "restricted" control "Seccomp" (`RuntimeDefault` or `Localhost` on the pod, or on every container). kubecraft charts set `RuntimeDefault` on every pod.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.replace('/spec/template/spec/securityContext/seccompProfile', { type: 'Unconfined' }),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' }); // seccompProfile: RuntimeDefault
}
// #endregion good
