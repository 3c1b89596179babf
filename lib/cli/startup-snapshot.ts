// A V8 startup snapshot of a project's cdk8s, cdk8s-plus-27, constructs and kubecraft (Node's
// `--build-snapshot`), so that `kubecraft synth` starts with those packages already loaded.
//
// Instance identity: the snapshot is built by Node's own CommonJS loader (`Module._load`, real
// resolution from the project, real `Module` objects in `Module._cache` under each file's real
// path); only the compile step is kubecraft's (Node 20 refuses to run a main module after its own
// `Module.prototype._compile` ran while building a snapshot). After deserialization the cache
// holds those modules, so the app's `require('cdk8s')` etc., resolved as usual from the app's
// folder, find the snapshot's very module objects: one copy of each class, as in a normal run.
//
// Freshness: the snapshot records every file it loaded (and the package.json of every package
// they belong to, and the project's lockfile) with modification time and size; the deserialized
// main function compares them before anything runs. When one changed, it starts kubecraft in a
// fresh Node without the snapshot, which loads from disk as usual (a one-line notice with
// `--verbose`): the stale modules are already in this Node's loader caches.
//
// Starting: Node takes a snapshot only from its command line (`node --snapshot-blob <file>`),
// so a launcher must start Node that way: `startupSnapshotCommand()` says how, and
// `buildStartupSnapshot()` writes a POSIX shell launcher beside the blob.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileAtomically } from '../core/atomic-file';
import { childEnvironment, runSetting } from '../core/run-context';
import { findProject } from './project';

/** The packages a startup snapshot holds (as resolved from the project). */
export const STARTUP_SNAPSHOT_PACKAGES = ['constructs', 'cdk8s', 'cdk8s-plus-27', 'kubecraft'] as const;

/** kubecraft's CLI modules loaded into the snapshot besides its library (relative to the package). */
const CLI_MODULES = ['build/lib/cli/main.js', 'build/lib/cli/synth.js'];

/** The `globalThis` key under which a run from a snapshot says what it did (see `StartupSnapshotRun`). */
export const STARTUP_SNAPSHOT_KEY = Symbol.for('kubecraft.startup-snapshot');

/** What a process started from a startup snapshot finds on `globalThis[STARTUP_SNAPSHOT_KEY]`. */
export interface StartupSnapshotRun {
  /** Whether the snapshot's modules are in use (false: they were stale and kubecraft loaded from disk). */
  readonly used: boolean;
  /** Why the snapshot was not used. */
  readonly reason?: string;
  /** The snapshot's module exports by package name (empty when not used). */
  readonly modules: Readonly<Record<string, unknown>>;
  /** Milliseconds the freshness check took. */
  readonly checkMs: number;
}

/** A project's startup snapshot: where its files are. */
export interface StartupSnapshotFiles {
  /** The folder (`<project>/.kubecraft/startup-snapshot`). */
  readonly dir: string;
  /** The blob for this Node binary and version. */
  readonly blob: string;
  /** What the blob was built from (JSON, see `StartupSnapshotManifest`). */
  readonly manifest: string;
  /** A POSIX shell launcher: `<launcher> synth main.ts` is `kubecraft synth main.ts`, from the blob when it can be. */
  readonly launcher: string;
}

/** What a blob was built from, kept beside it. */
export interface StartupSnapshotManifest {
  readonly node: string;
  readonly execPath: string;
  readonly project: string;
  /** kubecraft's CLI entry (`build/lib/cli/bin.js`) the blob runs. */
  readonly bin: string;
  /** `[file, mtimeMs, size]` of every file the blob was built from (size -1: absent). */
  readonly files: readonly (readonly [string, number, number])[];
  readonly builtMs: number;
}

/** The result of `buildStartupSnapshot`. */
export interface StartupSnapshotBuild extends StartupSnapshotFiles {
  /** Modules the blob holds. */
  readonly modules: number;
  /** The blob's size in bytes. */
  readonly bytes: number;
}

/** Whether a project's snapshot can be used by this Node, and if not why. */
export type StartupSnapshotStatus =
  | {
      readonly state: 'fresh';
      readonly files: StartupSnapshotFiles;
      /** When the blob was built (milliseconds since the epoch). */
      readonly builtMs: number;
    }
  | {
      readonly state: 'missing' | 'stale' | 'unsupported';
      /** Why it cannot be used, one line (paths inside the project are relative to it). */
      readonly reason: string;
      /**
       * Where its files are (or would be).
       *
       * @default - none when unsupported
       */
      readonly files?: StartupSnapshotFiles;
      /**
       * When the stale blob was built (milliseconds since the epoch).
       *
       * @default - none unless stale
       */
      readonly builtMs?: number;
    };

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb'];

/** Whether this Node can build and run startup snapshots (`--build-snapshot` and `v8.startupSnapshot`: Node 20 or later). */
export function startupSnapshotSupported(version = process.version): boolean {
  const major = Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
  return major >= 20;
}

/** Where the startup snapshot of `project` for this Node binary lives. */
export function startupSnapshotFiles(project: string, execPath = process.execPath): StartupSnapshotFiles {
  const dir = path.join(project, '.kubecraft', 'startup-snapshot');
  const key = createHash('sha256')
    .update(JSON.stringify([execPath, process.version, process.arch, project]))
    .digest('hex')
    .slice(0, 16);
  return {
    dir,
    blob: path.join(dir, `${key}.blob`),
    manifest: path.join(dir, `${key}.json`),
    launcher: path.join(dir, 'kubecraft'),
  };
}

const isKubecraft = (dir: string) => {
  try {
    return (
      (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'kubecraft'
    );
  } catch {
    return false;
  }
};

/** The root folder of the kubecraft package the project uses (the project itself in kubecraft's repository, else the copy running this code). */
function kubecraftRoot(project: string): string {
  try {
    return path.dirname(require.resolve('kubecraft/package.json', { paths: [project] }));
  } catch {
    if (isKubecraft(project)) return project;
    for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) if (isKubecraft(dir)) return dir;
    throw new Error(`startup snapshot: kubecraft is not installed in ${project} (npm install kubecraft)`);
  }
}

/** Whether `request` resolves from `project` as the snapshot's loader would resolve it. */
function resolvable(request: string, project: string): boolean {
  try {
    require.resolve(request, { paths: [project] });
    return true;
  } catch {
    return false;
  }
}

function stamp(file: string): [string, number, number] {
  try {
    const s = fs.statSync(file);
    return [file, s.mtimeMs, s.size];
  } catch {
    return [file, 0, -1];
  }
}

/** The files whose change makes the snapshot stale, as recorded (see `StartupSnapshotManifest.files`). */
function readManifest(file: string): StartupSnapshotManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StartupSnapshotManifest;
  } catch {
    return undefined;
  }
}

/** The first recorded file that changed since the blob was built, if any. */
function changedFile(files: StartupSnapshotManifest['files']): string | undefined {
  for (const [file, mtime, size] of files) {
    const now = stamp(file);
    if (now[1] !== mtime || now[2] !== size) return file;
  }
  return undefined;
}

/**
 * Whether the project's snapshot for this Node can be used: present, built by this Node binary
 * and version, and no file it was built from changed. (The blob checks the same again when it
 * starts; this is for callers that choose how to start Node.)
 */
export function startupSnapshotStatus(projectDir: string): StartupSnapshotStatus {
  if (!startupSnapshotSupported()) {
    return { state: 'unsupported', reason: `Node ${process.version} cannot run startup snapshots (Node 20 or later)` };
  }
  const project = realProject(projectDir);
  const files = startupSnapshotFiles(project);
  const manifest = readManifest(files.manifest);
  if (!manifest || !fs.existsSync(files.blob)) {
    return { state: 'missing', reason: `no startup snapshot for Node ${process.version} in ${files.dir}`, files };
  }
  const builtMs = manifest.builtMs;
  if (manifest.node !== process.version || manifest.execPath !== process.execPath) {
    return { state: 'stale', reason: `built by Node ${manifest.node} at ${manifest.execPath}`, files, builtMs };
  }
  const changed = changedFile(manifest.files);
  if (changed) {
    const rel = path.relative(project, changed);
    const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : changed;
    return { state: 'stale', reason: `${shown} changed since it was built`, files, builtMs };
  }
  return { state: 'fresh', files, builtMs };
}

/** The project folder with symbolic links resolved, as the blob's key is made from it (as given when it does not exist). */
function realProject(projectDir: string): string {
  try {
    return fs.realpathSync(projectDir);
  } catch {
    return path.resolve(projectDir);
  }
}

/**
 * The command line that runs `kubecraft <args>` for `project`: from its startup snapshot when
 * that is fresh and `NODE_OPTIONS` is empty (`node --snapshot-blob <blob> <args>`), else the
 * CLI as usual.
 */
export function startupSnapshotCommand(project: string, args: readonly string[]): string[] {
  const status = startupSnapshotStatus(project);
  // Node refuses a blob under V8 flags it was not built with (NODE_OPTIONS is empty when it is built)
  if (status.state === 'fresh' && runSetting('nodeOptions') === undefined)
    return [process.execPath, '--snapshot-blob', status.files.blob, ...args];
  return [process.execPath, path.join(kubecraftRoot(realProject(project)), 'build', 'lib', 'cli', 'bin.js'), ...args];
}

/** Options of `buildStartupSnapshot`. */
export interface BuildStartupSnapshotOptions {
  /** More modules to load into the snapshot (specifiers resolved from the project, or absolute files). */
  readonly extraModules?: readonly string[];
}

/**
 * Builds the startup snapshot of `project` for this Node: runs `node --build-snapshot` on a
 * generated script that loads the packages as the project resolves them, and writes the blob,
 * its manifest and the launcher into `.kubecraft/startup-snapshot/` (through temporary files and
 * renames). Takes a second or two; throws with Node's output when Node cannot build it.
 */
export function buildStartupSnapshot(
  projectDir: string,
  options: BuildStartupSnapshotOptions = {},
): StartupSnapshotBuild {
  if (!startupSnapshotSupported()) {
    throw new Error(`startup snapshot: Node ${process.version} cannot build one (Node 20 or later)`);
  }
  const project = fs.realpathSync(projectDir);
  const files = startupSnapshotFiles(project);
  const root = kubecraftRoot(project);
  const bin = path.join(root, 'build', 'lib', 'cli', 'bin.js');
  if (!fs.existsSync(bin)) {
    throw new Error(`startup snapshot: ${bin} is missing: build kubecraft first (npm run build)`);
  }
  const absent = STARTUP_SNAPSHOT_PACKAGES.filter((p) => p !== 'kubecraft' && !resolvable(p, project));
  if (absent.length > 0) {
    throw new Error(
      `startup snapshot: ${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not installed in ${project}: ` +
        `the snapshot holds the project's own constructs, cdk8s and cdk8s-plus-27 (npm install, then build it again)`,
    );
  }
  const modules = [
    ...STARTUP_SNAPSHOT_PACKAGES.filter((p) => p !== 'kubecraft'),
    path.join(root, 'build', 'lib', 'index.js'),
    ...CLI_MODULES.map((m) => path.join(root, m)),
    ...(options.extraModules ?? []),
  ];
  const names: Record<string, string> = {};
  for (const p of STARTUP_SNAPSHOT_PACKAGES)
    names[p] = p === 'kubecraft' ? path.join(root, 'build', 'lib', 'index.js') : p;
  const lockfiles = LOCKFILES.map((f) => path.join(project, f));
  fs.mkdirSync(files.dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-snapshot-'));
  try {
    const script = path.join(work, 'build-snapshot.js');
    const report = path.join(work, 'report.json');
    const config = { project, bin, modules, names, lockfiles, report };
    fs.writeFileSync(script, `'use strict';\nconst CONFIG = ${JSON.stringify(config)};\n${SNAPSHOT_SCRIPT}`);
    // written beside its final name (a rename across file systems would fail)
    const blob = `${files.blob}.${process.pid}.tmp`;
    const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', script], {
      cwd: project,
      encoding: 'utf8',
      env: childEnvironment({ NODE_OPTIONS: '' }),
    });
    if (r.status !== 0 || !fs.existsSync(blob) || !fs.existsSync(report)) {
      const output = `${r.stderr ?? ''}${r.stdout ?? ''}`
        .split('\n')
        .filter((l) => l && !/not yet fully verified|may still work|issue tracker|--trace-warnings/.test(l))
        .join('\n');
      throw new Error(`startup snapshot: node --build-snapshot failed (exit ${r.status}):\n${output}`);
    }
    const built = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      files: StartupSnapshotManifest['files'];
      modules: number;
    };
    const manifest: StartupSnapshotManifest = {
      node: process.version,
      execPath: process.execPath,
      project,
      bin,
      files: built.files,
      builtMs: Date.now(),
    };
    fs.renameSync(blob, files.blob);
    writeFileAtomically(files.manifest, JSON.stringify(manifest));
    writeFileAtomically(files.launcher, launcherScript(files.blob, bin, project));
    fs.chmodSync(files.launcher, 0o755);
    return { ...files, modules: built.modules, bytes: fs.statSync(files.blob).size };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(`${files.blob}.${process.pid}.tmp`, { force: true });
  }
}

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The POSIX shell launcher: starts this Node with the blob when both are there, the blob is
 * newer than the Node binary (a Node upgraded in place cannot read it) and than the project's
 * lockfiles (after an install the blob is stale: starting it would only start a second Node
 * without it), and NODE_OPTIONS is empty (Node refuses a blob under V8 flags it was not built
 * with, e.g. --max-old-space-size, exit code 14); else the CLI as usual (with a notice under
 * --verbose). The blob itself checks the rest (see the module comment).
 */
function launcherScript(blob: string, bin: string, project: string): string {
  return `#!/bin/sh
# Written by kubecraft (lib/cli/startup-snapshot.ts, \`kubecraft snapshot\`): \`kubecraft\` started from
# this project's startup snapshot when it can be, else as usual. Rebuilt with the snapshot; safe to delete.
node=${sh(process.execPath)}
blob=${sh(blob)}
bin=${sh(bin)}
project=${sh(project)}
reason=
hint=
usable() {
  [ -f "$blob" ] && [ -x "$node" ] && [ "$blob" -nt "$node" ] || return 1
  if [ -n "$NODE_OPTIONS" ]; then
    reason='NODE_OPTIONS is set, and Node refuses a snapshot under V8 flags it was not built with'
    return 1
  fi
  for lockfile in ${LOCKFILES.join(' ')}; do
    if [ "$project/$lockfile" -nt "$blob" ]; then
      reason="$lockfile changed since the snapshot was built"
      hint='; rebuild it to start faster'
      return 1
    fi
  done
}
if usable; then
  exec "$node" --snapshot-blob "$blob" "$@"
fi
if [ -n "$reason" ]; then
  case " $* " in *" --verbose "*)
    echo "kubecraft: startup snapshot not used ($reason): started without it$hint" >&2 ;;
  esac
fi
exec "$node" "$bin" "$@"
`;
}

/**
 * The script `node --build-snapshot` runs (after a `const CONFIG = {...}` line). Plain
 * JavaScript: only Node's built-in modules are available while a snapshot is built.
 */
const SNAPSHOT_SCRIPT = String.raw`
const Module = require('module');
const path = require('path');
const fs = require('fs');
const v8 = require('v8');
const KEY = Symbol.for('kubecraft.startup-snapshot');

// Node's loader does everything (resolution, caching, cycles, JSON) except compiling: a module
// compiled by Node's own _compile while building would make Node refuse to run a main module later.
const nodeCompile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  const mod = this;
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  Object.defineProperty(require, 'main', { get: () => process.mainModule, enumerable: true });
  require.cache = Module._cache;
  require.extensions = Module._extensions;
  if (content.startsWith('#!')) content = '//' + content;
  const wrapper = (0, eval)(Module.wrap(content) + '\n//# sourceURL=' + filename);
  return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
};
const anchor = new Module(path.join(CONFIG.project, '[kubecraft startup snapshot]'), null);
anchor.filename = anchor.id;
anchor.paths = Module._nodeModulePaths(CONFIG.project);
try {
  for (const id of CONFIG.modules) anchor.require(id);
} finally {
  Module.prototype._compile = nodeCompile;
}

const loaded = Object.keys(Module._cache);
const packageJsons = new Set();
for (const file of loaded) {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      packageJsons.add(path.join(dir, 'package.json'));
      break;
    }
  }
}
const stamp = (file) => {
  const s = fs.statSync(file, { throwIfNoEntry: false });
  return s ? [file, s.mtimeMs, s.size] : [file, 0, -1];
};
const files = [...loaded, ...packageJsons, ...CONFIG.lockfiles].map(stamp);
const modules = {};
for (const [name, id] of Object.entries(CONFIG.names)) modules[name] = Module._cache[Module._resolveFilename(id, anchor)].exports;
fs.writeFileSync(CONFIG.report, JSON.stringify({ files, modules: loaded.length }));

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const t0 = performance.now();
  const args = process.argv.slice(1);
  // children started with process.execArgv must not run this snapshot instead of their script
  for (let i = process.execArgv.indexOf('--snapshot-blob'); i >= 0; i = process.execArgv.indexOf('--snapshot-blob')) {
    process.execArgv.splice(i, 2);
  }
  let reason;
  for (const [file, mtime, size] of files) {
    const now = stamp(file);
    if (now[1] !== mtime || now[2] !== size) {
      const rel = path.relative(CONFIG.project, file);
      reason = (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file) + ' changed since the snapshot was built';
      break;
    }
  }
  if (reason) {
    // Node's loader already holds the stale modules (and what it read of their package.json
    // files): kubecraft runs in a fresh Node instead, loading from disk as usual
    if (args.includes('--verbose')) {
      process.stderr.write('kubecraft: startup snapshot not used (' + reason + '): started without it; rebuild it to start faster\n');
    }
    globalThis[KEY] = Object.freeze({ used: false, reason, modules: {}, checkMs: performance.now() - t0 });
    const child = require('child_process').spawn(process.execPath, [...process.execArgv, CONFIG.bin, ...args], { stdio: 'inherit' });
    // Ctrl-C reaches the child from the terminal itself; other signals are passed on
    process.on('SIGINT', () => undefined);
    for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => {
      if (signal) {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      } else process.exit(code ?? 1);
    });
    return;
  }
  // resolutions are redone from the project's folders as they are now (a few stats), not taken from the build
  for (const k of Object.keys(Module._pathCache)) delete Module._pathCache[k];
  globalThis[KEY] = Object.freeze({ used: true, modules, checkMs: performance.now() - t0 });
  process.argv = [process.execPath, CONFIG.bin, ...args];
  Module.runMain(CONFIG.bin);
});
`;

/** `node build/lib/cli/startup-snapshot.js [project]`: builds the project's startup snapshot and says how to use it. */
function main(): void {
  const project = findProject(path.resolve(process.argv[2] ?? process.cwd()));
  const t0 = Date.now();
  let built: StartupSnapshotBuild;
  try {
    built = buildStartupSnapshot(project);
  } catch (err) {
    process.stderr.write(`kubecraft: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(
    `kubecraft: startup snapshot of ${built.modules} modules (${(built.bytes / 1048576).toFixed(1)} MB) built in ${Date.now() - t0} ms: ${built.blob}\n` +
      `  run: ${built.launcher} synth main.ts   (or: node --snapshot-blob ${built.blob} synth main.ts)\n`,
  );
}

if (require.main === module) main();
