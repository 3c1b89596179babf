import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { diffManifests, formatDiff, hasChanges, readManifests } from '../output/manifest-diff';

const USAGE = `usage: kubecraft diff [--app main.ts] [--out dist] [--against <git-revision>] [--json]

Synthesizes the app into a temporary folder and compares it, resource by resource and field
by field, with the current output folder, or with the app as it was at a git revision.
Exit code: 0 no changes, 1 changes, 2 error.`;

/** Runs the CLI; returns the exit code. `root` is the project directory. */
export function runCli(argv: readonly string[], root: string, runApp: string): number {
  const [command, ...rest] = argv;
  if (command !== 'diff') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let opts;
  try {
    opts = parseArgs({
      args: [...rest],
      options: {
        app: { type: 'string', default: 'main.ts' },
        out: { type: 'string', default: 'dist' },
        against: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-diff-'));
  try {
    const after = path.join(tmp, 'after');
    synthesize(runApp, path.resolve(root, opts.app!), after, root);
    let before = path.resolve(root, opts.out!);
    if (opts.against) before = synthesizeRevision(root, opts.against, opts.app!, path.join(tmp, 'before'), runApp);
    const d = diffManifests(readManifests(before), readManifests(after));
    process.stdout.write(opts.json ? `${JSON.stringify(d, null, 2)}\n` : `${formatDiff(d)}\n`);
    return hasChanges(d) ? 1 : 0;
  } catch (err) {
    process.stderr.write(`kubecraft diff: ${(err as Error).message}\n`);
    return 2;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function synthesize(runApp: string, entry: string, outdir: string, cwd: string): void {
  const r = spawnSync(process.execPath, [runApp, entry], {
    cwd,
    env: { ...process.env, CDK8S_OUTDIR: outdir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`synthesis of ${path.relative(cwd, entry) || entry} failed:\n${r.stderr}`);
}

/** Synthesizes the app as it was at `revision`, in a temporary git worktree sharing node_modules. */
function synthesizeRevision(root: string, revision: string, app: string, outdir: string, runApp: string): string {
  const tree = path.join(path.dirname(outdir), 'worktree');
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  };
  git('worktree', 'add', '--detach', tree, revision);
  try {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    const revRunApp = path.join(tree, 'scripts', 'run-app.mjs');
    synthesize(fs.existsSync(revRunApp) ? revRunApp : runApp, path.join(tree, app), outdir, tree);
    return outdir;
  } finally {
    git('worktree', 'remove', '--force', tree);
  }
}
