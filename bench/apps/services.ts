// Benchmark app: N Deployment + Service pairs (the shape of issue 6's baseline).
//   node bundle.js <variant> <N> <outdir>
// variant: "plain" (plain cdk8s App/Chart + cdk8s-plus-27, the baseline),
//          "kubecraft" (KubecraftApp/KubecraftChart, validation on),
//          "kubecraft-novalidate" (same, validation off)
// Prints one JSON line with phase timings (ms since process start) and peak memory.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Probes } from '../../lib';
import { benchArgs } from './args';

const loaded = performance.now();
const [variant, nArg, outdir] = benchArgs();
const n = Number(nArg);
const kubecraft = variant !== 'plain';
const app = kubecraft
  ? new KubecraftApp({ outdir, validate: variant === 'kubecraft', printReport: false })
  : new App({ outdir });
const chart = kubecraft
  ? new KubecraftChart(app, 'services', { namespace: 'bench' })
  : new Chart(app, 'services', { namespace: 'bench' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'bench' } });
for (let i = 0; i < n; i++) {
  const d = new kplus.Deployment(chart, `svc-${i}`, {
    replicas: 2,
    containers: [
      {
        name: 'app',
        image: `registry.example.com/app-${i}:1.0.${i}`,
        portNumber: 8080,
        securityContext: { user: 1000, group: 1000 },
        liveness: Probes.tcpSocket(),
        readiness: Probes.httpGet('/healthz'),
      },
    ],
  });
  d.exposeViaService({ name: `svc-${i}`, ports: [{ port: 80, targetPort: 8080 }] });
}
const built = performance.now();
app.synth();
const done = performance.now();
const timings = app instanceof KubecraftApp ? app.lastSynthTimings : undefined;
process.stdout.write(
  JSON.stringify({
    load: loaded,
    construct: built - loaded,
    synth: done - built,
    total: done,
    timings,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
