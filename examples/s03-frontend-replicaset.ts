import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Policy, Probes, ReplicaSet } from '../lib';
import { GUESTBOOK_SAMPLE_IMAGES } from './guestbook';
import { smallResources, writablePaths } from './non-root';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenario 3 (seed 003): the guestbook `frontend` ReplicaSet: 3 replicas, selector
 * `tier: frontend`, matching pod labels, and `app: guestbook, tier: frontend` on the object.
 *
 * Non-root: the gb-frontend image is Apache + PHP, which starts as root to bind port 80.
 * Here it runs as uid/gid 33 (www-data, the user Apache drops to anyway), is allowed to bind
 * ports below 1024 with the namespaced, "safe" sysctl `net.ipv4.ip_unprivileged_port_start=0`
 * (allowed by the restricted Pod Security Standard), and writes its pid and lock files to
 * `emptyDir`s.
 */
export class FrontendReplicaSetChart extends ScenarioChart {
  public readonly replicaSet: ReplicaSet;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'guestbook' });
    this.replicaSet = new ReplicaSet(this, 'frontend', {
      metadata: { labels: { app: 'guestbook', tier: 'frontend' } },
      replicas: 3,
      select: false,
      podMetadata: { labels: { tier: 'frontend' } },
      securityContext: {
        user: 33,
        group: 33,
        sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
      },
    });
    this.replicaSet.select(kplus.LabelSelector.of({ labels: { tier: 'frontend' } }));
    const php = this.replicaSet.addContainer({
      name: 'php-redis',
      image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
      ports: [{ number: 80, name: 'http' }],
      securityContext: { user: 33, group: 33 },
      resources: smallResources(100, 128),
      liveness: Probes.tcpSocket({ port: 'http' }),
      readiness: Probes.httpGet('/', { port: 'http' }),
    });
    writablePaths(this.replicaSet, php, ['/var/run/apache2', '/var/lock/apache2', '/tmp']);
    Policy.relax(this.replicaSet, 'policy/image-pinned', GUESTBOOK_SAMPLE_IMAGES);
  }
}
