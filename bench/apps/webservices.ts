// Benchmark app: N WebServices (Deployment + Service + PodDisruptionBudget each), validation on.
//   node bundle.js <N> <outdir> [--dump-json <file>]
// With --dump-json, also writes the final objects as JSON (the input of the floor benchmark).
import * as fs from 'fs';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, WebService } from 'kubecraft';
import { benchArgs } from './args';

const loaded = performance.now();
const [nArg, outdir, flag, dumpFile] = benchArgs();
const n = Number(nArg);
const app = new KubecraftApp({ outdir, printReport: false });
const chart = new KubecraftChart(app, 'services', { namespace: 'bench' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'bench' } });
for (let i = 0; i < n; i++) {
  new WebService(chart, `svc-${i}`, { image: `registry.example.com/app-${i}:1.0.${i}`, partOf: 'bench' });
}
const built = performance.now();
app.synth();
const done = performance.now();
if (flag === '--dump-json')
  fs.writeFileSync(dumpFile, JSON.stringify(app.render().flatMap((f) => f.objects.map((o) => o.manifest))));
process.stdout.write(
  JSON.stringify({
    load: loaded,
    construct: built - loaded,
    synth: done - built,
    total: done,
    timings: app.lastSynthTimings,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
