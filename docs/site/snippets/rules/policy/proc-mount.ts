import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "/proc Mount Type": `procMount` unset or `Default` (the runtime masks parts of /proc); `Unmasked` exposes host kernel interfaces.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/procMount', 'Unmasked'),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' }); // procMount unset: Default
}
// #endregion good
