import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Policy, Probes } from '../lib';
import { smallResources, writablePaths } from './non-root';
import { ScenarioChart } from './scenario-chart';

/** uid/gid of the `nginx` user in the official nginx images. */
const NGINX_UID = 101;

/**
 * Scenario 4 (seeds 002, 003): `nginx-deployment`, nginx 1.14.2 with 3 replicas, containerPort
 * 80, selector `app: nginx`, rolling update 25% / 25%; and the variant serving a host directory
 * (nginx 1.17.0, 2 replicas) with a hostPath volume at /usr/share/nginx/html.
 *
 * Non-root: the official nginx image starts as root. Here it runs as its own `nginx` user
 * (uid 101), binds port 80 through the safe sysctl `net.ipv4.ip_unprivileged_port_start=0`,
 * and writes its cache, pid file and temp files to `emptyDir`s (/var/cache/nginx, /var/run,
 * /tmp).
 *
 * Policy exception: the variant's hostPath volume is relaxed explicitly (`policy/host-path`),
 * with its reason, as the seed's local-development setup needs it.
 */
export class NginxDeploymentChart extends ScenarioChart {
  public readonly deployment: kplus.Deployment;
  public readonly hostPathVariant: kplus.Deployment;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'nginx' });
    this.deployment = this.nginx('nginx-deployment', 'nginx:1.14.2', 3);

    this.hostPathVariant = this.nginx('nginx-hostpath', 'nginx:1.17.0', 2);
    const html = kplus.Volume.fromHostPath(this, 'html', 'html', {
      path: '/srv/www/html',
      type: kplus.HostPathVolumeType.DIRECTORY,
    });
    this.hostPathVariant.containers[0].mount('/usr/share/nginx/html', html, { readOnly: true });
    Policy.relax(
      this.hostPathVariant,
      'policy/host-path',
      "serves a developer's local web root from the node (seed 002); read-only, for single-node development clusters only",
    );
  }

  private nginx(name: string, image: string, replicas: number): kplus.Deployment {
    const deployment = new kplus.Deployment(this, name, {
      metadata: { labels: { app: 'nginx' } },
      replicas,
      select: false,
      podMetadata: { labels: { app: 'nginx', 'app.kubernetes.io/instance': name } },
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.percent(25),
        maxUnavailable: kplus.PercentOrAbsolute.percent(25),
      }),
      securityContext: {
        user: NGINX_UID,
        group: NGINX_UID,
        sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }],
      },
    });
    deployment.select(kplus.LabelSelector.of({ labels: { app: 'nginx', 'app.kubernetes.io/instance': name } }));
    const container = deployment.addContainer({
      name: 'nginx',
      image,
      ports: [{ number: 80, name: 'http' }],
      securityContext: { user: NGINX_UID, group: NGINX_UID },
      resources: smallResources(100, 64),
      liveness: Probes.tcpSocket({ port: 'http' }),
      readiness: Probes.httpGet('/', { port: 'http' }),
    });
    writablePaths(deployment, container, ['/var/cache/nginx', '/var/run', '/tmp']);
    return deployment;
  }
}
