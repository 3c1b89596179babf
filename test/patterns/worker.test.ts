import { Size } from 'cdk8s';
import { StatefulService, Worker } from '../../lib';
import { chartIn, get, valid } from './support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const spec = (m: any) => m.spec.template.spec;

describe('Worker: a Deployment with no Service', () => {
  test('connects to services, has no Service, probes its port', () => {
    const chart = chartIn();
    const queue = new StatefulService(chart, 'rabbitmq', {
      image: 'rabbitmq:3.12.12',
      port: 5672,
      portName: 'amqp',
      storage: Size.gibibytes(1),
      dataPath: '/var/lib/rabbitmq',
      user: 999,
    });
    const worker = new Worker(chart, 'consumer', {
      image: IMAGE,
      replicas: 3,
      ports: [{ name: 'metrics', port: 9100 }],
    });
    worker.connectTo(queue);
    const m = valid(chart);
    expect(m.filter((x) => x.metadata.name === 'consumer').map((x) => x.kind)).toEqual(['Deployment']);
    const d = get(m, 'Deployment', 'consumer');
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.labels['app.kubernetes.io/component']).toBe('worker');
    const c = spec(d).containers[0];
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'metrics' });
    expect(c.env[0]).toEqual({ name: 'RABBITMQ_HOST', value: 'rabbitmq.shop.svc.cluster.local' });
  });

  test('without a port it needs probes', () => {
    expect(() => new Worker(chartIn(), 'w', { image: IMAGE })).toThrow(
      /shop\/w \(liveness\): nothing to probe for liveness: the worker has no port/,
    );
  });
});
