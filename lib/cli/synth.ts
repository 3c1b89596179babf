import * as fs from 'fs';
import * as path from 'path';
import { setSynthHook } from '../app/synth-hook';
import { setRunSetting } from '../core/run-context';
import { formatFinding, ValidationReport } from '../validation/finding';
import { setKubernetesVersion, UsageError } from './args';
import { parseCommand } from './command-spec';
import { SYNTH_COMMAND, SYNTH_USAGE } from './commands';
import { configuredOutdir, displayPath, findProject } from './project';
import { AppBundle, appBuilder, AppFailure, bundleAndRun, reportAppError, resolveEntry, runBundle } from './runner';
import { typecheckApp, TypecheckResult } from './typecheck';

/** `kubecraft synth`. */
export async function synthCommand(args: readonly string[]): Promise<number> {
  const { values, positionals, rest } = parseCommand(SYNTH_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${SYNTH_USAGE}\n`);
    return 0;
  }
  const entry = resolveEntry(positionals[0] ?? 'main.ts', 'synth');
  if (typeof values.env === 'string') setRunSetting('environments', values.env);
  const outdir = values.output;
  setRunSetting(
    'outdir',
    typeof outdir === 'string' ? path.resolve(outdir) : configuredOutdir(findProject(path.dirname(entry))),
  );
  setKubernetesVersion(values['kubernetes-version'], 'synth');
  if (typeof values['change-cause'] === 'string') setRunSetting('changeCause', values['change-cause']);
  if (values.stdout && values.watch) throw new UsageError('kubecraft synth: --stdout and --watch do not go together');
  if (values.stdout && typeof values.env === 'string' && values.env.includes(',')) {
    throw new UsageError(`kubecraft synth: --stdout prints one folder: give one environment (not --env ${values.env})`);
  }
  if (values.typecheck && values['no-typecheck']) {
    throw new UsageError('kubecraft synth: --typecheck and --no-typecheck do not go together');
  }
  const options: RunOptions = {
    typecheck: !values['no-typecheck'],
    quiet: Boolean(values.quiet),
    verbose: Boolean(values.verbose),
  };
  if (values.watch) return watch(entry, rest, options);
  if (values.stdout) return streamToStdout(entry, rest, typeof values.env === 'string' ? values.env : '', options);
  const t0 = performance.now();
  const run = captureRun(entry, options);
  try {
    await bundleAndRun(entry, rest);
  } catch (err) {
    await run.typecheck; // its errors say more than the app's when both failed
    return run.typecheckFailed() ? 1 : reportAppError(err);
  }
  if (typeof process.exitCode === 'number' && process.exitCode !== 0) return process.exitCode;
  return (await run.finish(performance.now() - t0)) ? 0 : 1;
}

/** How the runner reports and what it checks. */
interface RunOptions {
  /** Type-check the app with the project's compiler, and write only when it passes. */
  readonly typecheck: boolean;
  /** No summary line. */
  readonly quiet: boolean;
  /** List each relaxed finding with its reason. */
  readonly verbose: boolean;
}

/** `kubecraft synth --stdout`: the app's stream on stdout, nothing written; errors only on stderr. */
async function streamToStdout(
  entry: string,
  appArgs: readonly string[],
  folder: string,
  options: RunOptions,
): Promise<number> {
  const chunks: string[] = [];
  const check = options.typecheck ? startTypecheck(entry) : undefined;
  setSynthHook({
    validateOnly: false,
    report: () => undefined,
    written: () => undefined,
    stream: { folder, write: (yaml) => chunks.push(yaml) },
  });
  try {
    await bundleAndRun(entry, appArgs);
  } catch (err) {
    if (check && !printTypecheck(await check)) return 1;
    return reportAppError(err);
  } finally {
    setSynthHook(undefined);
  }
  if (check && !printTypecheck(await check)) return 1;
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

/** Starts the type-check of `entry` with its project's compiler. */
function startTypecheck(entry: string): Promise<TypecheckResult> {
  return typecheckApp(entry, findProject(path.dirname(entry)));
}

/** Prints a type-check's errors; whether it passed (a project without a compiler passes, with a note once). */
function printTypecheck(r: TypecheckResult): boolean {
  if (!r.checked) {
    if (!noCompilerNoted) {
      process.stderr.write(
        'kubecraft: not type-checked: the project has no TypeScript compiler (npm install -D @typescript/native-preview, or typescript)\n',
      );
      noCompilerNoted = true;
    }
    return true;
  }
  for (const e of r.errors) process.stderr.write(`${e}\n`);
  if (r.errors.length > 0) {
    process.stderr.write(
      `kubecraft: ${r.errors.length} type error${r.errors.length === 1 ? '' : 's'} (${r.compiler}); nothing written\n`,
    );
  }
  return r.errors.length === 0;
}
let noCompilerNoted = false;

/**
 * One run of the app under the runner: starts the type-check, holds the app's writes until it
 * passes, and prints the summary: one line on success (written files, time, Kubernetes version,
 * compiler, counts of warnings and relaxed findings), each warning in full, and each relaxed
 * finding with `--verbose`.
 */
function captureRun(entry: string, options: RunOptions, incremental = false) {
  const writes: (() => void)[] = [];
  const outputs: { outdir: string; files: number }[] = [];
  const reports: ValidationReport[] = [];
  const typecheck = options.typecheck ? startTypecheck(entry) : undefined;
  let typecheckResult: TypecheckResult | undefined;
  void typecheck?.then((r) => (typecheckResult = r));
  setSynthHook({
    validateOnly: false,
    report: (r) => reports.push(r),
    written: (outdir, files) => outputs.push({ outdir, files: files.length }),
    deferWrite: (write) => writes.push(write),
    incremental,
  });
  return {
    typecheck,
    typecheckFailed: () => typecheckResult !== undefined && !printTypecheck(typecheckResult),
    /** Waits for the type-check; writes when it passed; prints the summary. Resolves to whether it wrote. */
    async finish(ms: number, prefix = ''): Promise<boolean> {
      setSynthHook(undefined);
      const checked = typecheck ? await typecheck : undefined;
      if (checked && !printTypecheck(checked)) return false;
      for (const w of writes) w();
      if (options.quiet) return true;
      const warnings = reports.flatMap((r) => r.warnings);
      const relaxed = reports.flatMap((r) => r.relaxed);
      for (const f of warnings) process.stderr.write(`${formatFinding(f)}\n`);
      if (options.verbose) for (const f of relaxed) process.stderr.write(`${formatFinding(f)}\n`);
      const versions = [...new Set(reports.map((r) => r.kubernetesVersion).filter(Boolean))];
      const facts = [
        versions.length ? `Kubernetes ${versions.join(', ')}` : '',
        checked?.checked
          ? `type-checked (${checked.compiler}${checked.cached ? ', unchanged since it passed' : ''})`
          : options.typecheck
            ? 'not type-checked'
            : '',
        reports.length ? `${plural(warnings.length, 'warning')}, ${plural(relaxed.length, 'relaxed finding')}` : '',
        relaxed.length && !options.verbose ? '--verbose lists them' : '',
      ].filter(Boolean);
      for (const o of outputs) {
        process.stderr.write(
          `${prefix}kubecraft: synthesized ${displayPath(entry)} into ${displayPath(o.outdir)}/ (${o.files} files) in ${Math.round(ms)} ms${facts.length ? `: ${facts.join('; ')}` : ''}\n`,
        );
      }
      return true;
    },
  };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

class AppExit extends Error {
  constructor(public readonly code: number) {
    super(`the app called process.exit(${code})`);
  }
}

/**
 * Watch mode: synthesizes, then again whenever an input of the bundle changes (its input
 * list says which files; their folders are watched, so editors that save by renaming are
 * seen too). Rebuilds are incremental (esbuild context); the app runs in this process, so the
 * packages it uses stay loaded, and so does what unchanged objects validated, serialized and
 * wrote to (the hook's `incremental`: see `lib/app/incremental.ts`). Runs until interrupted.
 */
async function watch(entry: string, appArgs: readonly string[], options: RunOptions): Promise<number> {
  const builder = await appBuilder(entry);
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
    const cycle = captureRun(entry, options, true);
    try {
      const bundle = await builder.rebuild();
      watchInputs(bundle);
      try {
        runGuarded(bundle, appArgs);
      } catch (err) {
        await cycle.typecheck;
        if (cycle.typecheckFailed())
          throw new AppFailure('kubecraft: the app failed to run, and has type errors (above)');
        throw err;
      }
      if (!(await cycle.finish(performance.now() - t0, `[${new Date().toTimeString().slice(0, 8)}] `))) {
        process.stderr.write('kubecraft: waiting for changes\n');
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
