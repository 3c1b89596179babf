#!/usr/bin/env node
// The kubecraft CLI from this repository's sources (npm run synth / diff / import, and
// cdk8s.yaml's app): lib/cli/main.ts bundled by esbuild into .kubecraft/dev-cli/, rebuilt only
// when one of its source files changed, so the CLI is always the current source without a
// build step. The installed package runs the compiled build/lib/cli/bin.js instead.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = resolve(dirname(self), '..');
const dir = join(root, '.kubecraft', 'dev-cli');
const indexFile = join(dir, 'index.json');

function cached() {
  try {
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    const fresh = index.inputs.every(([f, mtime, size]) => {
      const s = statSync(f);
      return s.mtimeMs === mtime && s.size === size;
    });
    return fresh && existsSync(join(dir, index.bundle)) ? join(dir, index.bundle) : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const started = Date.now();
  const result = await esbuild({
    entryPoints: [join(root, 'lib', 'cli', 'main.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    write: false,
    outfile: join(dir, 'cli.cjs'),
    sourcemap: 'inline',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        // the schema validators (generated JavaScript, megabytes) stay out of the bundle, required
        // from lib/ (as the runner does for apps): one copy per process, shared with the app
        name: 'generated-external',
        setup(b) {
          b.onResolve({ filter: /[\\/]generated[\\/][^\\/]+$/ }, (a) => ({
            path: createRequire(join(a.resolveDir, 'x.js')).resolve(a.path),
            external: true,
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs).map((f) => {
    const s = statSync(join(root, f));
    return [join(root, f), s.mtimeMs >= started - 20 ? -1 : s.mtimeMs, s.size];
  });
  const bundle = `cli-${createHash('sha256').update(code).digest('hex')}.cjs`;
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, bundle), code);
  writeAtomically(indexFile, JSON.stringify({ bundle, inputs }));
  return join(dir, bundle);
}

/** Runs the CLI with `argv` (as after `kubecraft`); resolves to its exit code. */
export async function runDevCli(argv) {
  const bundle = cached() ?? (await build());
  process.setSourceMapsEnabled(true);
  const { main } = createRequire(import.meta.url)(bundle);
  return main(argv, self);
}

if (process.argv[1] && resolve(process.argv[1]) === self) {
  process.exitCode = await runDevCli(process.argv.slice(2));
}
