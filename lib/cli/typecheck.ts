import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomically } from '../core/atomic-file';
import { parseCommand } from './command-spec';
import { SYNTH_COMMAND, VALIDATE_COMMAND } from './commands';
import { findProject } from './project';

/** The outcome of type-checking an app. */
export interface TypecheckResult {
  /** False when the project has no TypeScript compiler: nothing was checked. */
  readonly checked: boolean;
  /** Type errors, one `file(line,col): error TSnnnn: message` each (relative to the working directory). */
  readonly errors: readonly string[];
  /** The compiler that checked (`tsgo 7.0.0-dev...`, `tsc 7.0.2`, `tsc 5.9.3`), when one did. */
  readonly compiler?: string;
  /**
   * The check passed before with every file of its program unchanged since (see `typecheckApp`),
   * so the compiler did not run again.
   */
  readonly cached?: boolean;
}

/** A TypeScript compiler of the project, as a command line. */
interface Compiler {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

function packageJson(dir: string): { version?: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
  } catch {
    return undefined;
  }
}

function packageDir(name: string, project: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [project] }));
  } catch {
    return undefined;
  }
}

/** The native executable of a TypeScript 7 package (`@typescript/<package>-<platform>-<arch>/lib/tsc`). */
function nativeExecutable(pkgDir: string, pkgName: string): string | undefined {
  const base = pkgName === 'typescript' ? 'typescript' : 'native-preview';
  const platformPkg = `@typescript/${base}-${process.platform}-${process.arch}`;
  const dir = packageDir(platformPkg, pkgDir);
  const exe = dir && path.join(dir, 'lib', process.platform === 'win32' ? 'tsgo.exe' : 'tsgo');
  if (exe && fs.existsSync(exe)) return exe;
  const tsc = dir && path.join(dir, 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
  return tsc && fs.existsSync(tsc) ? tsc : undefined;
}

/**
 * The project's own TypeScript compiler, fastest first: the native compiler of TypeScript 7
 * (`@typescript/native-preview`'s tsgo, or `typescript` 7 itself), then `typescript` 5's tsc on
 * Node. Undefined when the project has none.
 */
export function projectCompiler(project: string): Compiler | undefined {
  for (const name of ['@typescript/native-preview', 'typescript']) {
    const dir = packageDir(name, project);
    if (!dir) continue;
    const version = packageJson(dir)?.version ?? '';
    if (name === 'typescript' && !version.startsWith('7')) {
      const tsc = path.join(dir, 'bin', 'tsc');
      if (fs.existsSync(tsc)) return { name: `tsc ${version}`, command: process.execPath, args: [tsc] };
      continue;
    }
    const exe = nativeExecutable(dir, name);
    // one thread: the app runs beside it on a machine that may have two cores
    if (exe)
      return { name: `${name === 'typescript' ? 'tsc' : 'tsgo'} ${version}`, command: exe, args: ['--singleThreaded'] };
  }
  return undefined;
}

/** The `types` of test runners' globals: a test's, never an app's (the check covers the app's entry and its imports). */
const TEST_RUNNER_TYPES = new Set([
  'jest',
  '@types/jest',
  '@jest/globals',
  'mocha',
  '@types/mocha',
  'jasmine',
  'vitest/globals',
]);

/**
 * `{ types }` of the project's own tsconfig without the test runners' globals (which `kubecraft
 * init` lists for the tests, and which are most of what the compiler would read besides Node's and
 * the libraries' declarations), when it lists any; else nothing (its own `types` apply). A
 * tsconfig that is not plain JSON (comments) is left as it is.
 */
function withoutTestRunnerTypes(tsconfig: string): { types?: string[] } {
  try {
    const types = (JSON.parse(fs.readFileSync(tsconfig, 'utf8')) as { compilerOptions?: { types?: unknown } })
      .compilerOptions?.types;
    if (!Array.isArray(types) || !types.some((t) => TEST_RUNNER_TYPES.has(String(t)))) return {};
    return { types: types.map(String).filter((t) => !TEST_RUNNER_TYPES.has(t)) };
  } catch {
    return {};
  }
}

/**
 * The tsconfig kubecraft checks with, written to the project's `.kubecraft/`: the project's own
 * `tsconfig.json` (extended, so its compiler options apply) restricted to the app's entry and
 * what it imports, so an error in an unrelated file (a test, a script) does not block a synth.
 */
function checkConfig(entry: string, project: string): string {
  const own = path.join(project, 'tsconfig.json');
  const dir = path.join(project, '.kubecraft');
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    ...(fs.existsSync(own) ? { extends: own } : {}),
    compilerOptions: {
      ...(fs.existsSync(own)
        ? {}
        : {
            // the scaffold's options; Node's types when the project has them (TypeScript 7 no longer
            // includes every @types package by default)
            target: 'ES2022',
            module: 'commonjs',
            strict: true,
            esModuleInterop: true,
            skipLibCheck: true,
            ...(packageDir('@types/node', project) ? { types: ['node'] } : {}),
          }),
      ...withoutTestRunnerTypes(own),
      noEmit: true,
      incremental: false,
      composite: false,
    },
    files: [entry],
    include: [],
  };
  const file = path.join(dir, `tsconfig.check-${path.basename(entry).replace(/[^A-Za-z0-9.-]/g, '_')}.json`);
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return file;
}

/**
 * Type-checks the app's entry and everything it imports with the project's own TypeScript
 * compiler (see `projectCompiler`) and compiler options (its `tsconfig.json`), in a process of
 * its own, so it runs while the app is bundled and run. Nothing is emitted. esbuild, which
 * bundles the app, strips types without checking them.
 */
export function typecheckApp(entry: string, project: string): Promise<TypecheckResult> {
  const early = started;
  started = undefined;
  if (early && early.entry === entry && early.project === project) return early.result;
  return runTypecheck(entry, project);
}

/** A check started by `startTypecheckEarly`, not yet taken by `typecheckApp`. */
let started: { entry: string; project: string; result: Promise<TypecheckResult> } | undefined;

/**
 * Starts the type-check of `kubecraft synth` and `kubecraft validate` as the very first thing
 * the command does (`bin.ts`, before the CLI's own modules load), so that the compiler, which
 * is usually what a synth waits for last, starts some 25 ms sooner; `typecheckApp` of the same
 * entry and project then takes it. Does nothing for other commands, `--no-typecheck`, `--watch`,
 * `--help`, or arguments that do not parse (the command reports those).
 */
export function startTypecheckEarly(argv: readonly string[], project: string): void {
  const [command, ...args] = argv;
  const spec = command === 'synth' ? SYNTH_COMMAND : command === 'validate' ? VALIDATE_COMMAND : undefined;
  if (!spec) return;
  try {
    const { values, positionals } = parseCommand(spec, args);
    if (values.help || values['no-typecheck'] || values.watch) return;
    const entry = fs.realpathSync(path.resolve(positionals[0] ?? 'main.ts'));
    if (!fs.statSync(entry).isFile() || findProject(path.dirname(entry)) !== project) return;
    started = { entry, project, result: runTypecheck(entry, project) };
  } catch {
    // a usage error or a missing app: the command says so
  }
}

function runTypecheck(entry: string, project: string): Promise<TypecheckResult> {
  const compiler = projectCompiler(project);
  if (!compiler) return Promise.resolve({ checked: false, errors: [] });
  const config = checkConfig(entry, project);
  const passes = new PassRecord(config, compiler, project);
  if (passes.holds()) return Promise.resolve({ checked: true, compiler: compiler.name, errors: [], cached: true });
  const args = [...compiler.args, '-p', config, '--pretty', 'false', '--listFiles'];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(compiler.command, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', (err) =>
      resolve({ checked: true, compiler: compiler.name, errors: [`${compiler.name}: ${err.message}`] }),
    );
    child.on('close', (code) => {
      // one diagnostic a line; continuation lines (an error's related information) are indented
      // and (--listFiles) every file of the program, an absolute path a line
      const errors: string[] = [];
      const files: string[] = [];
      for (const line of out.split('\n')) {
        if (/error TS\d+:/.test(line) && !/^\s/.test(line)) errors.push(line.trimEnd());
        else if (line.trim() !== '' && errors.length > 0 && /^\s/.test(line))
          errors[errors.length - 1] += `\n${line.trimEnd()}`;
        else if (path.isAbsolute(line.trim())) files.push(line.trim());
      }
      if (code !== 0 && errors.length === 0) errors.push(`${compiler.name} exited with code ${code}: ${out.trim()}`);
      if (code === 0 && errors.length === 0) passes.record(files, started);
      resolve({ checked: true, compiler: compiler.name, errors });
    });
  });
}

/**
 * The record of the last check of an app that passed (`.kubecraft/typecheck-<entry>.json`): the
 * compiler, the check's configuration and the project's `tsconfig.json`, and the size and
 * modification time of every file of the program (as the compiler listed them, its own lib
 * files and the packages' declarations too) and of the lockfile npm keeps in `node_modules/`.
 * While all of them are unchanged, the check passes again without running the compiler (as
 * `tsc --build` skips a project that is up to date): a repeated synth, `kubecraft diff` or
 * `validate` right after a synth. Any edit, install or new compiler runs it again.
 */
class PassRecord {
  private readonly file: string;
  private readonly key: string;

  constructor(
    config: string,
    compiler: Compiler,
    private readonly project: string,
  ) {
    this.file = config.replace(/tsconfig\.check-(.*)\.json$/, 'typecheck-$1.pass.json');
    const own = path.join(project, 'tsconfig.json');
    const text = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    this.key = createHash('sha256')
      .update(JSON.stringify([compiler.name, compiler.command, text(config), text(own)]))
      .digest('hex');
  }

  /** Whether the last check passed with everything it read as it is now. */
  public holds(): boolean {
    try {
      const record = JSON.parse(fs.readFileSync(this.file, 'utf8')) as {
        key?: string;
        files?: [string, number, number][];
      };
      return (
        record.key === this.key &&
        Array.isArray(record.files) &&
        record.files.every(([f, mtime, size]) => {
          const [m, z] = statOf(f) ?? [-1, -1];
          return m === mtime && z === size;
        })
      );
    } catch {
      return false;
    }
  }

  /**
   * Records a passing check of `files` (and the package lockfile), unless one of them changed
   * after `started`, while the compiler read it.
   */
  public record(files: readonly string[], started: number): void {
    if (files.length === 0) return; // a compiler without --listFiles output: nothing to vouch for
    const tracked = [...files, path.join(this.project, 'node_modules', '.package-lock.json')];
    const stats = tracked.map((f) => [f, ...(statOf(f) ?? [-1, -1])] as [string, number, number]);
    if (stats.some(([, mtime]) => mtime >= started)) return; // changed while the compiler read it
    try {
      writeFileAtomically(this.file, `${JSON.stringify({ key: this.key, files: stats })}\n`);
    } catch {
      // a read-only project: the check runs every time
    }
  }
}

/** A file's modification time and size, or undefined when it does not exist. */
function statOf(file: string): [number, number] | undefined {
  try {
    const s = fs.statSync(file);
    return [s.mtimeMs, s.size];
  } catch {
    return undefined;
  }
}
