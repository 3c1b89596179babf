import * as path from 'path';
import { applyOutput } from '../deploy/apply-output';
import { DeployError } from '../deploy/kubectl';
import { readOutputFolders } from '../output/output-folders';
import { setKubernetesVersion, UsageError } from './args';
import { parseCommand } from './command-spec';
import { APPLY_COMMAND, APPLY_USAGE } from './commands';
import { applySetBaseName, applySetNamer, kubectlOptionsOf, selectFolders } from './deploy-target';
import { synthesizeInto } from './diff';
import { configuredOutdir, displayPath, findProject } from './project';
import { resolveEntry } from './runner';

/** `kubecraft apply`. */
export async function applyCommand(args: readonly string[], cli: string): Promise<number> {
  const { values, positionals, rest } = parseCommand(APPLY_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${APPLY_USAGE}\n`);
    return 0;
  }
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(`kubecraft apply: --timeout must be a whole number of seconds (not '${values.timeout}')`);
  }
  setKubernetesVersion(values['kubernetes-version'], 'apply');
  const root = process.cwd();
  const entry = values['no-synth'] ? undefined : resolveEntry(positionals[0] ?? 'main.ts', 'apply');
  const project = entry ? findProject(path.dirname(entry)) : findProject(root);
  const given = values.output;
  const outdir = typeof given === 'string' ? path.resolve(root, given) : configuredOutdir(project);
  const env = typeof values.env === 'string' ? values.env : undefined;
  if (entry) {
    try {
      synthesizeInto(cli, entry, outdir, root, [
        ...(env ? ['--env', env] : []),
        ...(rest.length ? ['--', ...rest] : []),
      ]);
    } catch (err) {
      process.stderr.write(`kubecraft apply: nothing applied: ${(err as Error).message}\n`);
      return 1;
    }
  }
  const folders = selectFolders(readOutputFolders(outdir), env, 'apply', displayPath(outdir));
  try {
    const result = await applyOutput({
      ...kubectlOptionsOf(values),
      folders,
      applySetNameOf: applySetNamer(applySetBaseName(project, values.applyset)),
      prune: !values['no-prune'],
      dryRun: Boolean(values['dry-run']),
      wait: Boolean(values.wait),
      forceConflicts: Boolean(values['force-conflicts']),
      timeoutSeconds,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const applied = result.reduce((n, f) => n + f.applied.length, 0);
    const pruned = result.reduce((n, f) => n + f.pruned.length, 0);
    process.stdout.write(
      `kubecraft apply: ${applied} objects applied, ${pruned} pruned, in ${result.length} folder${result.length === 1 ? '' : 's'}${values['dry-run'] ? ' (server-side dry run: nothing stored)' : ''}\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    process.stderr.write(`kubecraft apply: ${err.message}\n`);
    return err.exitCode;
  }
}
