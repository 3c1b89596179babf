// The package README (README.md at the root, the page npm shows and the file an installed package
// holds) links only to what its readers can open: its own headings, files of the repository that
// exist, and, from node_modules/kubecraft/, only absolute links or files the package ships
// (`files`). package.json names no `repository` yet (the package is not published): when it
// does, npm's page resolves the same relative links against it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  repository?: string | { url?: string };
};

/** The README's Markdown links and images, outside code blocks: [text](target). */
function links(): string[] {
  const prose = readme.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const m of readme.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

const isAbsolute = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

function repositoryUrl(): string | undefined {
  const r = pkg.repository;
  const url = typeof r === 'string' ? r : r?.url;
  return url?.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The files `npm pack` puts in the package (scripts not run: nothing is built or downloaded). */
function packedFiles(): Set<string> {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  if (r.status !== 0) throw new Error(`npm pack --dry-run failed: ${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  return new Set(result.files.map((f) => f.path));
}

test('the README has links to check', () => {
  expect(links().length).toBeGreaterThan(10);
});

test("the README's anchors name its headings", () => {
  const own = anchors();
  expect(links().filter((l) => l.startsWith('#') && !own.has(decodeURIComponent(l.slice(1))))).toEqual([]);
});

test("the README's relative links name files of the repository", () => {
  const missing = links()
    .filter((l) => !l.startsWith('#') && !isAbsolute(l))
    .filter((l) => !fs.existsSync(path.join(root, decodeURIComponent(l.split('#')[0]))));
  expect(missing).toEqual([]);
});

test("the README's links to the repository name files that exist", () => {
  const repo = repositoryUrl();
  const broken = repo
    ? links()
        .filter((l) => l.startsWith(`${repo}/`))
        .map((l) => /\/(?:blob|tree|raw)\/[^/]+\/([^#?]+)/.exec(l.slice(repo.length))?.[1])
        .filter((p): p is string => p !== undefined)
        .filter((p) => !fs.existsSync(path.join(root, decodeURIComponent(p))))
    : [];
  expect(broken).toEqual([]);
});

test('the README links work from the npm page and the installed package', () => {
  const shipped = packedFiles();
  const repo = repositoryUrl();
  const problems = [...new Set(links())]
    .filter((l) => !l.startsWith('#') && !isAbsolute(l))
    .map((l) => {
      const file = decodeURIComponent(l.split('#')[0]);
      const where: string[] = [];
      // the installed package: the file must be shipped (package.json files)
      if (!shipped.has(file)) where.push('the installed package (not in package.json files)');
      // npm's page resolves relative links against `repository`; the package names none yet (it
      // is not published), so the shipped file is what a reader of the package opens
      if (repo && !fs.existsSync(path.join(root, file))) where.push(`the npm page (${repo})`);
      return where.length > 0 ? `${l}: broken on ${where.join(' and on ')}` : '';
    })
    .filter(Boolean);
  if (problems.length > 0)
    throw new Error(
      `README links that readers of the package cannot open:\n  ${problems.join('\n  ')}\n` +
        'Fix: set package.json "repository" and make these links absolute (https://<repository>/blob/main/<path>), ' +
        'or ship the files (add them to package.json "files") and set "repository" for the npm page.',
    );
});
