import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "Capabilities" (only the default set may be added) and "restricted" control "Capabilities" (drop `ALL`, add at most `NET_BIND_SERVICE`).';

// #region bad
export function bad(chart: KubecraftChart): void {
  const vpn = new WebService(chart, 'vpn', { image: 'ghcr.io/acme/vpn-gateway:1.8.0' });
  ApiObject.of(vpn.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', {
      drop: ['ALL'],
      add: ['NET_ADMIN'],
    }),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  // no extra capabilities: routing belongs to the node or a CNI plugin, not to an app pod
  new WebService(chart, 'vpn', { image: 'ghcr.io/acme/vpn-gateway:1.8.0' });
}
// #endregion good
