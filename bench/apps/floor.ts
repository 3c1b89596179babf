// The floor: the same final objects as the WebService app, read from JSON and serialized
// straight to YAML with the same serializer, and written. node bundle.js <objects.json> <outdir>
import * as fs from 'fs';
import * as path from 'path';
import { toYamlDocuments } from '../../lib/output/yaml-serializer';
import { benchArgs } from './args';

const loaded = performance.now();
const [input, outdir] = benchArgs();
const objects = JSON.parse(fs.readFileSync(input, 'utf8'));
const t0 = performance.now();
const text = toYamlDocuments(objects);
const t1 = performance.now();
fs.mkdirSync(outdir, { recursive: true });
fs.writeFileSync(path.join(outdir, 'services.k8s.yaml'), text);
const done = performance.now();
process.stdout.write(
  JSON.stringify({
    load: loaded,
    construct: t0 - loaded,
    synth: done - t0,
    total: done,
    timings: { render: 0, validate: 0, serialize: t1 - t0, write: done - t1 },
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
