import * as path from 'path';
import { applyOutput } from '../deploy/apply-output';
import { DeployError } from '../deploy/kubectl';
import { readOutputFolders } from '../output/output-folders';
import { parseCommandArgs, setKubernetesVersion, UsageError } from './args';
import {
  applySetBaseName,
  applySetNamer,
  CLUSTER_OPTIONS,
  CLUSTER_OPTIONS_USAGE,
  kubectlOptionsOf,
  selectFolders,
} from './deploy-target';
import { synthesizeInto } from './diff';
import { configuredOutdir, displayPath, findProject } from './project';
import { resolveEntry } from './runner';

export const APPLY_USAGE = `usage: kubecraft apply [app.ts] [--env a,b] [--output dist] [--no-synth] [--dry-run] [--wait] [--no-prune]
                      [--force-conflicts] [--timeout SECONDS] [--kubeconfig FILE] [--context NAME]
                      [--kubectl PATH] [--applyset NAME] [-- app args]

Synthesizes the app (default main.ts) into the output folder (default dist/, validated and
written atomically, as kubecraft synth does), then applies it with your kubectl to the cluster
of your kubeconfig context. Each output folder is one kubectl ApplySet (parent
applysets.kubecraft.io/<name>), applied in its install phases:

  setup  kubectl apply --server-side --field-manager=kubecraft of the CRDs and Namespaces,
         then wait until the CRDs are established and each new namespace has its default
         ServiceAccount
  main   the same for every object of the folder
  prune  delete the members of the set that this apply did not touch (objects of other
         ApplySets, or of none, never are), then record the set on its parent

Without --env, the charts outside environments; --env prod applies those and dist/prod/.
Exit code 0 applied, 1 a phase failed (the message names the phase and what was applied
before it), 2 usage, kubectl missing or the cluster unreachable.

  --env a,b          the environments to apply (each is its own ApplySet)
  --output, -o DIR   the output folder (--out is the same); default as kubecraft synth
  --no-synth         apply the output folder as it is, without synthesizing first
  --dry-run          server-side dry run: the server checks every object, nothing is stored
  --wait             wait for every Deployment, StatefulSet and DaemonSet to finish its rollout
  --no-prune         apply without an ApplySet; delete nothing
  --force-conflicts  take over fields another field manager owns
  --timeout SECONDS  the longest each wait may take (default 300)
${CLUSTER_OPTIONS_USAGE}`;

/** `kubecraft apply`. */
export async function applyCommand(args: readonly string[], cli: string): Promise<number> {
  const { values, positionals, rest } = parseCommandArgs(
    'apply',
    args,
    {
      env: { type: 'string' },
      output: { type: 'string', short: 'o' },
      out: { type: 'string' },
      'no-synth': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      wait: { type: 'boolean' },
      'no-prune': { type: 'boolean' },
      'force-conflicts': { type: 'boolean' },
      timeout: { type: 'string', default: '300' },
      'kubernetes-version': { type: 'string' },
      ...CLUSTER_OPTIONS,
    },
    1,
    APPLY_USAGE,
  );
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
  const given = values.output ?? values.out;
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
