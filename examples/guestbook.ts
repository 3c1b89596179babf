import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppNetwork, DEFAULT_PATTERN_RESOURCES, Exposure, Policy, Probes, StatefulService, WebService } from '../lib';
import { ScenarioChart } from './scenario-chart';

/** What differs between the guestbook's environments. */
export interface GuestbookConfig {
  /** Frontend autoscaling bounds. */
  readonly frontendReplicas: { readonly min: number; readonly max: number };
  /** Number of Redis followers. */
  readonly followers: number;
  /** Tag of the Redis leader image. */
  readonly redisTag: string;
  /** Tag of the frontend image. */
  readonly frontendTag: string;
  /** Public host name of the frontend. */
  readonly host: string;
  /** Frontend CPU request, in millicores (the limit is 4x). */
  readonly frontendCpuMillis: number;
  /** Redis storage per replica, in GiB. */
  readonly redisStorageGiB: number;
}

/**
 * Why the guestbook's sample images pass `policy/image-pinned` relaxed: Google publishes
 * gb-frontend and gb-redis-follower under major tags only (`v5`, `v2`), which move; there is no
 * version tag to pin. A real deployment pins the digest its registry serves
 * (`crane digest us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5`).
 */
export const GUESTBOOK_SAMPLE_IMAGES =
  'Google publishes the guestbook sample images under major tags only (gb-frontend:v5, gb-redis-follower:v2); ' +
  'a real deployment pins the digest its registry serves (image@sha256:...)';

/** The guestbook's environments, declared once. */
export const GUESTBOOK_ENVIRONMENTS: Readonly<Record<string, GuestbookConfig>> = {
  dev: {
    frontendReplicas: { min: 1, max: 2 },
    followers: 1,
    redisTag: '7.2.4',
    frontendTag: 'v5',
    host: 'guestbook.dev.example.com',
    frontendCpuMillis: 50,
    redisStorageGiB: 1,
  },
  staging: {
    frontendReplicas: { min: 2, max: 4 },
    followers: 2,
    redisTag: '6.0.5',
    frontendTag: 'v5',
    host: 'guestbook.staging.example.com',
    frontendCpuMillis: 100,
    redisStorageGiB: 5,
  },
  prod: {
    frontendReplicas: { min: 3, max: 10 },
    followers: 3,
    redisTag: '6.0.5',
    frontendTag: 'v5',
    host: 'guestbook.example.com',
    frontendCpuMillis: 250,
    redisStorageGiB: 20,
  },
};

/** Checks one environment's configuration. */
export function guestbookConfigProblems(c: GuestbookConfig): string[] {
  const problems: string[] = [];
  if (!(c.frontendReplicas.min >= 1 && c.frontendReplicas.max >= c.frontendReplicas.min))
    problems.push(
      `frontendReplicas must satisfy 1 <= min (${c.frontendReplicas.min}) <= max (${c.frontendReplicas.max})`,
    );
  if (!(Number.isInteger(c.followers) && c.followers >= 1))
    problems.push(`followers must be at least 1 (is ${c.followers})`);
  if (c.redisTag === 'latest' || c.frontendTag === 'latest') problems.push('image tags must be pinned, not latest');
  if (!(c.frontendCpuMillis > 0)) problems.push('frontendCpuMillis must be positive');
  if (!(c.redisStorageGiB > 0)) problems.push('redisStorageGiB must be positive');
  return problems;
}

/**
 * A second application a platform team will recognise: the Kubernetes guestbook (a PHP
 * frontend, a Redis leader and Redis followers), in a few lines of patterns.
 *
 * The frontend is reached from outside through an Ingress and autoscales on CPU; it reaches
 * the leader (writes) and the followers (reads) by their Service DNS names; the followers
 * replicate from the leader. NetworkPolicies allow exactly those paths.
 *
 * It is deployed to three environments (dev, staging, prod), declared once in
 * `GUESTBOOK_ENVIRONMENTS`: they differ in replicas, resources, host names, image tags and
 * storage. Each is written to `dist/<env>/`; `KUBECRAFT_ENV=prod npm run synth` writes only one.
 *
 * Non-root: Redis as its `redis` user (999) with data on per-pod volumes; the PHP/Apache
 * frontend as `www-data` (33), binding port 80 through the safe sysctl, with Apache's runtime
 * directories on `emptyDir`s.
 */
export class GuestbookChart extends ScenarioChart {
  public readonly leader: StatefulService;
  public readonly followers: StatefulService;
  public readonly frontend: WebService;

  constructor(scope: Construct, id: string, config: GuestbookConfig) {
    super(scope, id, { namespace: 'guestbook-app' });
    const redisPing = Probes.exec(['redis-cli', 'ping']);
    const redis = {
      port: 6379,
      portName: 'redis',
      user: 999,
      partOf: 'guestbook',
      storage: Size.gibibytes(config.redisStorageGiB),
      dataPath: '/data',
      readiness: redisPing,
      // stated explicitly since StatefulService's defaults changed (no liveness, 512Mi / 1Gi)
      liveness: Probes.tcpSocket({
        port: 'redis',
        initialDelaySeconds: Duration.seconds(30),
        periodSeconds: Duration.seconds(10),
      }),
      resources: DEFAULT_PATTERN_RESOURCES,
    };

    this.leader = new StatefulService(this, 'redis-leader', {
      ...redis,
      image: `redis:${config.redisTag}`,
      component: 'leader',
    });
    this.followers = new StatefulService(this, 'redis-follower', {
      ...redis,
      image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2',
      component: 'follower',
      replicas: config.followers,
      env: { GET_HOSTS_FROM: 'dns' },
    });
    this.followers.connectTo(this.leader);
    Policy.relax(this.followers, 'policy/image-pinned', GUESTBOOK_SAMPLE_IMAGES);

    this.frontend = new WebService(this, 'frontend', {
      image: `us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:${config.frontendTag}`,
      partOf: 'guestbook',
      port: 80,
      user: 33,
      bindLowPorts: true,
      healthPath: '/',
      writablePaths: ['/var/run/apache2', '/var/lock/apache2', '/tmp'],
      env: { GET_HOSTS_FROM: 'dns' },
      exposure: Exposure.ingress({ host: config.host, className: 'nginx' }),
      autoscaling: {
        minReplicas: config.frontendReplicas.min,
        maxReplicas: config.frontendReplicas.max,
        cpuUtilization: 60,
      },
      resources: {
        cpu: {
          request: kplus.Cpu.millis(config.frontendCpuMillis),
          limit: kplus.Cpu.millis(config.frontendCpuMillis * 4),
        },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
    });
    Policy.relax(this.frontend, 'policy/image-pinned', GUESTBOOK_SAMPLE_IMAGES);
    this.frontend.connectTo(this.leader);
    this.frontend.connectTo(this.followers);
    AppNetwork.isolate(this); // default deny, DNS, and only the connections above
  }
}
