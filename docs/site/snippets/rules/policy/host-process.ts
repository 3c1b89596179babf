import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "HostProcess": `windowsOptions.hostProcess` unset or false on the pod and every container (a HostProcess container runs as a process on the Windows node, with its privileges).';

// #region bad
export function bad(chart: KubecraftChart): void {
  const agent = new WebService(chart, 'agent', { image: 'ghcr.io/acme/windows-agent:1.0.0' });
  ApiObject.of(agent.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/windowsOptions', { hostProcess: true }),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const agent = new WebService(chart, 'agent', { image: 'ghcr.io/acme/windows-agent:1.0.0' });
  ApiObject.of(agent.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/windowsOptions', { runAsUserName: 'ContainerUser' }),
  );
}
// #endregion good
