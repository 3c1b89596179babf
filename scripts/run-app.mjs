#!/usr/bin/env node
// Runs a kubecraft app written in TypeScript (default: main.ts). This is the `app:` of
// cdk8s.yaml and the body of `npm run synth`, so `npx cdk8s synth` runs compiled JavaScript,
// never ts-node.
//
// Fast on repeated runs:
// - the app, the library and its dependencies are bundled by esbuild into .kubecraft/ (no type
//   checking; `npm test` type-checks), and the bundle is rebuilt only when one of its inputs
//   changed (their modification times are recorded next to it);
// - the bundle is compiled with a V8 code cache (.kubecraft/<name>.cache), so later runs skip
//   parsing and compiling its ~6 MB.
//
// A SynthesisError (invalid input caught at synth) prints its report without a stack trace and
// exits 1; the previous output directory is left as it was.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `--env prod` (or `--env=dev,prod`) selects environments, like KUBECRAFT_ENV=prod
const args = process.argv.slice(2);
const envFlag = args.findIndex((a) => a === '--env' || a.startsWith('--env='));
if (envFlag >= 0) {
  const value = args[envFlag].includes('=') ? args[envFlag].slice('--env='.length) : args[envFlag + 1];
  if (!value) {
    console.error('run-app: --env needs a value, e.g. --env prod');
    process.exit(2);
  }
  process.env.KUBECRAFT_ENV = value;
  args.splice(envFlag, args[envFlag].includes('=') ? 1 : 2);
  process.argv.splice(2, process.argv.length - 2, ...args);
}
const entry = resolve(args.find((a) => /\.(ts|js)$/.test(a)) ?? join(root, 'main.ts'));
const cacheDir = join(root, '.kubecraft');
const name = `app-${basename(entry).replace(/\.[^.]+$/, '')}-${Buffer.from(entry).toString('base64url').slice(-12)}`;
const outfile = join(cacheDir, `${name}.js`);
const metaFile = join(cacheDir, `${name}.meta.json`);
const codeCacheFile = join(cacheDir, `${name}.cache`);
mkdirSync(cacheDir, { recursive: true });

function upToDate() {
  if (!existsSync(outfile) || !existsSync(metaFile)) return false;
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.esbuild !== esbuildVersion()) return false;
    return Object.entries(meta.inputs).every(([file, mtime]) => statSync(join(root, file)).mtimeMs === mtime);
  } catch {
    return false;
  }
}

function esbuildVersion() {
  return createRequire(import.meta.url)('esbuild/package.json').version;
}

if (!upToDate()) {
  const { buildSync } = await import('esbuild'); // only when rebuilding: importing it costs ~15 ms
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    absWorkingDir: root,
    metafile: true,
    // loaded by path in a child process (the graph renderer), so it stays a package
    external: ['@viz-js/viz', 'esbuild'],
    logLevel: 'warning',
  });
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((f) => [f, statSync(join(root, f)).mtimeMs]),
  );
  writeFileSync(metaFile, JSON.stringify({ esbuild: esbuildVersion(), inputs }));
  rmSync(codeCacheFile, { force: true });
}

// Load the bundle as CommonJS, as `require` would, but through a script with a code cache.
const code = readFileSync(outfile, 'utf8');
const cachedData = existsSync(codeCacheFile) ? readFileSync(codeCacheFile) : undefined;
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
  filename: outfile,
  cachedData,
});
const module = { exports: {}, filename: outfile, id: outfile, loaded: false };
const saveCache = () => {
  if (cachedData && !script.cachedDataRejected) return;
  try {
    writeFileSync(codeCacheFile, script.createCachedData());
  } catch {
    // a cache is an optimization only
  }
};
try {
  script.runInThisContext()(module.exports, createRequire(outfile), module, outfile, dirname(outfile));
  saveCache();
} catch (err) {
  saveCache();
  if (err && err.name === 'SynthesisError') {
    console.error(err.message);
    process.exit(1);
  }
  // invalid props and other errors raised while the app is built: the message names the
  // construct; show where in the app's own code it was raised, not the library's internals
  if (err instanceof Error) {
    const frames = (err.stack ?? '')
      .split('\n')
      .slice(1)
      .filter((l) => !l.includes('node_modules') && !l.includes('node:'))
      .slice(0, 4);
    console.error(`kubecraft: synthesis failed: ${err.message}\n${frames.join('\n')}`);
    process.exit(1);
  }
  throw err;
}
