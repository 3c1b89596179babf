import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, NodeAgent } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'logging', { namespace: 'logging' });
new kplus.Namespace(chart, 'logging-ns', { metadata: { name: 'logging' } });

new NodeAgent(chart, 'fluent-bit', {
  image: 'fluent/fluent-bit:3.0.4',
  port: 2020, // its HTTP server: the probes' TCP check
  // each host path with its reason: recorded as the policy/host-path relaxation in the report
  hostPaths: [{ hostPath: '/var/log', reason: 'collects the container logs of every pod on the node' }],
});

app.synth();
