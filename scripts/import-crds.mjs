#!/usr/bin/env node
// Regenerates the typed custom-resource bindings in imports/ from a local CRD file, offline.
//
//   node scripts/import-crds.mjs <crds.yaml> [crd-name ...]
//
// Only the named CRDs are kept (default: the ones the example app uses), so imports/ stays small.
// Each selected CRD is written to imports/crds/<name>.yaml (the input of `cdk8s import` and of the
// schema validator) and its typed class is generated with `cdk8s import` into imports/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const DEFAULT_CRDS = ['cephclusters.ceph.rook.io'];
const [input, ...names] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/import-crds.mjs <crds.yaml> [crd-name ...]');
  process.exit(2);
}
const wanted = names.length > 0 ? names : DEFAULT_CRDS;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'imports', 'crds');
mkdirSync(outDir, { recursive: true });

const docs = parseAllDocuments(readFileSync(input, 'utf8')).map((d) => d.toJS());
for (const name of wanted) {
  const crd = docs.find((d) => d && d.kind === 'CustomResourceDefinition' && d.metadata?.name === name);
  if (!crd) {
    console.error(`CRD ${name} not found in ${input}`);
    process.exit(1);
  }
  const file = join(outDir, `${name}.yaml`);
  writeFileSync(file, stringify(crd, { lineWidth: 0 }));
  const cli = join(root, 'node_modules', '.bin', 'cdk8s');
  execFileSync(cli, ['import', '--no-check-upgrade', '--language', 'typescript', '--output', 'imports', `${file}`], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log(`imported ${name}`);
}
