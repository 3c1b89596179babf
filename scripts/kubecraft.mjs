#!/usr/bin/env node
// The kubecraft command line (`npm run diff`, or `kubecraft diff` when installed):
// bundles lib/cli/kubecraft-cli.ts with esbuild and runs it.
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, '.kubecraft', 'cli.js');
buildSync({
  entryPoints: [join(root, 'lib', 'cli', 'kubecraft-cli.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
const { runCli } = createRequire(import.meta.url)(outfile);
process.exitCode = runCli(process.argv.slice(2), process.cwd(), join(root, 'scripts', 'run-app.mjs'));
