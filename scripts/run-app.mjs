#!/usr/bin/env node
// Runs a kubecraft app written in TypeScript: bundles the entry point (default: main.ts) with
// esbuild into .kubecraft/ (about 0.1 s, no type checking; `npm run build` type-checks) and
// runs it. This is the `app:` of cdk8s.yaml, so `npx cdk8s synth` runs compiled JavaScript,
// not ts-node.
//
// A SynthesisError (invalid input caught at synth) prints its report without a stack trace
// and exits 1; the previous output directory is left as it was.
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(process.argv[2] ?? join(root, 'main.ts'));
const outfile = join(root, '.kubecraft', 'app.js');

buildSync({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile,
  sourcemap: 'inline',
  logLevel: 'warning',
});

const require = createRequire(import.meta.url);
try {
  require(outfile);
} catch (err) {
  if (err && err.name === 'SynthesisError') {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
