import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `ValidatePodSecurityContext`, `ValidateSecurityContext`, `validateSysctls` and `validateSeccompProfileField` (kubernetes/kubernetes `pkg/apis/core/validation`): privileged with allowPrivilegeEscalation false is refused, sysctls are valid and unique, `net.*` sysctls do not go with hostNetwork, a Localhost seccomp profile names its file.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'Localhost' }), // which profile?
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', {
      type: 'Localhost',
      localhostProfile: 'profiles/web.json', // relative to the kubelet's seccomp folder
    }),
  );
}
// #endregion good
