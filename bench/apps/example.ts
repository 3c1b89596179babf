// Benchmark app: the example app (main.ts). node bundle.js <validate|novalidate> <outdir>
import { buildExampleApp } from '../../examples/example-app';
import { KubecraftApp } from '../../lib';
import { benchArgs } from './args';

const loaded = performance.now();
const [mode, outdir] = benchArgs();
const app = buildExampleApp(new KubecraftApp({ outdir, validate: mode === 'validate', printReport: false }));
const built = performance.now();
app.synth();
const done = performance.now();
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
