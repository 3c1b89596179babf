import { ApiObject, JsonPatch } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'The [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/), "baseline" control "Sysctls": only the safe, namespaced sysctls of the release ([Using sysctls in a Kubernetes Cluster](https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/)); the list grows with the version (`tcp_keepalive_*` from 1.29, `tcp_rmem`/`tcp_wmem` from 1.32).';

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/sysctls', [{ name: 'net.core.somaxconn', value: '4096' }]),
  );
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  ApiObject.of(web.deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/sysctls', [
      { name: 'net.ipv4.tcp_keepalive_time', value: '600' },
    ]),
  );
}
// #endregion good
