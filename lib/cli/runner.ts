// Runs a kubecraft app written in TypeScript: esbuild bundles the app's own files (every
// package stays external, required from node_modules at run time, so cdk8s's `Include`,
// `Helm` and `Yaml.load` find their files) into the project's `.kubecraft/bundles/`, and the
// bundle runs in this process as the main module, with source maps, so errors point to the
// app's `.ts` files and `require.main === module` holds in the app.
import { createHash } from 'crypto';
import * as fs from 'fs';
import Module = require('module');
import * as path from 'path';
import type * as esbuild from 'esbuild';
import { defaultRunSetting, SynthesisError, writeFileAtomically } from '../core';
import { UsageError } from './args';
import { enableCompileCache } from './compile-cache';
import { displayPath, findProject, ownPackageJson } from './project';

/** A bundled app, ready to run. */
export interface AppBundle {
  /** The app's entry file (resolved, real path). */
  readonly entry: string;
  /** The project: nearest folder with a package.json from the entry. */
  readonly project: string;
  /** The bundle file (CommonJS, inline source map). */
  readonly file: string;
  /** Every project file the bundle was built from, plus the project's package.json and tsconfig.json. */
  readonly inputs: readonly string[];
  /** Whether this call built the bundle (false: taken from the cache). */
  readonly rebuilt: boolean;
}

/** A failure that is the app's (a build error, an exception while synthesizing): exit code 1. */
export class AppFailure extends Error {
  public override readonly name = 'AppFailure';
}

/** `[file, mtimeMs, size]`; mtime -1 forces a rebuild next time. */
type InputStamp = [string, number, number];

interface BundleIndex {
  readonly bundle: string;
  readonly inputs: readonly InputStamp[];
}

/** Resolves the entry given on the command line, or throws a UsageError naming it. */
export function resolveEntry(arg: string, command: string): string {
  try {
    const file = fs.realpathSync(path.resolve(arg));
    if (fs.statSync(file).isFile()) return file;
  } catch {
    // reported below
  }
  throw new UsageError(`kubecraft ${command}: no such file: ${arg}`);
}

/** The folder holding the project's bundles. */
export function bundleDir(project: string): string {
  return path.join(project, '.kubecraft', 'bundles');
}

function esbuildVersion(): string {
  return (require('esbuild/package.json') as { version: string }).version;
}

/** sha256 of the entry's resolved path and everything besides its inputs that shapes its bundle. */
function entryKey(entry: string): string {
  return createHash('sha256')
    .update(JSON.stringify([entry, ownPackageJson().version, esbuildVersion(), process.version]))
    .digest('hex');
}

function readIndex(file: string): BundleIndex | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as BundleIndex;
  } catch {
    return undefined;
  }
}

function isCurrent(stamp: InputStamp): boolean {
  try {
    const s = fs.statSync(stamp[0]);
    return s.mtimeMs === stamp[1] && s.size === stamp[2];
  } catch {
    return false;
  }
}

interface BuildPlan {
  readonly entry: string;
  readonly project: string;
  readonly dir: string;
  readonly key: string;
  readonly indexFile: string;
}

function planBuild(entry: string): BuildPlan {
  const project = findProject(path.dirname(entry));
  const dir = bundleDir(project);
  const key = entryKey(entry);
  return { entry, project, dir, key, indexFile: path.join(dir, `${key}.json`) };
}

function buildOptions(plan: BuildPlan) {
  return {
    entryPoints: [plan.entry],
    absWorkingDir: plan.project,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    write: false,
    outfile: path.join(plan.dir, `${plan.key}.cjs`),
    sourcemap: 'inline',
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [appPlugin()],
  } satisfies esbuild.BuildOptions;
}

type Built = esbuild.BuildResult<{ write: false; metafile: true }>;

/**
 * The app's bundle: taken from the cache when no input changed (same files, modification
 * times and sizes; same kubecraft, esbuild and Node versions), else built. Written through
 * temporary files and renames, so concurrent synths never read half a bundle.
 */
export async function bundleApp(entry: string, options: { readonly force?: boolean } = {}): Promise<AppBundle> {
  const plan = planBuild(entry);
  const index = readIndex(plan.indexFile);
  if (!options.force && index && index.inputs.every(isCurrent) && fs.existsSync(path.join(plan.dir, index.bundle))) {
    const file = path.join(plan.dir, index.bundle);
    return { entry, project: plan.project, file, inputs: index.inputs.map((i) => i[0]), rebuilt: false };
  }
  const started = Date.now();
  const { build } = require('esbuild') as typeof esbuild; // loaded only to rebuild
  return store(plan, await build(buildOptions(plan)).catch(buildFailure), started);
}

/** An incremental builder for watch mode (esbuild context): each `rebuild()` re-bundles and stores the bundle. */
export async function appBuilder(entry: string): Promise<{ rebuild(): Promise<AppBundle>; dispose(): Promise<void> }> {
  const plan = planBuild(entry);
  const { context } = require('esbuild') as typeof esbuild;
  const ctx = await context(buildOptions(plan));
  return {
    rebuild: async () => {
      const started = Date.now();
      return store(plan, await ctx.rebuild().catch(buildFailure), started);
    },
    dispose: () => ctx.dispose(),
  };
}

function buildFailure(err: unknown): never {
  const errors = (err as { errors?: esbuild.Message[] }).errors;
  if (!errors) throw err;
  throw new AppFailure(errors.map(formatMessage).join('\n'));
}

function store(plan: BuildPlan, result: Built, started: number): AppBundle {
  for (const w of result.warnings) process.stderr.write(`${formatMessage(w).replace(': error: ', ': warning: ')}\n`);
  const code = result.outputFiles[0].text;
  const files = Object.keys(result.metafile.inputs).map((f) => path.resolve(plan.project, f));
  for (const extra of ['package.json', 'tsconfig.json']) {
    if (fs.existsSync(path.join(plan.project, extra))) files.push(path.join(plan.project, extra));
  }
  const inputs: InputStamp[] = files.map((f) => {
    const s = fs.statSync(f);
    // changed while esbuild ran (or too close to tell): the bundle may hold the old content
    return [f, s.mtimeMs >= started - 20 ? -1 : s.mtimeMs, s.size];
  });
  const previous = readIndex(plan.indexFile);
  const bundle = `${createHash('sha256').update(plan.key).update(code).digest('hex')}.cjs`;
  fs.mkdirSync(plan.dir, { recursive: true });
  writeFileAtomically(path.join(plan.dir, bundle), code);
  writeFileAtomically(plan.indexFile, JSON.stringify({ bundle, inputs } satisfies BundleIndex));
  if (previous && previous.bundle !== bundle) fs.rmSync(path.join(plan.dir, previous.bundle), { force: true });
  return { entry: plan.entry, project: plan.project, file: path.join(plan.dir, bundle), inputs: files, rebuilt: true };
}

function formatMessage(m: esbuild.Message): string {
  const where = m.location ? `${displayPath(m.location.file)}:${m.location.line}:${m.location.column}: ` : '';
  return `${where}error: ${m.text}`;
}

/**
 * esbuild plugin: gives each bundled file that uses `__dirname` / `__filename` its own values
 * (on its first line, so line numbers stay), and leaves generated JavaScript (`*.generated.js`,
 * `generated/*.js`: megabytes of schema validators) out of the bundle, required from where it
 * is (so Node loads it once per process and its code cache applies).
 */
function appPlugin(): esbuild.Plugin {
  const GENERATED = /(\.generated(\.c?js)?|[\\/]generated[\\/][^\\/]+)$/;
  return {
    name: 'kubecraft-app',
    setup(build) {
      build.onResolve({ filter: GENERATED }, (args) => {
        if (args.kind === 'entry-point' || !args.path.startsWith('.')) return undefined;
        try {
          const file = require.resolve(path.resolve(args.resolveDir, args.path));
          return /\.c?js$/.test(file) ? { path: file, external: true } : undefined;
        } catch {
          return undefined;
        }
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
        const decl = `var __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)};`;
        const contents = text.startsWith('#!') ? text.replace(/^#!/, `${decl}//`) : `${decl}${text}`;
        const ext = path.extname(args.path).replace(/^\.[cm]?/, '');
        return { contents, loader: ext as esbuild.Loader };
      });
    },
  };
}

interface CompilableModule {
  id: string;
  filename: string;
  paths: string[];
  loaded: boolean;
  _compile(code: string, filename: string): void;
}

/**
 * Runs the bundle in this process as the main module (`require.main === module` in the app),
 * with `process.argv` as if `node <entry> ...appArgs` had been run.
 */
export function runBundle(
  bundle: AppBundle,
  appArgs: readonly string[],
  code = fs.readFileSync(bundle.file, 'utf8'),
): void {
  process.setSourceMapsEnabled(true);
  enableCompileCache(path.join(bundle.project, '.kubecraft', 'code-cache'));
  // parsed upstream YAML is kept between runs (see parsedOnce); the app's own setting wins
  defaultRunSetting('cacheDir', path.join(bundle.project, '.kubecraft', 'cache'));
  const m = new Module(bundle.file) as unknown as CompilableModule;
  m.id = '.';
  m.filename = bundle.file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(bundle.file),
  );
  process.argv = [process.argv[0], bundle.entry, ...appArgs];
  process.mainModule = m as unknown as NodeJS.Module;
  m._compile(code, bundle.file);
  m.loaded = true;
}

/** Bundles (or takes from the cache) and runs the app; rebuilds if a concurrent synth pruned the bundle meanwhile. */
export async function bundleAndRun(entry: string, appArgs: readonly string[]): Promise<AppBundle> {
  let bundle = await bundleApp(entry);
  let code: string;
  try {
    code = fs.readFileSync(bundle.file, 'utf8');
  } catch {
    bundle = await bundleApp(entry, { force: true });
    code = fs.readFileSync(bundle.file, 'utf8');
  }
  runBundle(bundle, appArgs, code);
  return bundle;
}

/**
 * Prints an error the app raised and returns the exit code: a SynthesisError (the validation
 * report) as it is; anything else with the first frames of the app's own code (source-mapped
 * to its `.ts` files), without the frames of Node, dependencies and the runner.
 */
export function reportAppError(err: unknown): number {
  if (err instanceof AppFailure || SynthesisError.isSynthesisError(err)) {
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  if (err instanceof Error) {
    const lines = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
    // the app's top level is called from Module._compile: the frames below it are the runner's
    const top = lines.findIndex((l) => /\b_compile\b/.test(l));
    const frames = (top >= 0 ? lines.slice(0, top) : lines)
      .filter((l) => !/node_modules|node:|\(<anonymous>\)/.test(l))
      .slice(0, 4);
    process.stderr.write(`kubecraft: synthesis failed: ${err.message}\n${frames.join('\n')}\n`);
    return 1;
  }
  process.stderr.write(`kubecraft: synthesis failed: ${String(err)}\n`);
  return 1;
}
