import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "SELinux": `seLinuxOptions.type` only `container_t`, `container_init_t` or `container_kvm_t` (or unset), and no `user` or `role`; `spc_t` ("super privileged container") is unconfined.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/seLinuxOptions', { type: 'spc_t' }),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/seLinuxOptions', { level: 's0:c123,c456' }), // a level is fine
  );
}
// #endregion good
