import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffAgainstCluster } from '../deploy/live-diff';
import { diffManifests, formatDiff, formatDiffJson, hasChanges, readManifests } from '../output/manifest-diff';
import { readOutputFolders } from '../output/output-folders';
import { UsageError } from './args';
import { parseCommand } from './command-spec';
import { DIFF_COMMAND, DIFF_USAGE } from './commands';
import { applySetBaseName, applySetNamer, kubectlOptionsOf, selectFolders } from './deploy-target';
import { configuredOutdir, findProject } from './project';
import { resolveEntry } from './runner';

/** Synthesizes `entry` into `outdir` with this CLI (`cli`: the script this process runs) in a child process. */
export function synthesizeInto(
  cli: string,
  entry: string,
  outdir: string,
  cwd: string,
  args: readonly string[] = [],
): void {
  const r = spawnSync(process.execPath, [cli, 'synth', entry, '--outdir', outdir, '--quiet', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`synthesis of ${path.relative(cwd, entry) || entry} failed:\n${r.stderr}`);
}

/** `kubecraft diff`. */
export async function diffCommand(args: readonly string[], cli: string): Promise<number> {
  const { values, positionals, rest } = parseCommand(DIFF_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${DIFF_USAGE}\n`);
    return 0;
  }
  const root = process.cwd();
  const app = positionals[0] ?? (values.app as string | undefined) ?? 'main.ts';
  const entry = resolveEntry(app, 'diff');
  if (values.format !== undefined && values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`kubecraft diff: --format must be text or json (not '${String(values.format)}')`);
  }
  const json = Boolean(values.json) || values.format === 'json';
  if (values.against !== undefined && values.cluster) {
    throw new UsageError('kubecraft diff: --against and --cluster do not go together');
  }
  if (values.env !== undefined && !values.cluster) throw new UsageError('kubecraft diff: --env goes with --cluster');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-diff-'));
  try {
    const after = path.join(tmp, 'after');
    const env = typeof values.env === 'string' ? values.env : undefined;
    synthesizeInto(cli, entry, after, root, [...(env ? ['--env', env] : []), ...(rest.length ? ['--', ...rest] : [])]);
    if (values.cluster) return await diffCluster(after, entry, { ...values, json });
    const given = values.output;
    let before =
      typeof given === 'string' ? path.resolve(root, given) : configuredOutdir(findProject(path.dirname(entry)));
    if (typeof values.against === 'string') {
      before = synthesizeRevision(root, values.against, path.relative(root, entry), path.join(tmp, 'before'), cli);
    }
    const d = diffManifests(readManifests(before), readManifests(after));
    process.stdout.write(json ? formatDiffJson(d) : `${formatDiff(d)}\n`);
    return hasChanges(d) ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    process.stderr.write(`kubecraft diff: ${(err as Error).message}\n`);
    return 2;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `kubecraft diff --cluster`: the synthesized folder `outdir` against the cluster. */
async function diffCluster(
  outdir: string,
  entry: string,
  values: Readonly<Record<string, string | boolean | undefined>>,
): Promise<number> {
  const folders = selectFolders(readOutputFolders(outdir), values.env, 'diff', 'the app');
  const live = await diffAgainstCluster({
    ...kubectlOptionsOf(values),
    folders,
    applySetNameOf: applySetNamer(applySetBaseName(findProject(path.dirname(entry)), values.applyset)),
  });
  if (values.json) {
    process.stdout.write(formatDiffJson(live.diff));
  } else {
    process.stdout.write(
      `against the cluster of context '${live.context}' (server-side dry run; '-': deleted by the prune)\n`,
    );
    process.stdout.write(`${formatDiff(live.diff)}\n`);
    if (live.unserved.length > 0) {
      process.stdout.write(
        `not served by the cluster yet (their CRDs are in the setup phase): ${live.unserved.join(', ')}\n`,
      );
    }
  }
  return hasChanges(live.diff) ? 1 : 0;
}

/** Synthesizes the app as it was at `revision`, in a temporary git worktree sharing node_modules. */
function synthesizeRevision(root: string, revision: string, app: string, outdir: string, cli: string): string {
  const tree = path.join(path.dirname(outdir), 'worktree');
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  };
  git('worktree', 'add', '--detach', tree, revision);
  try {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    synthesizeInto(cli, path.join(tree, app), outdir, tree);
    return outdir;
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
}
