import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'Linux: binding a port below `net.ipv4.ip_unprivileged_port_start` (1024 by default) needs root or `CAP_NET_BIND_SERVICE`; a non-root process fails at start with "permission denied". The sysctl is namespaced and one of the safe sysctls, so the pod can lower it.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/legacy-web:5.1.0',
    port: 80, // the image listens on 80 and runs as uid 1000
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/legacy-web:5.1.0',
    port: 80,
    bindLowPorts: true, // sysctl net.ipv4.ip_unprivileged_port_start=0 on the pod
  });
}
// #endregion good
