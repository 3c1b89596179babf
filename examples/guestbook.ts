import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import { Exposure, Probes, StatefulService, WebService } from '../lib';
import { ScenarioChart } from './scenario-chart';

/**
 * A second application a platform team will recognise: the Kubernetes guestbook (a PHP
 * frontend, a Redis leader and Redis followers), in a few lines of patterns.
 *
 * The frontend is reached from outside through a LoadBalancer and autoscales on CPU; it reaches
 * the leader (writes) and the followers (reads) by their Service DNS names; the followers
 * replicate from the leader. NetworkPolicies allow exactly those paths.
 *
 * Non-root: Redis as its `redis` user (999) with data on per-pod volumes; the PHP/Apache
 * frontend as `www-data` (33), binding port 80 through the safe sysctl, with Apache's runtime
 * directories on `emptyDir`s.
 */
export class GuestbookChart extends ScenarioChart {
  public readonly leader: StatefulService;
  public readonly followers: StatefulService;
  public readonly frontend: WebService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'guestbook-app' });
    const redisPing = Probes.exec(['redis-cli', 'ping']);
    const redis = { port: 6379, portName: 'redis', user: 999, partOf: 'guestbook', storage: Size.gibibytes(1), dataPath: '/data', readiness: redisPing };

    this.leader = new StatefulService(this, 'redis-leader', { ...redis, image: 'redis:6.0.5', component: 'leader' });
    this.followers = new StatefulService(this, 'redis-follower', {
      ...redis, image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2', component: 'follower', replicas: 2,
      env: { GET_HOSTS_FROM: 'dns' },
    });
    this.followers.connectTo(this.leader);

    this.frontend = new WebService(this, 'frontend', {
      image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5', partOf: 'guestbook',
      port: 80, user: 33, bindLowPorts: true, healthPath: '/',
      writablePaths: ['/var/run/apache2', '/var/lock/apache2', '/tmp'],
      env: { GET_HOSTS_FROM: 'dns' },
      exposure: Exposure.loadBalancer(),
      autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 60 },
    });
    this.frontend.connectTo(this.leader);
    this.frontend.connectTo(this.followers);
  }
}
