// Patterns: everyday settings, reasoned exceptions, adoption of installed objects.
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Probes, StatefulService, WebService, Worker } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

// #region everyday
const ring = new StatefulService(chart, 'cassandra', {
  image: 'cassandra:4.1.3',
  port: 9042,
  portName: 'cql',
  replicas: 3,
  user: 999,
  storage: Size.gibibytes(10),
  dataPath: '/var/lib/cassandra',
  peerPorts: [
    { name: 'intra-node', port: 7000 },
    { name: 'jmx', port: 7199 },
  ],
  terminationGracePeriod: Duration.seconds(1800),
  lifecycle: { preStop: kplus.Handler.fromCommand(['nodetool', 'drain']) },
  capabilities: { add: ['IPC_LOCK'], reason: 'Cassandra locks its memory so it is never swapped' },
  resources: {
    cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(2000) },
    memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) },
  },
});
// #endregion everyday

// #region adoption
// taking over what `kubectl apply -f bookinfo.yaml` installed: same names, same immutable selectors
const reviews = new WebService(chart, 'reviews', {
  image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.20.1',
  port: 9080,
  servicePort: 9080,
  replicas: 1,
  workloadName: 'reviews-v1',
  selector: { app: 'reviews', version: 'v1' },
  serviceSelector: { app: 'reviews' }, // the Service selects every version
  serviceAccount: { name: 'bookinfo-reviews' },
  containerName: 'reviews',
  healthPath: '/health',
});
new Worker(chart, 'reviews-v2', {
  image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.1',
  ports: [{ name: 'http', port: 9080 }],
  selector: { app: 'reviews', version: 'v2' },
  serviceAccount: { name: 'bookinfo-reviews', create: false },
  liveness: Probes.httpGet('/health', { port: 'http' }),
  readiness: Probes.httpGet('/health', { port: 'http' }),
});
// #endregion adoption

reviews.connectTo(ring, { envPrefix: 'CASSANDRA' });

app.synth();
