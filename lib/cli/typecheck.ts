import * as path from 'path';
import type * as ts from 'typescript';

/** The outcome of type-checking an app. */
export interface TypecheckResult {
  /** False when the project has no `typescript` package: nothing was checked. */
  readonly checked: boolean;
  /** Type errors, one `file:line:col - error TSnnnn: message` each. */
  readonly errors: readonly string[];
}

/**
 * Type-checks the app's entry and everything it imports with the project's own `typescript`
 * (its version, its `tsconfig.json` compiler options; nothing is emitted). esbuild, which
 * bundles the app, strips types without checking them.
 */
export function typecheckApp(entry: string, project: string): TypecheckResult {
  let tsc: typeof ts;
  try {
    tsc = require(require.resolve('typescript', { paths: [project] })) as typeof ts;
  } catch {
    return { checked: false, errors: [] };
  }
  const configFile = tsc.findConfigFile(path.dirname(entry), tsc.sys.fileExists);
  let options: ts.CompilerOptions = {
    target: tsc.ScriptTarget.ES2022,
    module: tsc.ModuleKind.CommonJS,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
  };
  if (configFile) {
    const read = tsc.readConfigFile(configFile, tsc.sys.readFile);
    options = tsc.parseJsonConfigFileContent(read.config ?? {}, tsc.sys, path.dirname(configFile)).options;
  }
  const program = tsc.createProgram([entry], { ...options, noEmit: true, incremental: false, composite: false });
  const diagnostics = tsc.getPreEmitDiagnostics(program).filter((d) => d.category === tsc.DiagnosticCategory.Error);
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  };
  return { checked: true, errors: diagnostics.map((d) => tsc.formatDiagnostic(d, host).trimEnd()) };
}
