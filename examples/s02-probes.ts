import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Probes } from '../lib';
import { NOBODY, smallResources, writablePaths } from './non-root';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenario 2 (seed 003): liveness, readiness and startup probes of every kind, one pod per
 * example of the note.
 *
 * - `liveness-exec`: exec `cat /tmp/healthy` (initialDelay 5, period 5). busybox runs as
 *   uid 65534 with an `emptyDir` at /tmp, the only path it writes.
 * - `liveness-http`: agnhost 2.40 `liveness`; httpGet `/healthz` on the named port
 *   `liveness-port` (8080) with a custom header (initialDelay 3, period 3), and a startup probe
 *   on the same named port (failureThreshold 30, period 10). Runs as uid 65534.
 * - `goproxy`: tcpSocket on 8080 as readiness (initialDelay 5, period 10) and liveness
 *   (initialDelay 15, period 10). Runs as uid 65534.
 * - `etcd-with-grpc`: gRPC health checking on 2379 (initialDelay 10). etcd runs as uid 65534
 *   with its data directory on an `emptyDir`.
 */
export class ProbesChart extends ScenarioChart {
  public readonly exec: kplus.Pod;
  public readonly http: kplus.Pod;
  public readonly tcp: kplus.Pod;
  public readonly grpc: kplus.Pod;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'probes' });
    const pod = (name: string): kplus.Pod =>
      new kplus.Pod(this, name, {
        metadata: { labels: { test: 'liveness', 'app.kubernetes.io/name': name } },
        securityContext: { user: 65534, group: 65534 },
      });

    this.exec = pod('liveness-exec');
    const execContainer = this.exec.addContainer({
      name: 'liveness',
      image: 'busybox:1.28',
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      securityContext: NOBODY,
      resources: smallResources(50, 16),
      liveness: Probes.exec(['cat', '/tmp/healthy'], {
        initialDelaySeconds: Duration.seconds(5),
        periodSeconds: Duration.seconds(5),
      }),
      readiness: Probes.exec(['cat', '/tmp/healthy'], {
        initialDelaySeconds: Duration.seconds(5),
        periodSeconds: Duration.seconds(5),
      }),
    });
    writablePaths(this.exec, execContainer, ['/tmp']);

    this.http = pod('liveness-http');
    this.http.addContainer({
      name: 'liveness',
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
      args: ['liveness'],
      ports: [{ number: 8080, name: 'liveness-port' }],
      securityContext: NOBODY,
      resources: smallResources(),
      liveness: Probes.httpGet('/healthz', {
        port: 'liveness-port',
        httpHeaders: { 'Custom-Header': 'Awesome' },
        initialDelaySeconds: Duration.seconds(3),
        periodSeconds: Duration.seconds(3),
      }),
      readiness: Probes.httpGet('/healthz', { port: 'liveness-port', periodSeconds: Duration.seconds(3) }),
      startup: Probes.httpGet('/healthz', {
        port: 'liveness-port',
        failureThreshold: 30,
        periodSeconds: Duration.seconds(10),
      }),
    });

    this.tcp = pod('goproxy');
    this.tcp.addContainer({
      name: 'goproxy',
      image: 'registry.k8s.io/goproxy:0.1',
      ports: [{ number: 8080 }],
      securityContext: NOBODY,
      resources: smallResources(),
      readiness: Probes.tcpSocket({
        port: 8080,
        initialDelaySeconds: Duration.seconds(5),
        periodSeconds: Duration.seconds(10),
      }),
      liveness: Probes.tcpSocket({
        port: 8080,
        initialDelaySeconds: Duration.seconds(15),
        periodSeconds: Duration.seconds(10),
      }),
    });

    this.grpc = pod('etcd-with-grpc');
    const etcd = this.grpc.addContainer({
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.1-0',
      command: [
        '/usr/local/bin/etcd',
        '--data-dir',
        '/var/lib/etcd',
        '--listen-client-urls',
        'http://0.0.0.0:2379',
        '--advertise-client-urls',
        'http://127.0.0.1:2379',
        '--log-level',
        'debug',
      ],
      ports: [{ number: 2379 }],
      securityContext: NOBODY,
      resources: smallResources(100, 128),
      liveness: Probes.grpc(2379, { initialDelaySeconds: Duration.seconds(10) }),
      readiness: Probes.grpc(2379, { periodSeconds: Duration.seconds(5) }),
    });
    writablePaths(this.grpc, etcd, ['/var/lib/etcd']);
  }
}
