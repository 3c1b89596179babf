import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setSynthHook } from '../app/synth-hook';
import { setRunSetting } from '../core/run-context';
import { formatReport, toReport, ValidationReport } from '../validation/finding';
import { setKubernetesVersion, UsageError } from './args';
import { parseCommand } from './command-spec';
import { VALIDATE_COMMAND, VALIDATE_USAGE } from './commands';
import { findProject } from './project';
import { bundleAndRun, reportAppError, resolveEntry } from './runner';
import { typecheckApp, TypecheckResult } from './typecheck';

/** `kubecraft validate`. */
export async function validateCommand(args: readonly string[]): Promise<number> {
  const { values, positionals, rest } = parseCommand(VALIDATE_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`kubecraft validate: --format must be text or json (not '${values.format}')`);
  }
  const json = values.format === 'json' || Boolean(values.json);
  const entry = resolveEntry(positionals[0] ?? 'main.ts', 'validate');
  if (typeof values.env === 'string') setRunSetting('environments', values.env);
  setKubernetesVersion(values['kubernetes-version'], 'validate');

  // the type-check runs in a process of its own while the app runs
  const typecheck: Promise<TypecheckResult> = values['no-typecheck']
    ? Promise.resolve({ checked: false, errors: [] })
    : typecheckApp(entry, findProject(path.dirname(entry)));

  const reports: ValidationReport[] = [];
  setSynthHook({ validateOnly: true, report: (r) => reports.push(r), written: () => undefined });
  // a plain cdk8s App writes on synth(); never into the real output folder
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-validate-'));
  setRunSetting('outdir', scratch);
  let failure: string | undefined;
  try {
    await bundleAndRun(entry, rest);
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
    if (!json) reportAppError(err);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const types = await typecheck;
  if (!json) {
    for (const e of types.errors) process.stderr.write(`${e}\n`);
    if (!types.checked && !values['no-typecheck']) {
      process.stderr.write(
        'kubecraft: not type-checked: the project has no TypeScript compiler (npm install -D @typescript/native-preview, or typescript)\n',
      );
    }
  }
  const kubernetesVersion = reports.find((r) => r.kubernetesVersion)?.kubernetesVersion;
  const report: ValidationReport = {
    ...toReport(reports.flatMap((r) => r.findings)),
    ...(kubernetesVersion ? { kubernetesVersion } : {}),
  };
  const ok = types.errors.length === 0 && failure === undefined && report.errors.length === 0;
  if (json) {
    const out = {
      ok,
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      typecheck: {
        checked: types.checked,
        ...(types.compiler ? { compiler: types.compiler } : {}),
        errors: types.errors,
      },
      ...(failure !== undefined ? { failure } : {}),
      errors: report.errors.length,
      warnings: report.warnings.length,
      relaxed: report.relaxed.length,
      info: report.info.length,
      findings: report.findings,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else if (reports.length > 0) {
    const lines = formatReport(report).split('\n');
    // the objects may be valid while the app is not: never say "passed" next to type errors
    if (types.errors.length > 0) {
      const n = types.errors.length;
      lines[0] = lines[0].replace(
        /^kubecraft: validation passed/,
        `kubecraft validate: failed: ${n} type error${n === 1 ? '' : 's'} (above); the objects are valid`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (reports.length === 0 && ok) {
    process.stderr.write('kubecraft validate: the app never called KubecraftApp.synth(): nothing was validated\n');
    return 1;
  }
  return ok ? 0 : 1;
}
