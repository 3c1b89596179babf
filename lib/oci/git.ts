import { spawnSync } from 'child_process';

/** Where a folder's sources come from, read from git, for an artifact's annotations. */
export interface GitProvenance {
  /**
   * The remote the sources live in: `origin`'s URL (else the first remote's), without any
   * user name or password it holds.
   *
   * @default - none (no remote)
   */
  readonly source?: string;
  /**
   * The revision as Flux writes it: `<branch>@sha1:<commit>` (`sha1:<commit>` on a detached HEAD).
   *
   * @default - none (not in a git repository, or no commit yet)
   */
  readonly revision?: string;
  /**
   * The commit's time, in UTC, RFC 3339 (`2024-05-01T12:00:00Z`).
   *
   * @default - none
   */
  readonly created?: string;
  /** Whether tracked files have changes that are not committed (the revision then names the last commit). */
  readonly dirty: boolean;
  /**
   * Why there is no revision, e.g. `not in a git repository`.
   *
   * @default - there is one
   */
  readonly missing?: string;
}

/** The git provenance of `dir`: the repository it is in, its HEAD commit, branch and remote. */
export function gitProvenance(dir: string): GitProvenance {
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', timeout: 30_000 });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const probe = spawnSync('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
  if (probe.error) return { dirty: false, missing: 'git is not installed' };
  if (probe.status !== 0 || probe.stdout.trim() !== 'true') return { dirty: false, missing: 'not in a git repository' };
  const commit = git('rev-parse', '--verify', '-q', 'HEAD');
  if (!commit) return { dirty: false, missing: 'the git repository has no commit yet' };
  const branch = git('symbolic-ref', '-q', '--short', 'HEAD');
  const remotes = (git('remote') ?? '').split('\n').filter((r) => r !== '');
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  const url = remote ? git('remote', 'get-url', remote) : undefined;
  const seconds = Number(git('show', '-s', '--format=%ct', 'HEAD'));
  const status = git('status', '--porcelain', '--untracked-files=no');
  return {
    ...(url ? { source: withoutCredentials(url) } : {}),
    revision: `${branch ? `${branch}@` : ''}sha1:${commit}`,
    ...(Number.isFinite(seconds) && seconds > 0
      ? { created: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') }
      : {}),
    dirty: status !== undefined && status !== '',
  };
}

/** A remote URL without the user name and password an https URL may carry (`https://user:token@host/...`). */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, (_, scheme: string) => (/^ssh:/i.test(scheme) ? _ : scheme));
}
