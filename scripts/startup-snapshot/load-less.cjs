#!/usr/bin/env node
// "Loading less" (issue 25): how much of loading cdk8s-plus-27 is its index loading every kind.
//   node scripts/startup-snapshot/load-less.cjs MODE   (one process per mode; prints a JSON line)
// MODE: cdk8s (constructs + cdk8s), k8s (+ cdk8s-plus-27's generated L1 classes, imports/k8s.js),
// few (+ only the cdk8s-plus-27 files a Deployment + Service + PodDisruptionBudget + Namespace app
// needs, required by path), index (+ require('cdk8s-plus-27')), kubecraft (+ require('kubecraft')).
// In-process time of the requires (no code cache), and how many files each loads.
const path = require('path');
const mode = process.argv[2];
const plus = path.dirname(require.resolve('cdk8s-plus-27'));
const t0 = performance.now();
const before = new Set(Object.keys(require.cache));
require('constructs');
require('cdk8s');
if (mode === 'k8s') require(path.join(plus, 'imports', 'k8s'));
if (mode === 'few') for (const f of ['deployment', 'service', 'namespace', 'pod']) require(path.join(plus, f));
if (mode === 'index' || mode === 'kubecraft') require('cdk8s-plus-27');
if (mode === 'kubecraft') require('kubecraft');
const ms = performance.now() - t0;
const files = Object.keys(require.cache).filter((k) => !before.has(k));
const plusFiles = files.filter((f) => f.startsWith(plus)).length;
console.log(JSON.stringify({ mode, ms: Number(ms.toFixed(1)), files: files.length, plusFiles }));
