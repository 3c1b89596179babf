// publishArtifact and pullArtifact against a real registry (the CNCF distribution registry,
// test/support/registry.ts): anonymous, with htpasswd (basic) authentication, and with token
// (bearer) authentication.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { Header } from 'tar';
import { FLUX_CONFIG_MEDIA_TYPE, FLUX_CONTENT_MEDIA_TYPE, sha256Digest } from '../../lib/oci/artifact';
import { OciError } from '../../lib/oci/errors';
import { publishArtifact } from '../../lib/oci/publish';
import { pullArtifact } from '../../lib/oci/pull';
import { RegistryClient } from '../../lib/oci/registry-client';
import { findRegistryForTests, freePort, registryTestFor, startRegistry, TestRegistry } from '../support/registry';

const registry = findRegistryForTests();
const rtest = registryTestFor(registry, 'test/oci/registry.test.ts');
const binary = registry.path ?? '';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kc-oci-'));

const DIST: Record<string, string> = {
  Kustomization: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.k8s.yaml\n',
  'app.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  greeting: "héllo ✓"\n',
  'setup/Kustomization': 'resources:\n  - ns.k8s.yaml\n',
  'setup/ns.k8s.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n',
  'prod/Kustomization': 'resources:\n  - app.k8s.yaml\n',
  'prod/app.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-prod\n',
  [`prod/${'a-rather-long-file-name-'.repeat(5)}.k8s.yaml`]: 'kind: Service\n',
};

/** A folder outside any git repository holding `files`. */
function folderOf(files: Record<string, string>): string {
  const dir = tmp();
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

/** Every file under `dir`, relative path to bytes. */
function read(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = fs.readFileSync(path.join(dir, p));
    }
  };
  walk('');
  return out;
}

/** A docker configuration folder with these credentials for `host`. */
function dockerConfig(host: string, username: string, password: string): string {
  const dir = tmp();
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
  return path.join(dir, 'config.json');
}

async function rejection(p: Promise<unknown>): Promise<OciError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof OciError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('an anonymous registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    if (registry.path) reg = await startRegistry(binary);
  }, 30_000);
  afterAll(async () => reg?.stop());

  rtest("push, then pull back byte-identical files; the manifest is Flux's layout", async () => {
    const dist = folderOf(DIST);
    const published = await publishArtifact({ url: `oci://${reg.host}/team/app:v1`, folder: dist, insecure: true });
    expect(published).toMatchObject({ reference: `${reg.host}/team/app:v1`, files: 7, uploaded: 2 });
    expect(published.pinned).toBe(`${reg.host}/team/app@${published.digest}`);
    expect(published.git).toEqual({ dirty: false, missing: 'not in a git repository' });
    expect(published.annotations).toEqual({});

    // what the registry holds, read without kubecraft's client
    const res = await fetch(`http://${reg.host}/v2/team/app/manifests/v1`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('docker-content-digest')).toBe(published.digest);
    expect(sha256Digest(body)).toBe(published.digest);
    const manifest = JSON.parse(body.toString());
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.config.mediaType).toBe(FLUX_CONFIG_MEDIA_TYPE);
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0].mediaType).toBe(FLUX_CONTENT_MEDIA_TYPE);

    const out = path.join(tmp(), 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'stale.yaml'), 'old: true\n');
    const pulled = await pullArtifact({ url: `oci://${reg.host}/team/app:v1`, folder: out, insecure: true });
    expect(pulled.digest).toBe(published.digest);
    expect(pulled.files).toHaveLength(7);
    expect(read(out)).toEqual(read(dist)); // the stale file is gone: the folder was replaced
    const byDigest = path.join(tmp(), 'pinned');
    await pullArtifact({ url: `oci://${published.pinned}`, folder: byDigest, insecure: true });
    expect(read(byDigest)).toEqual(read(dist));
  });

  rtest(
    'two publishes of the same files give the same digest (the second uploads nothing); a changed file another',
    async () => {
      const one = await publishArtifact({ url: `oci://${reg.host}/same:a`, folder: folderOf(DIST), insecure: true });
      const copy = folderOf(DIST);
      fs.chmodSync(path.join(copy, 'app.k8s.yaml'), 0o600);
      const two = await publishArtifact({ url: `oci://${reg.host}/same:b`, folder: copy, insecure: true });
      expect(two.digest).toBe(one.digest);
      expect(two.uploaded).toBe(0);
      const changed = await publishArtifact({
        url: `oci://${reg.host}/same:c`,
        folder: folderOf({ ...DIST, 'prod/app.k8s.yaml': DIST['prod/app.k8s.yaml'].replace('app-prod', 'app-prot') }),
        insecure: true,
      });
      expect(changed.digest).not.toBe(one.digest);
      expect(changed.layer.digest).not.toBe(one.layer.digest);
    },
  );

  rtest('pull refuses a layer whose bytes do not match its digest, and leaves the folder as it was', async () => {
    const published = await publishArtifact({
      url: `oci://${reg.host}/tampered:v1`,
      folder: folderOf(DIST),
      insecure: true,
    });
    const blob = reg.blobFile(published.layer.digest);
    const bytes = fs.readFileSync(blob);
    bytes[bytes.length - 20] ^= 0xff; // same size, other bytes
    fs.writeFileSync(blob, bytes);
    const out = folderOf({ 'kept.yaml': 'kept: true\n' });
    const err = await rejection(pullArtifact({ url: `oci://${reg.host}/tampered:v1`, folder: out, insecure: true }));
    expect(err.kind).toBe('integrity');
    expect(err.message).toBe(
      `the layer of ${reg.host}/tampered:v1 has digest ${sha256Digest(bytes)} (${bytes.length} bytes), not the ${published.layer.digest} (${published.layer.size} bytes) of its manifest: refusing to extract it`,
    );
    expect(read(out)).toEqual({ 'kept.yaml': Buffer.from('kept: true\n') });
  });

  rtest('pull by digest refuses a manifest of another digest', async () => {
    const published = await publishArtifact({
      url: `oci://${reg.host}/pinned:v1`,
      folder: folderOf(DIST),
      insecure: true,
      annotations: { 'example.com/note': 'aaaa' },
    });
    const file = reg.blobFile(published.digest);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('aaaa', 'bbbb'));
    const err = await rejection(pullArtifact({ url: `oci://${published.pinned}`, folder: tmp(), insecure: true }));
    expect(err.message).toMatch(
      new RegExp(
        `^the manifest of ${reg.host}/pinned@${published.digest} has digest sha256:[0-9a-f]{64}, not the ${published.digest} asked for: refusing it$`,
      ),
    );
  });

  rtest('pull refuses an artifact with a path outside the folder, extracting nothing', async () => {
    // pushed by hand: a layer whose tar holds ../evil.yaml
    const h = Buffer.alloc(512);
    new Header({ path: '../evil.yaml', type: 'File', mode: 0o644, size: 5, mtime: new Date(0) }).encode(h, 0);
    const layer = zlib.gzipSync(Buffer.concat([h, Buffer.from('evil\n'), Buffer.alloc(507), Buffer.alloc(1024)]));
    const config = Buffer.from('{}');
    const client = new RegistryClient({ registry: reg.host, insecure: true });
    await client.pushBlob('evil', sha256Digest(layer), layer);
    await client.pushBlob('evil', sha256Digest(config), config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: FLUX_CONFIG_MEDIA_TYPE, digest: sha256Digest(config), size: config.length },
        layers: [{ mediaType: FLUX_CONTENT_MEDIA_TYPE, digest: sha256Digest(layer), size: layer.length }],
      }),
    );
    await client.putManifest('evil', 'v1', manifest, 'application/vnd.oci.image.manifest.v1+json');
    const parent = tmp();
    const out = path.join(parent, 'dist');
    const err = await rejection(pullArtifact({ url: `oci://${reg.host}/evil:v1`, folder: out, insecure: true }));
    expect(err.message).toBe(
      `${reg.host}/evil:v1: the path ../evil.yaml climbs out of the folder (..): nothing extracted`,
    );
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  rtest('an unknown repository, an unknown tag', async () => {
    const repo = await rejection(
      pullArtifact({ url: `oci://${reg.host}/nothing/here:v1`, folder: tmp(), insecure: true }),
    );
    expect(repo.kind).toBe('not-found');
    expect(repo.message).toBe(`registry ${reg.host} has no repository nothing/here`);
    await publishArtifact({ url: `oci://${reg.host}/tags:v1`, folder: folderOf(DIST), insecure: true });
    const tag = await rejection(pullArtifact({ url: `oci://${reg.host}/tags:v9`, folder: tmp(), insecure: true }));
    expect(tag.kind).toBe('not-found');
    expect(tag.message).toBe(`repository tags of registry ${reg.host} has no tag v9 (its tags: v1)`);
  });

  rtest('the registry as localhost', async () => {
    const port = reg.host.split(':')[1];
    const published = await publishArtifact({
      url: `oci://localhost:${port}/local:v1`,
      folder: folderOf(DIST),
      insecure: true,
    });
    expect(published.pinned).toBe(`localhost:${port}/local@${published.digest}`);
  });

  rtest('a plain-HTTP registry reached without insecure: the error says so', async () => {
    const err = await rejection(publishArtifact({ url: `oci://${reg.host}/app:v1`, folder: folderOf(DIST) }));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(`cannot reach registry ${reg.host} at https://${reg.host}: `);
    expect(err.message).toMatch(
      /a plain-HTTP registry\? insecure, --insecure on the command line, allows that on this machine only/,
    );
  });
});

describe('errors without a registry', () => {
  test('insecure is refused for a registry that is not on this machine, before anything is sent', async () => {
    const err = await rejection(
      publishArtifact({ url: 'oci://registry.example.com/app:v1', folder: folderOf(DIST), insecure: true }),
    );
    expect(err.kind).toBe('usage');
    expect(err.message).toBe(
      'plain HTTP (insecure) is allowed only for a registry on this machine (localhost, 127.0.0.1, ::1), not registry.example.com: use its HTTPS address',
    );
  });

  test('an unreachable registry', async () => {
    const port = await freePort();
    const err = await rejection(
      publishArtifact({ url: `oci://127.0.0.1:${port}/app:v1`, folder: folderOf(DIST), insecure: true }),
    );
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(
      `cannot reach registry 127.0.0.1:${port} at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  test('publishing needs a tag; a folder that does not exist', async () => {
    await expect(
      publishArtifact({ url: `oci://127.0.0.1:1/app@sha256:${'a'.repeat(64)}`, folder: tmp() }),
    ).rejects.toThrow(/must name a tag to publish to/);
    await expect(publishArtifact({ url: 'oci://127.0.0.1:1/app:v1', folder: '/nonexistent/dist' })).rejects.toThrow(
      '/nonexistent/dist does not exist',
    );
  });
});

describe.each(['htpasswd', 'token'] as const)('a registry with %s authentication', (kind) => {
  // the token service's certificate is made with openssl
  const needed = kind === 'token' ? findRegistryForTests({ openssl: true }) : registry;
  const rtest = registryTestFor(needed, 'test/oci/registry.test.ts');
  let reg: TestRegistry;
  beforeAll(async () => {
    if (needed.path) reg = await startRegistry(binary, { kind, username: 'alice', password: 's3cret' });
  }, 30_000);
  afterAll(async () => reg?.stop());

  rtest('credentials from the docker configuration: push and pull', async () => {
    const config = dockerConfig(reg.host, 'alice', 's3cret');
    const dist = folderOf(DIST);
    const published = await publishArtifact({
      url: `oci://${reg.host}/auth/app:v1`,
      folder: dist,
      insecure: true,
      dockerConfig: config,
    });
    const out = tmp();
    const pulled = await pullArtifact({
      url: `oci://${reg.host}/auth/app:v1`,
      folder: out,
      insecure: true,
      dockerConfig: config,
    });
    expect(pulled.digest).toBe(published.digest);
    expect(read(out)).toEqual(read(dist));
  });

  rtest('credentials from a credential helper (credHelpers: docker-credential-NAME get)', async () => {
    const bin = tmp();
    fs.writeFileSync(
      path.join(bin, 'docker-credential-kctest'),
      '#!/bin/sh\nread host\necho "{\\"ServerURL\\":\\"$host\\",\\"Username\\":\\"alice\\",\\"Secret\\":\\"s3cret\\"}"\n',
      { mode: 0o755 },
    );
    const config = path.join(tmp(), 'config.json');
    fs.writeFileSync(config, JSON.stringify({ credHelpers: { [reg.host]: 'kctest' } }));
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${saved}`;
    try {
      const published = await publishArtifact({
        url: `oci://${reg.host}/helper/app:v1`,
        folder: folderOf(DIST),
        insecure: true,
        dockerConfig: config,
      });
      expect(published.uploaded).toBe(2);
    } finally {
      process.env.PATH = saved;
    }
  });

  rtest('a wrong password: one line naming the registry, the user and where the credentials came from', async () => {
    const config = dockerConfig(reg.host, 'alice', 'wrong');
    const err = await rejection(
      publishArtifact({
        url: `oci://${reg.host}/auth/app:v2`,
        folder: folderOf(DIST),
        insecure: true,
        dockerConfig: config,
      }),
    );
    expect(err.kind).toBe('auth');
    expect(err.message).toBe(
      `registry ${reg.host} refused the credentials of 'alice' from ${config} to push to auth/app (401 Unauthorized)`,
    );
  });

  rtest('no credentials: says where it looked', async () => {
    const config = path.join(tmp(), 'config.json');
    const err = await rejection(
      pullArtifact({ url: `oci://${reg.host}/auth/app:v1`, folder: tmp(), insecure: true, dockerConfig: config }),
    );
    expect(err.kind).toBe('auth');
    expect(err.message).toBe(
      `registry ${reg.host} asks for credentials to pull from auth/app, and there are none for it in ${config} (there is none) (docker login ${reg.host})`,
    );
  });
});
