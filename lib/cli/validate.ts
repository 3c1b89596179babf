import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setSynthHook } from '../app/synth-hook';
import { formatReport, toReport, ValidationReport } from '../validation/finding';
import { parseCommandArgs, setKubernetesVersion, UsageError } from './args';
import { findProject } from './project';
import { bundleAndRun, reportAppError, resolveEntry } from './runner';
import { typecheckApp, TypecheckResult } from './typecheck';

export const VALIDATE_USAGE = `usage: kubecraft validate [app.ts] [--env a,b] [--kubernetes-version 1.x] [--format text|json] [--no-typecheck]
                         [-- app args]

Type-checks the app with the project's own typescript (skipped, with a note, when the project
has none; --no-typecheck skips it), then runs it and validates everything it would
synthesize. Reports only: nothing is written. Exit code 0 valid, 1 type or validation errors,
2 usage. --kubernetes-version 1.x validates for that version (as KUBECRAFT_KUBERNETES_VERSION):
on an app written for an older release, the report lists exactly what blocks the upgrade.`;

/** `kubecraft validate`. */
export async function validateCommand(args: readonly string[]): Promise<number> {
  const { values, positionals, rest } = parseCommandArgs(
    'validate',
    args,
    {
      env: { type: 'string' },
      'kubernetes-version': { type: 'string' },
      format: { type: 'string', default: 'text' },
      'no-typecheck': { type: 'boolean' },
    },
    1,
    VALIDATE_USAGE,
  );
  if (values.help) {
    process.stdout.write(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`kubecraft validate: --format must be text or json (not '${values.format}')`);
  }
  const json = values.format === 'json';
  const entry = resolveEntry(positionals[0] ?? 'main.ts', 'validate');
  if (typeof values.env === 'string') process.env.KUBECRAFT_ENV = values.env;
  setKubernetesVersion(values['kubernetes-version'], 'validate');

  const types: TypecheckResult = values['no-typecheck']
    ? { checked: false, errors: [] }
    : typecheckApp(entry, findProject(path.dirname(entry)));
  if (!json) {
    for (const e of types.errors) process.stderr.write(`${e}\n`);
    if (!types.checked && !values['no-typecheck']) {
      process.stderr.write('kubecraft: not type-checked: the project has no typescript package\n');
    }
  }

  const reports: ValidationReport[] = [];
  setSynthHook({ validateOnly: true, report: (r) => reports.push(r), written: () => undefined });
  // a plain cdk8s App writes on synth(); never into the real output folder
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-validate-'));
  process.env.CDK8S_OUTDIR = scratch;
  let failure: string | undefined;
  try {
    await bundleAndRun(entry, rest);
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
    if (!json) reportAppError(err);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const report = toReport(reports.flatMap((r) => r.findings));
  const ok = types.errors.length === 0 && failure === undefined && report.errors.length === 0;
  if (json) {
    const out = {
      ok,
      typecheck: { checked: types.checked, errors: types.errors },
      ...(failure !== undefined ? { failure } : {}),
      errors: report.errors.length,
      warnings: report.warnings.length,
      relaxed: report.relaxed.length,
      info: report.info.length,
      findings: report.findings,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else if (reports.length > 0) {
    process.stdout.write(`${formatReport(report)}\n`);
  }
  if (reports.length === 0 && ok) {
    process.stderr.write('kubecraft validate: the app never called KubecraftApp.synth(): nothing was validated\n');
    return 1;
  }
  return ok ? 0 : 1;
}
