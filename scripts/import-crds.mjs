#!/usr/bin/env node
// Regenerates the typed custom-resource bindings in imports/ from a local CRD file, offline
// (npm run import -- <crds.yaml> [crd-name ...]): `kubecraft import` from this repository's
// sources, keeping by default only the CRDs the example app uses, so imports/ stays small.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDevCli } from './kubecraft.mjs';

const DEFAULT_CRDS = ['cephclusters.ceph.rook.io'];
const [input, ...names] = process.argv.slice(2);
if (!input || input.startsWith('-')) {
  console.error('usage: npm run import -- <crds.yaml> [crd-name ...]');
  process.exit(2);
}
const file = resolve(process.env.INIT_CWD ?? process.cwd(), input);
process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
process.exitCode = await runDevCli([
  'import',
  file,
  ...(names.length > 0 ? names : DEFAULT_CRDS),
  '--output',
  'imports',
]);
