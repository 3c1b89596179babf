import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "AppArmor": the `appArmorProfile` field (pod or container) and the older `container.apparmor.security.beta.kubernetes.io/*` annotations may only be `RuntimeDefault` or `Localhost`, never `Unconfined`.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/appArmorProfile', { type: 'Unconfined' }),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/appArmorProfile', { type: 'RuntimeDefault' }),
  );
}
// #endregion good
