import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Probes, StatefulService, Worker } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

const queue = new StatefulService(chart, 'rabbitmq', {
  image: 'rabbitmq:3.13.1',
  port: 5672,
  portName: 'amqp',
  user: 999,
  storage: Size.gibibytes(5),
  dataPath: '/var/lib/rabbitmq',
});

// no port, no Service: a queue consumer; its probes say whether the process runs
const consumer = new Worker(chart, 'orders-consumer', {
  image: 'ghcr.io/acme/orders-consumer:3.1.0',
  replicas: 2,
  liveness: Probes.exec(['pgrep', 'java']),
  readiness: Probes.exec(['pgrep', 'java']),
});
consumer.connectTo(queue); // RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_ADDR

app.synth();
