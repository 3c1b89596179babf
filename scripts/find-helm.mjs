#!/usr/bin/env node
// A helm binary for kubecraft's own tests and benchmarks, without downloading anything at run time.
//
//   node scripts/find-helm.mjs     # prints {"path": ..., "version": ...} or {"reason": ...} (exit 0 either way)
//
// Order: `helm` on the PATH (or KUBECRAFT_HELM); otherwise the pinned helm 3 that the devDependency
// @aws-cdk/asset-kubectl-v20 (Apache-2.0, published by AWS on the npm registry) ships inside its
// Lambda layer archive (lib/layer.zip: helm/helm, linux x64), extracted once with yauzl into
// node_modules/.cache/kubecraft-helm/. When neither can be had (another platform, the package
// missing), the answer is a reason, which the callers show as a visible skip.
import { spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const LAYER_PACKAGE = '@aws-cdk/asset-kubectl-v20';
const ENTRY = 'helm/helm';

function versionOf(executable) {
  const r = spawnSync(executable, ['version', '--short'], { encoding: 'utf8' });
  return !r.error && r.status === 0 ? r.stdout.trim() : undefined;
}

async function extract(zipFile, entryName, target) {
  const yauzl = require('yauzl');
  const zip = await yauzl.openPromise(zipFile);
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== entryName) continue;
      mkdirSync(dirname(target), { recursive: true });
      const partial = `${target}.${process.pid}.partial`;
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(partial));
      chmodSync(partial, 0o755);
      renameSync(partial, target); // atomic: parallel test workers never run a half-written binary
      return true;
    }
    return false;
  } finally {
    zip.close();
  }
}

/** @returns {Promise<{path: string, version: string} | {reason: string}>} */
export async function findHelm() {
  for (const candidate of [process.env.KUBECRAFT_HELM, 'helm'].filter(Boolean)) {
    const version = versionOf(candidate);
    if (version) return { path: candidate, version };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { reason: `no helm on the PATH, and the pinned helm of ${LAYER_PACKAGE} is linux x64 only` };
  }
  let pkg;
  try {
    pkg = require(`${LAYER_PACKAGE}/package.json`);
  } catch {
    return { reason: `no helm on the PATH, and the devDependency ${LAYER_PACKAGE} is not installed (npm ci)` };
  }
  const zipFile = join(dirname(require.resolve(`${LAYER_PACKAGE}/package.json`)), 'lib', 'layer.zip');
  const target = join(
    root,
    'node_modules',
    '.cache',
    'kubecraft-helm',
    `${LAYER_PACKAGE.replace('/', '+')}@${pkg.version}`,
    'helm',
  );
  if (!existsSync(target)) {
    try {
      if (!(await extract(zipFile, ENTRY, target))) return { reason: `${zipFile} holds no ${ENTRY}` };
    } catch (e) {
      rmSync(target, { force: true });
      return { reason: `cannot extract ${ENTRY} from ${zipFile}: ${e.message}` };
    }
  }
  const version = versionOf(target);
  return version ? { path: target, version } : { reason: `${target} does not run (helm version failed)` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await findHelm()) + '\n');
}
