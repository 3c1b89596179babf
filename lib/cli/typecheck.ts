import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The outcome of type-checking an app. */
export interface TypecheckResult {
  /** False when the project has no TypeScript compiler: nothing was checked. */
  readonly checked: boolean;
  /** Type errors, one `file(line,col): error TSnnnn: message` each (relative to the working directory). */
  readonly errors: readonly string[];
  /** The compiler that checked (`tsgo 7.0.0-dev...`, `tsc 7.0.2`, `tsc 5.9.3`), when one did. */
  readonly compiler?: string;
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
    if (exe) return { name: `${name === 'typescript' ? 'tsc' : 'tsgo'} ${version}`, command: exe, args: [] };
  }
  return undefined;
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
  const compiler = projectCompiler(project);
  if (!compiler) return Promise.resolve({ checked: false, errors: [] });
  const args = [...compiler.args, '-p', checkConfig(entry, project), '--pretty', 'false'];
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
      const errors: string[] = [];
      for (const line of out.split('\n')) {
        if (/error TS\d+:/.test(line) && !/^\s/.test(line)) errors.push(line.trimEnd());
        else if (line.trim() !== '' && errors.length > 0 && /^\s/.test(line))
          errors[errors.length - 1] += `\n${line.trimEnd()}`;
      }
      if (code !== 0 && errors.length === 0) errors.push(`${compiler.name} exited with code ${code}: ${out.trim()}`);
      resolve({ checked: true, compiler: compiler.name, errors });
    });
  });
}
