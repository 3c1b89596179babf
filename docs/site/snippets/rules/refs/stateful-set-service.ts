import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes, StatefulSet } from 'kubecraft';

export const follows =
  'The StatefulSet\'s governing Service ([StatefulSet docs, "Stable Network ID"](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id)): each pod gets the DNS name `<pod>.<service>` only from a headless Service (`clusterIP: None`) that selects it. The API server does not check it.';

function cache(chart: KubecraftChart, service: kplus.Service): void {
  new StatefulSet(chart, 'cache', {
    service,
    containers: [
      {
        image: 'redis:7.2.4',
        ports: [{ number: 6379, name: 'redis' }],
        securityContext: { user: 999, group: 999 },
        liveness: Probes.tcpSocket({ port: 'redis' }),
        readiness: Probes.exec(['redis-cli', 'ping']),
      },
    ],
    volumeClaimTemplates: [{ name: 'data', storage: Size.gibibytes(5), mountPath: '/data' }],
  });
}

// #region bad
export function bad(chart: KubecraftChart): void {
  const service = new kplus.Service(chart, 'cache-svc', {
    metadata: { name: 'cache' },
    ports: [{ name: 'redis', port: 6379 }], // a ClusterIP: no per-pod DNS names
  });
  cache(chart, service);
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const service = new kplus.Service(chart, 'cache-svc', {
    metadata: { name: 'cache' },
    clusterIP: 'None', // headless: cache-0.cache, cache-1.cache, ...
    ports: [{ name: 'redis', port: 6379 }],
  });
  cache(chart, service);
}
// #endregion good
