import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffManifests, formatDiff, formatDiffJson, hasChanges, readManifests } from '../output/manifest-diff';
import { parseCommandArgs } from './args';
import { resolveEntry } from './runner';

export const DIFF_USAGE = `usage: kubecraft diff [app.ts] [--out dist] [--against <git-revision>] [--json]

Synthesizes the app (default main.ts) into a temporary folder and compares it, resource by
resource and field by field, with the current output folder, or with the app as it was at a
git revision. Exit code: 0 no changes, 1 changes, 2 error.`;

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
export function diffCommand(args: readonly string[], cli: string): number {
  const { values, positionals } = parseCommandArgs(
    'diff',
    args,
    {
      app: { type: 'string' },
      out: { type: 'string', default: 'dist' },
      against: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    1,
    DIFF_USAGE,
  );
  if (values.help) {
    process.stdout.write(`${DIFF_USAGE}\n`);
    return 0;
  }
  const root = process.cwd();
  const app = positionals[0] ?? (values.app as string | undefined) ?? 'main.ts';
  const entry = resolveEntry(app, 'diff');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-diff-'));
  try {
    const after = path.join(tmp, 'after');
    synthesizeInto(cli, entry, after, root);
    let before = path.resolve(root, values.out as string);
    if (typeof values.against === 'string') {
      before = synthesizeRevision(root, values.against, path.relative(root, entry), path.join(tmp, 'before'), cli);
    }
    const d = diffManifests(readManifests(before), readManifests(after));
    process.stdout.write(values.json ? formatDiffJson(d) : `${formatDiff(d)}\n`);
    return hasChanges(d) ? 1 : 0;
  } catch (err) {
    process.stderr.write(`kubecraft diff: ${(err as Error).message}\n`);
    return 2;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
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
