// kubecraft publish and kubecraft pull, as a user runs them, against a real registry on
// loopback (test/support/registry.ts).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubecraft, project } from '../support/cli';
import { findRegistryForTests, registryTestFor, startRegistry, TestRegistry } from '../support/registry';

const registry = findRegistryForTests();
const rtest = registryTestFor(registry, 'test/cli/publish.test.ts');

const DIST: Record<string, string> = {
  'dist/Kustomization': 'resources:\n  - app.k8s.yaml\n',
  'dist/app.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
  'dist/setup/Kustomization': 'resources:\n  - ns.k8s.yaml\n',
  'dist/setup/ns.k8s.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n',
  'dist/prod/Kustomization': 'resources:\n  - app.k8s.yaml\n',
  'dist/prod/app.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-prod\n',
};

/** A project with a dist/ folder (as a synth leaves it) and an empty docker configuration. */
function projectWithDist(files: Record<string, string> = DIST): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = project({});
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  const dockerConfig = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-docker-'));
  return { dir, env: { DOCKER_CONFIG: dockerConfig } };
}

function read(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = fs.readFileSync(path.join(dir, p), 'utf8');
    }
  };
  walk('');
  return out;
}

const DIGEST_LINE = /^(\S+)@(sha256:[0-9a-f]{64})$/;

describe('kubecraft publish and pull', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    if (registry.path) reg = await startRegistry(registry.path);
  }, 30_000);
  afterAll(async () => reg?.stop());

  rtest('publish prints the pinned digest last; the same dist gives the same digest; pull gives the files back', () => {
    const { dir, env } = projectWithDist();
    const first = kubecraft(['publish', `oci://${reg.host}/team/app:v1`, '--insecure'], dir, env);
    expect(first.stderr).toBe(
      'kubecraft publish: not in a git repository: no source, revision or created annotation\n',
    );
    expect(first.status).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^kubecraft publish: dist/ \\(6 files, [0-9.]+ KiB compressed\\) pushed to ${reg.host}/team/app:v1$`),
    );
    const pinned = DIGEST_LINE.exec(lines[lines.length - 1]);
    expect(pinned?.[1]).toBe(`${reg.host}/team/app`);

    const again = kubecraft(['publish', `oci://${reg.host}/team/app:v2`, '--insecure'], dir, env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(', already in the registry)');
    expect(again.stdout.trimEnd().split('\n').pop()).toBe(pinned?.[0]);

    const pulled = kubecraft(['pull', `oci://${pinned?.[0]}`, '--insecure', '--output', 'copy'], dir, env);
    expect(pulled.stderr).toBe('');
    expect(pulled.status).toBe(0);
    expect(pulled.stdout).toBe(`kubecraft pull: ${pinned?.[0]} extracted into copy/ (6 files)\n`);
    expect(read(path.join(dir, 'copy'))).toEqual(read(path.join(dir, 'dist')));

    fs.appendFileSync(path.join(dir, 'dist', 'prod', 'app.k8s.yaml'), '  labels: {a: b}\n');
    const changed = kubecraft(['publish', `oci://${reg.host}/team/app:v3`, '--insecure'], dir, env);
    expect(changed.status).toBe(0);
    expect(changed.stdout.trimEnd().split('\n').pop()).not.toBe(pinned?.[0]);
  });

  rtest(
    '--env publishes one environment; an environment dist/ does not have is a usage error naming those it has',
    () => {
      const { dir, env } = projectWithDist();
      const r = kubecraft(['publish', `oci://${reg.host}/app-prod:v1`, '--insecure', '--env', 'prod'], dir, env);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^kubecraft publish: dist\/prod\/ \(2 files/);
      expect(kubecraft(['pull', `oci://${reg.host}/app-prod:v1`, '--insecure', '-o', 'out'], dir, env).status).toBe(0);
      expect(read(path.join(dir, 'out'))).toEqual(read(path.join(dir, 'dist', 'prod')));
      const bad = kubecraft(['publish', `oci://${reg.host}/app-prod:v1`, '--insecure', '--env', 'staging'], dir, env);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toBe('kubecraft publish: no environment staging in dist/; it has prod\n');
    },
  );

  rtest(
    '--json prints only JSON; in git: source, revision and created from the repository, the same commit the same digest',
    () => {
      const { dir, env } = projectWithDist();
      const gitEnv = {
        ...process.env,
        GIT_COMMITTER_DATE: '2024-05-01T12:00:00Z',
        GIT_AUTHOR_DATE: '2024-05-01T12:00:00Z',
      };
      const git = (...args: string[]) =>
        spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: gitEnv }).stdout.trim();
      git('init', '-q', '-b', 'main');
      git('remote', 'add', 'origin', 'https://ci:token@git.example.com/team/app.git');
      fs.writeFileSync(path.join(dir, '.gitignore'), 'dist/\nnode_modules\n');
      git('add', '.gitignore', 'package.json');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'app');
      const commit = git('rev-parse', 'HEAD');
      const runs = [1, 2].map(() =>
        kubecraft(['publish', `oci://${reg.host}/git/app:main`, '--insecure', '--json'], dir, env),
      );
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      }
      const [one, two] = runs.map((r) => JSON.parse(r.stdout));
      expect(one.annotations).toEqual({
        'org.opencontainers.image.created': '2024-05-01T12:00:00Z',
        'org.opencontainers.image.revision': `main@sha1:${commit}`,
        'org.opencontainers.image.source': 'https://git.example.com/team/app.git',
      });
      expect(one).toMatchObject({ folder: 'dist/', reference: `${reg.host}/git/app:main`, files: 6, uploaded: 2 });
      expect(two.digest).toBe(one.digest);
      expect(two.uploaded).toBe(0);
      const pulled = kubecraft(['pull', `oci://${reg.host}/git/app:main`, '--insecure', '-o', 'copy'], dir, env);
      expect(pulled.stdout).toContain(`  source https://git.example.com/team/app.git, revision main@sha1:${commit}\n`);
    },
  );

  rtest('pull refuses a layer that does not match its digest: exit 1, one line, the folder as it was', () => {
    const { dir, env } = projectWithDist();
    const r = kubecraft(['publish', `oci://${reg.host}/tamper:v1`, '--insecure', '--json'], dir, env);
    const layer = JSON.parse(r.stdout).layer.digest as string;
    const blob = reg.blobFile(layer);
    const bytes = fs.readFileSync(blob);
    bytes[bytes.length - 12] ^= 0x01;
    fs.writeFileSync(blob, bytes);
    const before = read(path.join(dir, 'dist'));
    const pulled = kubecraft(['pull', `oci://${reg.host}/tamper:v1`, '--insecure'], dir, env);
    expect(pulled.status).toBe(1);
    expect(pulled.stderr.split('\n')).toHaveLength(2); // one line
    expect(pulled.stderr).toMatch(
      new RegExp(
        `^kubecraft pull: the layer of ${reg.host}/tamper:v1 has digest sha256:[0-9a-f]{64} \\(\\d+ bytes\\), not the ${layer} \\(\\d+ bytes\\) of its manifest: refusing to extract it \\(dist/ is as it was\\)\n$`,
      ),
    );
    expect(read(path.join(dir, 'dist'))).toEqual(before);
  });

  rtest('an unknown repository: exit 1, one line', () => {
    const { dir, env } = projectWithDist();
    const r = kubecraft(['pull', `oci://${reg.host}/no/such/app:v1`, '--insecure'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`kubecraft pull: registry ${reg.host} has no repository no/such/app (dist/ is as it was)\n`);
  });
});

describe('kubecraft publish with htpasswd authentication', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    if (registry.path)
      reg = await startRegistry(registry.path, { kind: 'htpasswd', username: 'alice', password: 's3cret' });
  }, 30_000);
  afterAll(async () => reg?.stop());

  const login = (env: NodeJS.ProcessEnv, password: string) =>
    fs.writeFileSync(
      path.join(env.DOCKER_CONFIG ?? '', 'config.json'),
      JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`alice:${password}`).toString('base64') } } }),
    );

  rtest(
    'the docker login credentials; a wrong password is exit 1 and one line naming the registry and the file',
    () => {
      const { dir, env } = projectWithDist();
      login(env, 's3cret');
      expect(kubecraft(['publish', `oci://${reg.host}/app:v1`, '--insecure'], dir, env).status).toBe(0);
      login(env, 'wrong');
      const r = kubecraft(['publish', `oci://${reg.host}/app:v1`, '--insecure'], dir, env);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `kubecraft publish: registry ${reg.host} refused the credentials of 'alice' from ${env.DOCKER_CONFIG}/config.json to push to app (401 Unauthorized)\n`,
      );
    },
  );
});

describe('kubecraft publish and pull: usage', () => {
  test('--insecure for a registry that is not on this machine is refused before anything is sent', () => {
    const { dir, env } = projectWithDist();
    for (const command of ['publish', 'pull']) {
      const r = kubecraft([command, 'oci://registry.example.com/app:v1', '--insecure'], dir, env);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `kubecraft ${command}: --insecure (plain HTTP) is allowed only for a registry on this machine (localhost, 127.0.0.1, ::1), not registry.example.com\n`,
      );
    }
  });

  test.each([
    [['publish'], 'kubecraft publish: which artifact? usage: kubecraft publish oci://REGISTRY/REPO:TAG [options]'],
    [
      ['publish', 'oci://127.0.0.1:5000/app'],
      "kubecraft publish: name a tag to publish to: oci://REGISTRY/REPO:TAG (not 'oci://127.0.0.1:5000/app')",
    ],
    [
      ['publish', 'ghcr.io/app:v1'],
      "kubecraft publish: 'ghcr.io/app:v1' is not an artifact address: write it as oci://REGISTRY/REPOSITORY:TAG",
    ],
    [
      ['pull', 'oci://ghcr.io/App:v1'],
      "kubecraft pull: 'oci://ghcr.io/App:v1' is not an artifact address: the repository 'App' has a part ('App') that is not lower-case letters and digits separated by . _ __ or -",
    ],
    [
      ['pull', 'oci://a/b:v1', 'oci://c/d:v1'],
      "kubecraft pull: unexpected argument 'oci://c/d:v1'; usage: kubecraft pull oci://REGISTRY/REPO:TAG|@DIGEST [options]",
    ],
  ])('%j: exit 2', (args, message) => {
    const { dir, env } = projectWithDist();
    const r = kubecraft(args, dir, env);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.status).toBe(2);
  });

  test('no dist/: exit 1, saying to synthesize first', () => {
    const { dir, env } = projectWithDist({});
    const r = kubecraft(['publish', 'oci://127.0.0.1:5000/app:v1', '--insecure'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('kubecraft publish: dist/ does not exist (run kubecraft synth first)\n');
  });
});
