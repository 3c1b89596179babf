import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Probes, StatefulSet } from '../lib';
import { smallResources, writablePaths } from './non-root';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenario 13 (seeds 001, 003): the `web` StatefulSet of the Kubernetes docs: 3 ordered pods
 * (web-0, web-1, web-2), each with its own 1Gi `www` volume from a claim template, reached
 * through the headless Service `nginx` (so each pod has a stable DNS name,
 * `web-0.nginx.<namespace>.svc.cluster.local`).
 *
 * Non-root: nginx runs as uid 101 and listens on 8080 (its config comes from a ConfigMap),
 * with cache, pid and temp paths on `emptyDir`s.
 */
export class StatefulSetChart extends ScenarioChart {
  public readonly service: kplus.Service;
  public readonly statefulSet: StatefulSet;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'stateful' });
    const labels = { app: 'nginx' };
    this.service = new kplus.Service(this, 'nginx', {
      clusterIP: 'None',
      ports: [{ port: 80, targetPort: 8080, name: 'web' }],
    });
    this.service.selectLabel('app', 'nginx');
    const conf = new kplus.ConfigMap(this, 'web-conf', {
      data: { 'default.conf': 'server {\n  listen 8080;\n  root /usr/share/nginx/html;\n}\n' },
    });
    this.statefulSet = new StatefulSet(this, 'web', {
      service: this.service,
      replicas: 3,
      select: false,
      podManagementPolicy: kplus.PodManagementPolicy.ORDERED_READY,
      podMetadata: { labels },
      securityContext: { user: 101, group: 101, fsGroup: 101 },
      volumeClaimTemplates: [{ name: 'www', storage: Size.gibibytes(1), mountPath: '/usr/share/nginx/html' }],
    });
    this.statefulSet.select(kplus.LabelSelector.of({ labels }));
    const nginx = this.statefulSet.addContainer({
      name: 'nginx',
      image: 'registry.k8s.io/nginx-slim:0.8',
      ports: [{ number: 8080, name: 'web' }],
      securityContext: { user: 101, group: 101 },
      resources: smallResources(100, 64),
      liveness: Probes.tcpSocket({ port: 'web' }),
      readiness: Probes.tcpSocket({ port: 'web' }),
    });
    nginx.mount('/etc/nginx/conf.d', kplus.Volume.fromConfigMap(this, 'web-conf-volume', conf), { readOnly: true });
    writablePaths(this.statefulSet, nginx, ['/var/cache/nginx', '/var/run', '/tmp']);
  }
}
