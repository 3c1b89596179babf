#!/usr/bin/env node
// Builds the startup snapshot of a project (default: this repository) from the current sources of
// lib/cli/startup-snapshot.ts, without a package build of that module (the snapshot itself holds
// the compiled build/lib/, so `npm run build` first):
//   node scripts/startup-snapshot/build.mjs [project]
// then `<project>/.kubecraft/startup-snapshot/kubecraft synth main.ts` runs kubecraft from it.
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The module, bundled from its sources into .kubecraft/. */
export function startupSnapshotModule() {
  const outfile = join(root, '.kubecraft', 'startup-snapshot-module.cjs');
  buildSync({
    entryPoints: [join(root, 'lib', 'cli', 'startup-snapshot.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const project = resolve(process.argv[2] ?? root);
  const t0 = Date.now();
  const built = startupSnapshotModule().buildStartupSnapshot(project);
  console.log(
    `startup snapshot of ${built.modules} modules (${(built.bytes / 1048576).toFixed(1)} MB) built in ${Date.now() - t0} ms\n` +
      `  blob: ${built.blob}\n  launcher: ${built.launcher}`,
  );
}
