// The artifact itself, without a registry: the deterministic tar.gz, the manifest in Flux's
// layout, what extraction refuses, references, docker credentials and git provenance.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { Header, Parser, Pax, ReadEntry } from 'tar';
import {
  ArtifactFile,
  buildArtifact,
  deterministicTarGz,
  extractLayer,
  FLUX_CONFIG_MEDIA_TYPE,
  FLUX_CONTENT_MEDIA_TYPE,
  readArtifactFiles,
  sha256Digest,
} from '../../lib/oci/artifact';
import { dockerCredentials } from '../../lib/oci/docker-config';
import { OciError } from '../../lib/oci/errors';
import { gitProvenance, withoutCredentials } from '../../lib/oci/git';
import { formatReference, isLoopbackHost, parseOciReference } from '../../lib/oci/reference';
import { parseChallenge } from '../../lib/oci/registry-client';

const file = (p: string, text: string): ArtifactFile => ({ path: p, content: Buffer.from(text) });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kc-oci-'));

const FILES = [
  file('Kustomization', 'resources: [a.k8s.yaml]\n'),
  file('a.k8s.yaml', 'kind: ConfigMap\n'),
  file('setup/Kustomization', 'resources: [ns.k8s.yaml]\n'),
  file('setup/ns.k8s.yaml', 'kind: Namespace\n'),
  file('prod/app.k8s.yaml', 'kind: Deployment\n'),
  file(`prod/${'long-name-'.repeat(12)}.k8s.yaml`, 'kind: Service\n'),
];

/** The entries of a tar, with the header fields that must be fixed. */
function entriesOf(tarGz: Buffer) {
  const out: {
    path: string;
    type: string;
    mode: number;
    uid: number;
    gid: number;
    uname: string;
    gname: string;
    mtime: number;
    size: number;
  }[] = [];
  const parser = new Parser({
    onReadEntry: (e: ReadEntry) => {
      out.push({
        path: e.path,
        type: e.type,
        mode: e.mode ?? -1,
        uid: e.uid ?? -1,
        gid: e.gid ?? -1,
        uname: e.uname ?? '',
        gname: e.gname ?? '',
        mtime: e.mtime?.getTime() ?? -1,
        size: e.size ?? 0,
      });
      e.resume();
    },
  });
  parser.end(zlib.gunzipSync(tarGz));
  return out;
}

describe('the layer: a deterministic tar.gz', () => {
  test('the same files give the same bytes, whatever their order', () => {
    const a = deterministicTarGz(FILES);
    const b = deterministicTarGz([...FILES].reverse());
    expect(b.equals(a)).toBe(true);
  });

  test('sorted entries, a folder before what it holds, fixed modes, owner and time', () => {
    const entries = entriesOf(deterministicTarGz(FILES));
    expect(entries.map((e) => e.path)).toEqual([
      'Kustomization',
      'a.k8s.yaml',
      'prod/',
      'prod/app.k8s.yaml',
      `prod/${'long-name-'.repeat(12)}.k8s.yaml`,
      'setup/',
      'setup/Kustomization',
      'setup/ns.k8s.yaml',
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({ uid: 0, gid: 0, uname: '', gname: '', mtime: 0 });
      expect(e.mode).toBe(e.type === 'Directory' ? 0o755 : 0o644);
    }
  });

  test('gzip without a name or a time, and the OS byte "unknown"', () => {
    const gz = deterministicTarGz(FILES);
    expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // deflate, no FNAME/FCOMMENT/FHCRC
    expect(gz.readUInt32LE(4)).toBe(0); // MTIME
    expect(gz[9]).toBe(255);
  });

  test('a changed byte gives another layer', () => {
    const changed = FILES.map((f) => (f.path === 'a.k8s.yaml' ? file(f.path, 'kind: ConfigMaq\n') : f));
    expect(sha256Digest(deterministicTarGz(changed))).not.toBe(sha256Digest(deterministicTarGz(FILES)));
  });

  test('read from disk: file modes and times do not matter', () => {
    const one = tmp();
    const two = tmp();
    for (const f of FILES) {
      for (const [dir, mode] of [
        [one, 0o644],
        [two, 0o600],
      ] as const) {
        fs.mkdirSync(path.join(dir, path.dirname(f.path)), { recursive: true });
        fs.writeFileSync(path.join(dir, f.path), f.content, { mode });
      }
    }
    fs.utimesSync(path.join(two, 'a.k8s.yaml'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(deterministicTarGz(readArtifactFiles(two)).equals(deterministicTarGz(readArtifactFiles(one)))).toBe(true);
  });

  test('a symbolic link in the folder is refused, naming it', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'link.yaml'));
    expect(() => readArtifactFiles(dir)).toThrow(/link\.yaml is not a regular file/);
    expect(() => readArtifactFiles(path.join(dir, 'missing'))).toThrow(/does not exist/);
  });
});

describe("the artifact: Flux's layout", () => {
  test('an OCI manifest: one layer of the Flux content type, the Flux config type, sorted annotations', () => {
    const a = buildArtifact(FILES, { 'org.opencontainers.image.source': 'https://x/y.git', 'a.b': 'c' });
    const manifest = JSON.parse(a.manifest.toString());
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: FLUX_CONFIG_MEDIA_TYPE, digest: sha256Digest(a.config), size: a.config.length },
      layers: [{ mediaType: FLUX_CONTENT_MEDIA_TYPE, digest: sha256Digest(a.layer), size: a.layer.length }],
      annotations: { 'a.b': 'c', 'org.opencontainers.image.source': 'https://x/y.git' },
    });
    expect(Object.keys(manifest.annotations)).toEqual(['a.b', 'org.opencontainers.image.source']);
    expect(a.digest).toBe(sha256Digest(a.manifest));
    // the config names the uncompressed layer's digest, as go-containerregistry's does
    expect(JSON.parse(a.config.toString()).rootfs).toEqual({
      type: 'layers',
      diff_ids: [sha256Digest(zlib.gunzipSync(a.layer))],
    });
  });

  test('the same files and annotations give the same digest; another annotation another one', () => {
    expect(buildArtifact([...FILES].reverse(), { x: '1' }).digest).toBe(buildArtifact(FILES, { x: '1' }).digest);
    expect(buildArtifact(FILES, { x: '2' }).digest).not.toBe(buildArtifact(FILES, { x: '1' }).digest);
  });
});

/** A gzipped tar of raw entries, for what extraction must refuse. */
function rawTarGz(
  entries: { path: string; type?: 'File' | 'SymbolicLink' | 'Link'; body?: string; linkpath?: string }[],
): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512);
    const fields = {
      path: e.path,
      type: e.type ?? 'File',
      mode: 0o644,
      size: body.length,
      mtime: new Date(0),
      linkpath: e.linkpath ?? '',
    };
    if (new Header(fields).encode(h, 0)) blocks.push(new Pax({ path: e.path }).encode());
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(blocks));
}

describe('extraction refuses what could escape the folder', () => {
  test('round trip: the files, byte for byte; ./ prefixes are dropped', async () => {
    expect(await extractLayer(deterministicTarGz(FILES))).toEqual(
      [...FILES]
        .sort((a, b) => (a.path < b.path ? -1 : 1))
        .map((f) => ({ path: f.path, content: Buffer.from(f.content) })),
    );
    expect((await extractLayer(rawTarGz([{ path: './a.yaml', body: 'a' }]))).map((f) => f.path)).toEqual(['a.yaml']);
  });

  test.each([
    ['../evil.yaml', /climbs out of the folder/],
    ['a/../../evil.yaml', /climbs out of the folder/],
    ['/etc/evil.yaml', /is absolute/],
    ['a\\..\\evil.yaml', /backslash/],
  ])('%s', async (name, message) => {
    await expect(extractLayer(rawTarGz([{ path: name, body: 'x' }]))).rejects.toThrow(message);
  });

  test('links and devices, the same path twice, a file that is also a folder, too many bytes', async () => {
    await expect(
      extractLayer(rawTarGz([{ path: 'l', type: 'SymbolicLink', linkpath: '/etc/passwd' }])),
    ).rejects.toThrow(/entry l is a SymbolicLink: only files and folders/);
    await expect(extractLayer(rawTarGz([{ path: 'h', type: 'Link', linkpath: 'x' }]))).rejects.toThrow(/is a Link/);
    await expect(extractLayer(rawTarGz([{ path: 'a' }, { path: 'a' }]))).rejects.toThrow(/holds a twice/);
    await expect(extractLayer(rawTarGz([{ path: 'a' }, { path: 'a/b' }]))).rejects.toThrow(/a as a file and a folder/);
    await expect(extractLayer(rawTarGz([{ path: 'a', body: 'x'.repeat(100) }]), { maxBytes: 10 })).rejects.toThrow(
      /more than 10 bytes/,
    );
    await expect(extractLayer(Buffer.from('not gzip'))).rejects.toThrow(/not gzip data/);
  });
});

describe('references', () => {
  test.each([
    [
      'oci://127.0.0.1:5000/app:v1',
      { registry: '127.0.0.1:5000', hostname: '127.0.0.1', repository: 'app', tag: 'v1' },
    ],
    ['oci://ghcr.io/team/app/prod:1.2.3', { registry: 'ghcr.io', repository: 'team/app/prod', tag: '1.2.3' }],
    ['oci://[::1]:5000/a/b:latest', { registry: '[::1]:5000', hostname: '::1', repository: 'a/b', tag: 'latest' }],
    ['oci://localhost:5000/a@sha256:' + 'a'.repeat(64), { repository: 'a', digest: 'sha256:' + 'a'.repeat(64) }],
    ['oci://docker.io/nginx:1', { repository: 'library/nginx' }],
    ['oci://registry.example.com/app', { repository: 'app' }],
  ])('%s', (url, expected) => {
    expect(parseOciReference(url)).toMatchObject(expected);
  });

  test.each([
    ['https://ghcr.io/app:v1', /write it as oci:\/\//],
    ['oci://ghcr.io', /no repository/],
    ['oci://ghcr.io/App:v1', /'App'/],
    ['oci://ghcr.io/app:v 1', /the tag/],
    ['oci://ghcr.io/app@sha256:abc', /the digest must be sha256/],
    ['oci://host:99999/app:v1', /not a registry host/],
  ])('%s is refused', (url, message) => {
    expect(() => parseOciReference(url)).toThrow(message);
    expect(() => parseOciReference(url)).toThrow(OciError);
  });

  test('formatReference', () => {
    const ref = parseOciReference('oci://127.0.0.1:5000/app:v1');
    expect(formatReference(ref)).toBe('127.0.0.1:5000/app:v1');
    expect(formatReference(ref, 'sha256:00')).toBe('127.0.0.1:5000/app@sha256:00');
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
    ['::2', false],
    ['registry.example.com', false],
  ])('loopback %s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('credentials from the docker configuration', () => {
  const config = (json: unknown) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(json));
    return path.join(dir, 'config.json');
  };
  const auth = (u: string, p: string) => Buffer.from(`${u}:${p}`).toString('base64');

  test('auths: base64 auth, or username and password; keys with a scheme and a path', () => {
    const file = config({
      auths: {
        '127.0.0.1:5000': { auth: auth('alice', 'pa:ss') },
        'https://ghcr.io': { username: 'bob', password: 'token' },
        'https://index.docker.io/v1/': { auth: auth('carol', 'x') },
      },
    });
    expect(dockerCredentials('127.0.0.1:5000', file).credentials).toEqual({
      username: 'alice',
      password: 'pa:ss',
      source: file,
    });
    expect(dockerCredentials('ghcr.io', file).credentials).toMatchObject({ username: 'bob', password: 'token' });
    expect(dockerCredentials('docker.io', file).credentials).toMatchObject({ username: 'carol' });
    expect(dockerCredentials('127.0.0.1:5001', file)).toEqual({ searched: file });
  });

  test('no configuration: says where it looked', () => {
    expect(dockerCredentials('ghcr.io', '/nonexistent/config.json').searched).toBe(
      '/nonexistent/config.json (there is none)',
    );
  });

  test('an identity token is refused, saying why', () => {
    const file = config({ auths: { 'x.azurecr.io': { identitytoken: 'abc' } } });
    expect(() => dockerCredentials('x.azurecr.io', file)).toThrow(/identity token \(OAuth2\)/);
  });

  test('credential helpers (credHelpers, credsStore): docker-credential-NAME get', () => {
    const bin = tmp();
    const helper = path.join(bin, 'docker-credential-kctest');
    fs.writeFileSync(
      helper,
      '#!/bin/sh\nread host\nif [ "$host" = "127.0.0.1:5000" ]; then echo \'{"ServerURL":"x","Username":"dave","Secret":"s3"}\'; else echo "credentials not found in native keychain"; exit 1; fi\n',
      { mode: 0o755 },
    );
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${saved}`;
    try {
      const helpers = config({ credHelpers: { '127.0.0.1:5000': 'kctest' } });
      expect(dockerCredentials('127.0.0.1:5000', helpers).credentials).toEqual({
        username: 'dave',
        password: 's3',
        source: `docker-credential-kctest (credHelpers of ${helpers})`,
      });
      const store = config({ credsStore: 'kctest', auths: { 'ghcr.io': { auth: auth('erin', 'y') } } });
      expect(dockerCredentials('127.0.0.1:5000', store).credentials?.username).toBe('dave');
      expect(dockerCredentials('ghcr.io', store).credentials?.username).toBe('erin'); // not in the store: auths
      const missing = config({ credHelpers: { 'ghcr.io': 'nonexistent-helper' } });
      expect(() => dockerCredentials('ghcr.io', missing)).toThrow(
        /docker-credential-nonexistent-helper .* is not on the PATH/,
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('git provenance and the rest', () => {
  test('outside git: no revision, and why', () => {
    expect(gitProvenance(tmp())).toEqual({ dirty: false, missing: 'not in a git repository' });
  });

  test('in git: the remote without credentials, <branch>@sha1:<commit>, the commit time', () => {
    const dir = tmp();
    const git = (...args: string[]) =>
      spawnSync('git', ['-C', dir, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_COMMITTER_DATE: '2024-05-01T12:00:00+02:00',
          GIT_AUTHOR_DATE: '2024-05-01T12:00:00+02:00',
        },
      }).stdout.trim();
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', 'https://user:secret@example.com/team/app.git');
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'one');
    const commit = git('rev-parse', 'HEAD');
    expect(gitProvenance(dir)).toEqual({
      source: 'https://example.com/team/app.git',
      revision: `main@sha1:${commit}`,
      created: '2024-05-01T10:00:00Z',
      dirty: false,
    });
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 2\n');
    expect(gitProvenance(dir).dirty).toBe(true);
  });

  test('withoutCredentials keeps ssh users and scp-like addresses', () => {
    expect(withoutCredentials('https://x:y@github.com/a/b.git')).toBe('https://github.com/a/b.git');
    expect(withoutCredentials('ssh://git@github.com/a/b.git')).toBe('ssh://git@github.com/a/b.git');
    expect(withoutCredentials('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
  });

  test('WWW-Authenticate challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a:pull' },
    });
    expect(parseChallenge('Basic realm="kubecraft-test"')).toEqual({
      scheme: 'basic',
      params: { realm: 'kubecraft-test' },
    });
  });
});
