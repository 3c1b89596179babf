import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "Host Namespaces": `hostNetwork`, `hostPID` and `hostIPC` unset or false.';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  // to let a debugging sidecar see the app's processes...
  ApiObject.of(web.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/hostPID', true));
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  // ...share the pod's own process namespace instead: its containers see each other, not the node
  ApiObject.of(web.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/shareProcessNamespace', true));
}
// #endregion good
