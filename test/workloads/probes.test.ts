import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes } from '../../lib';
import { ConstructError } from '../../lib/core/errors';
import { synth } from '../support/manifests';

function render(props: Partial<kplus.ContainerProps>): any {
  const chart = new KubecraftChart(Testing.app(), 'test');
  new kplus.Pod(chart, 'pod', { containers: [{ name: 'c', image: 'app:1.0', portNumber: 8080, ...props }] });
  return (synth(chart) as any[])[0].spec.containers[0];
}

describe('Probes', () => {
  test('gRPC probe with service name and timings', () => {
    const c = render({
      liveness: Probes.grpc(2379, {
        service: 'etcd',
        initialDelaySeconds: Duration.seconds(10),
        timeoutSeconds: Duration.seconds(2),
      }),
    });
    expect(c.livenessProbe).toEqual({
      grpc: { port: 2379, service: 'etcd' },
      failureThreshold: 3,
      initialDelaySeconds: 10,
      timeoutSeconds: 2,
    });
  });

  test('httpGet on a named port with headers, as readiness', () => {
    const c = render({
      readiness: Probes.httpGet('/ready', {
        port: 'http',
        httpHeaders: { 'X-Probe': 'yes' },
        scheme: kplus.ConnectionScheme.HTTPS,
      }),
    });
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/ready', port: 'http', scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: 'yes' }] },
      failureThreshold: 3,
    });
  });

  test('httpGet and tcpSocket default to the container port', () => {
    const c = render({ liveness: Probes.tcpSocket(), readiness: Probes.httpGet('/') });
    expect(c.livenessProbe.tcpSocket.port).toBe(8080);
    expect(c.readinessProbe.httpGet.port).toBe(8080);
  });

  test('exec probe as startup probe', () => {
    const c = render({
      startup: Probes.exec(['cat', '/tmp/ok'], { failureThreshold: 30, periodSeconds: Duration.seconds(10) }),
    });
    expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/ok'] }, failureThreshold: 30, periodSeconds: 10 });
  });

  test('a port-less probe on a port-less container is an error naming the container', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    new kplus.Pod(chart, 'pod', { containers: [{ name: 'c', image: 'app:1.0', liveness: Probes.tcpSocket() }] });
    expect(() => synth(chart)).toThrow(/tcpSocket probe on container 'c': no port given/);
  });

  test('probes are rejected on init containers', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    const pod = new kplus.Pod(chart, 'pod');
    expect(() => pod.addInitContainer({ image: 'busybox:1.28', liveness: Probes.grpc(50051) })).toThrow(
      /Init containers must not have a liveness probe/,
    );
  });

  test.each<[string, () => kplus.Probe, RegExp]>([
    ['gRPC port 0', () => Probes.grpc(0), /must be an integer from 1 to 65535/],
    ['gRPC port 70000', () => Probes.grpc(70000), /must be an integer from 1 to 65535/],
    ['httpGet port 65536', () => Probes.httpGet('/', { port: 65536 }), /must be an integer from 1 to 65535/],
    ['tcp port name too long', () => Probes.tcpSocket({ port: 'a-very-long-port-name' }), /no more than 15 characters/],
    ['port name with capitals', () => Probes.httpGet('/', { port: 'Http' }), /lower case alphanumeric/],
    ['relative path', () => Probes.httpGet('healthz'), /path must start with '\/'/],
    ['bad header name', () => Probes.httpGet('/', { httpHeaders: { 'Bad Header': 'x' } }), /not a valid HTTP token/],
    [
      'failureThreshold 0',
      () => Probes.exec(['true'], { failureThreshold: 0 }),
      /failureThreshold must be an integer of at least 1/,
    ],
    [
      'successThreshold 0',
      () => Probes.tcpSocket({ port: 80, successThreshold: 0 }),
      /successThreshold must be an integer of at least 1/,
    ],
    [
      'periodSeconds 0',
      () => Probes.grpc(80, { periodSeconds: Duration.seconds(0) }),
      /periodSeconds must be an integer of at least 1/,
    ],
    ['empty exec command', () => Probes.exec([]), /command must not be empty/],
  ])('rejects %s', (_name, make, error) => {
    const probe = make();
    expect(Probes.problems(probe).join('; ')).toMatch(error);
    const chart = new KubecraftChart(Testing.app(), 'test');
    expect(() => Probes.validate(chart, 'liveness', probe)).toThrow(ConstructError);
    expect(() => Probes.validate(chart, 'liveness', probe)).toThrow(/^test \(liveness\): /);
    new kplus.Pod(chart, 'pod', { containers: [{ name: 'c', image: 'app:1.0', portNumber: 80, liveness: probe }] });
    expect(() => synth(chart)).toThrow(error);
  });

  test('valid probes and cdk8s-plus probes have no problems', () => {
    expect(Probes.problems(Probes.httpGet('/healthz', { port: 'http' }))).toEqual([]);
    expect(Probes.problems(kplus.Probe.fromCommand(['true']))).toEqual([]);
  });
});
