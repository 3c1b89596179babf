import * as fs from 'fs';
import * as path from 'path';
import { setSynthHook } from '../app/synth-hook';
import { parseCommandArgs, setKubernetesVersion, UsageError } from './args';
import { displayPath, findProject } from './project';
import { AppBundle, appBuilder, bundleAndRun, reportAppError, resolveEntry, runBundle } from './runner';
import { typecheckApp } from './typecheck';

export const SYNTH_USAGE = `usage: kubecraft synth [app.ts] [--env a,b] [--outdir DIR] [--kubernetes-version 1.x] [--change-cause TEXT]
                      [--watch] [--typecheck] [--quiet] [--stdout] [-- app args]

Runs the app (default main.ts): bundles it with esbuild (cached in the project's .kubecraft/),
runs it, validates it, and replaces the output folder (default dist/, or $CDK8S_OUTDIR)
atomically. Exit code 0 written, 1 the app failed (report printed, output untouched), 2 usage.

  --env a,b       only these environments (as KUBECRAFT_ENV=a,b); the other environments'
                  folders in the output are kept as they were
  --outdir DIR    write here instead of dist/
  --kubernetes-version 1.x
                  validate for this Kubernetes version (as KUBECRAFT_KUBERNETES_VERSION=1.x)
  --change-cause TEXT
                  record why this revision exists: the kubernetes.io/change-cause annotation
                  on every workload (as KUBECRAFT_CHANGE_CAUSE=TEXT), shown by
                  kubectl rollout history
  --watch         synthesize again whenever one of the app's files changes
  --typecheck     type-check the app with the project's typescript first (esbuild does not)
  --quiet         no summary line
  --stdout, -p    write nothing: print one output folder, validated, as one YAML stream
                  (documents separated by ---, CRDs and Namespaces first) on stdout, for
                  kubectl apply -f - and GitOps plugins; the folder of --env NAME (one
                  environment), else the charts outside environments. Errors go to stderr`;

/** `kubecraft synth`. */
export async function synthCommand(args: readonly string[]): Promise<number> {
  const { values, positionals, rest } = parseCommandArgs(
    'synth',
    args,
    {
      env: { type: 'string' },
      outdir: { type: 'string', short: 'o' },
      'kubernetes-version': { type: 'string' },
      'change-cause': { type: 'string' },
      watch: { type: 'boolean', short: 'w' },
      typecheck: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      stdout: { type: 'boolean', short: 'p' },
    },
    1,
    SYNTH_USAGE,
  );
  if (values.help) {
    process.stdout.write(`${SYNTH_USAGE}\n`);
    return 0;
  }
  const entry = resolveEntry(positionals[0] ?? 'main.ts', 'synth');
  if (typeof values.env === 'string') process.env.KUBECRAFT_ENV = values.env;
  if (typeof values.outdir === 'string') process.env.CDK8S_OUTDIR = path.resolve(values.outdir);
  setKubernetesVersion(values['kubernetes-version'], 'synth');
  if (typeof values['change-cause'] === 'string') process.env.KUBECRAFT_CHANGE_CAUSE = values['change-cause'];
  if (values.stdout && values.watch) throw new UsageError('kubecraft synth: --stdout and --watch do not go together');
  if (values.stdout && typeof values.env === 'string' && values.env.includes(',')) {
    throw new UsageError(`kubecraft synth: --stdout prints one folder: give one environment (not --env ${values.env})`);
  }
  if (values.typecheck && !typecheckPasses(entry)) return 1;
  if (values.watch) return watch(entry, rest, Boolean(values.quiet));
  if (values.stdout) return streamToStdout(entry, rest, typeof values.env === 'string' ? values.env : '');
  const t0 = performance.now();
  const written = captureWrites();
  try {
    await bundleAndRun(entry, rest);
  } catch (err) {
    return reportAppError(err);
  }
  if (!values.quiet) written.print(entry, performance.now() - t0);
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

/** `kubecraft synth --stdout`: the app's stream on stdout, nothing written; errors only on stderr. */
async function streamToStdout(entry: string, appArgs: readonly string[], folder: string): Promise<number> {
  const chunks: string[] = [];
  setSynthHook({
    validateOnly: false,
    report: () => undefined,
    written: () => undefined,
    stream: { folder, write: (yaml) => chunks.push(yaml) },
  });
  try {
    await bundleAndRun(entry, appArgs);
  } catch (err) {
    return reportAppError(err);
  } finally {
    setSynthHook(undefined);
  }
  if (typeof process.exitCode === 'number' && process.exitCode !== 0) return process.exitCode;
  if (chunks.length === 0) {
    process.stderr.write(
      `kubecraft synth: ${displayPath(entry)} synthesized no KubecraftApp: --stdout needs the app to be a KubecraftApp\n`,
    );
    return 1;
  }
  // several KubecraftApps in one program: one stream, each app's documents in turn
  process.stdout.write(chunks.join('---\n'));
  return 0;
}

function typecheckPasses(entry: string): boolean {
  const r = typecheckApp(entry, findProject(path.dirname(entry)));
  if (!r.checked) {
    process.stderr.write(
      'kubecraft: --typecheck needs the typescript package in the project (npm install -D typescript)\n',
    );
    return false;
  }
  for (const e of r.errors) process.stderr.write(`${e}\n`);
  if (r.errors.length > 0) process.stderr.write(`kubecraft: ${r.errors.length} type error(s); nothing written\n`);
  return r.errors.length === 0;
}

/** Records what the app writes (through the synth hook) for the summary line. */
function captureWrites() {
  const outputs: { outdir: string; files: number }[] = [];
  setSynthHook({
    validateOnly: false,
    report: () => undefined,
    written: (outdir, files) => outputs.push({ outdir, files: files.length }),
  });
  return {
    reset: () => outputs.splice(0),
    print(entry: string, ms: number): void {
      for (const o of outputs) {
        process.stderr.write(
          `kubecraft: synthesized ${displayPath(entry)} into ${displayPath(o.outdir)}/ (${o.files} files) in ${Math.round(ms)} ms\n`,
        );
      }
    },
  };
}

class AppExit extends Error {
  constructor(public readonly code: number) {
    super(`the app called process.exit(${code})`);
  }
}

/**
 * Watch mode: synthesizes, then again whenever an input of the bundle changes (its input
 * list says which files; their folders are watched, so editors that save by renaming are
 * seen too). Rebuilds are incremental (esbuild context); the app runs in this process, so the
 * packages it uses stay loaded. Runs until interrupted.
 */
async function watch(entry: string, appArgs: readonly string[], quiet: boolean): Promise<number> {
  const builder = await appBuilder(entry);
  const written = captureWrites();
  const watchers = new Map<string, fs.FSWatcher>();
  let names = new Map<string, Set<string>>();
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const watchInputs = (bundle: AppBundle) => {
    names = new Map();
    for (const f of bundle.inputs) {
      const dir = path.dirname(f);
      if (!names.has(dir)) names.set(dir, new Set());
      names.get(dir)!.add(path.basename(f));
    }
    for (const [dir, w] of watchers) {
      if (!names.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of names.keys()) {
      if (watchers.has(dir)) continue;
      const w = fs.watch(dir, (_event, file) => {
        if (file && names.get(dir)?.has(file.toString())) schedule();
      });
      watchers.set(dir, w);
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), 10);
  };
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const t0 = performance.now();
    written.reset();
    try {
      const bundle = await builder.rebuild();
      watchInputs(bundle);
      runGuarded(bundle, appArgs);
      if (!quiet) {
        process.stderr.write(`[${new Date().toTimeString().slice(0, 8)}] `);
        written.print(entry, performance.now() - t0);
      }
    } catch (err) {
      reportAppError(err);
      process.stderr.write('kubecraft: waiting for changes\n');
    } finally {
      process.exitCode = undefined;
      running = false;
    }
    if (again) {
      again = false;
      await run();
    }
  };
  await run();
  process.stderr.write(
    `kubecraft: watching ${names.size} folder(s) for changes to ${displayPath(entry)} and its imports (Ctrl-C to stop)\n`,
  );
  return new Promise<number>((resolve) => {
    const stop = () => {
      for (const w of watchers.values()) w.close();
      void builder.dispose().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Runs the bundle; an app calling process.exit() ends this run, not the watcher. */
function runGuarded(bundle: AppBundle, appArgs: readonly string[]): void {
  const exit = process.exit;
  process.exit = ((code?: number) => {
    throw new AppExit(code ?? 0);
  }) as typeof process.exit;
  try {
    runBundle(bundle, appArgs);
  } catch (err) {
    if (!(err instanceof AppExit) || err.code !== 0) throw err;
  } finally {
    process.exit = exit;
  }
}
