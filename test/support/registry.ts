// A real OCI registry for the tests: the CNCF distribution registry (Debian's docker-registry
// package, /usr/bin/docker-registry; .ci/run installs it), started on a free loopback port with
// its storage in a temporary folder, anonymous, with htpasswd (basic) authentication, or with
// token authentication (a bearer token from a token service these tests run, signed with a key
// whose self-signed certificate, made by openssl, is the registry's root certificate).
// Where the binary is missing the tests that need it are skipped visibly (their names start
// with 'SKIPPED, no docker-registry:'); under CI (CI set, or KUBECRAFT_REQUIRE_REGISTRY=1) a
// failing test takes their place instead.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { createSign, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { hashSync } from 'bcryptjs';

/** Where the registry binary is, or why there is none. */
export interface RegistryForTests {
  /** The docker-registry executable, when there is one (and openssl, when it was asked for). */
  readonly path?: string;
  /** What is missing, for the names of skipped tests: `docker-registry` or `openssl`. */
  readonly missing?: string;
  /** Why it is missing. */
  readonly reason?: string;
  /** Whether a missing registry fails the tests (CI, or KUBECRAFT_REQUIRE_REGISTRY=1). */
  readonly required: boolean;
}

/**
 * `$KUBECRAFT_DOCKER_REGISTRY`, else `docker-registry` from the PATH, else
 * /usr/bin/docker-registry; with `openssl`, openssl from the PATH too (the token-auth registry's
 * certificate is made with it).
 */
export function findRegistryForTests(options: { readonly openssl?: boolean } = {}): RegistryForTests {
  const required = process.env.KUBECRAFT_REQUIRE_REGISTRY === '1' || Boolean(process.env.CI);
  const onPath = (name: string) => (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, name));
  const executable = (c: string) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return fs.statSync(c).isFile();
    } catch {
      return false;
    }
  };
  const candidates = [process.env.KUBECRAFT_DOCKER_REGISTRY, ...onPath('docker-registry'), '/usr/bin/docker-registry'];
  const found = candidates.filter((c): c is string => Boolean(c)).find(executable);
  if (!found) {
    const reason = 'docker-registry is not installed (apt-get install docker-registry)';
    return { missing: 'docker-registry', reason, required };
  }
  if (options.openssl && !onPath('openssl').some(executable))
    return { missing: 'openssl', reason: 'openssl is not installed (apt-get install openssl)', required };
  return { path: found, required };
}

/**
 * `test` when the registry is there; otherwise a visible skip naming the reason, or, under CI,
 * a test that fails with the reason.
 */
export function registryTestFor(
  registry: RegistryForTests,
  file: string,
): (name: string, fn: jest.ProvidesCallback, timeout?: number) => void {
  if (registry.path) return (name, fn, timeout) => test(name, fn, timeout);
  const why = `${registry.reason} (see README, Publishing dist/ as an OCI artifact)`;
  if (registry.required) {
    return (name) =>
      test(name, () => {
        throw new Error(`CI or KUBECRAFT_REQUIRE_REGISTRY=1, but ${why}`);
      });
  }
  console.log(`${file}: registry tests skipped: ${why}`);
  return (name) => test.skip(`SKIPPED, no ${registry.missing}: ${name}`, () => undefined);
}

/** How the registry authenticates. */
export type RegistryAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'htpasswd'; readonly username: string; readonly password: string }
  | { readonly kind: 'token'; readonly username: string; readonly password: string };

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  /** The folder the registry stores blobs in (`docker/registry/v2/...`). */
  readonly storage: string;
  /** The path of a blob's data file in the storage. */
  blobFile(digest: string): string;
  /** What the registry printed so far (for failures). */
  log(): string;
  /** Stops the registry (and the token service) and removes its folders. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a registry on a free loopback port and waits until it answers. */
export async function startRegistry(binary: string, auth: RegistryAuth = { kind: 'none' }): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-registry-'));
  const storage = path.join(dir, 'storage');
  fs.mkdirSync(storage);
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  let tokenService: http.Server | undefined;
  let authYaml = '';
  if (auth.kind === 'htpasswd') {
    const file = path.join(dir, 'htpasswd');
    // bcryptjs (pure JavaScript) writes the $2y$ hashes distribution's htpasswd reader accepts;
    // cost 4 keeps each request's check fast
    fs.writeFileSync(file, `${auth.username}:${hashSync(auth.password, 4).replace(/^\$2[ab]\$/, '$2y$')}\n`);
    authYaml = `auth:\n  htpasswd:\n    realm: kubecraft-test\n    path: ${file}\n`;
  } else if (auth.kind === 'token') {
    const started = await startTokenService(dir, auth);
    tokenService = started.server;
    authYaml = [
      'auth:',
      '  token:',
      `    realm: http://127.0.0.1:${started.port}/token`,
      '    service: kubecraft-test-registry',
      '    issuer: kubecraft-test-issuer',
      `    rootcertbundle: ${started.certFile}`,
      '',
    ].join('\n');
  }
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${storage}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${host}`,
      `  secret: ${randomBytes(16).toString('hex')}`,
      authYaml,
    ].join('\n'),
  );
  // the registry reads REGISTRY_* variables over its configuration file: none of the caller's
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REGISTRY_')));
  const child: ChildProcess = spawn(binary, ['serve', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const stop = async () => {
    if (exited === undefined) {
      let timer: NodeJS.Timeout | undefined;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
      if (exited === undefined) child.kill('SIGKILL');
    }
    tokenService?.closeAllConnections();
    await new Promise((resolve) => (tokenService ? tokenService.close(resolve) : resolve(undefined)));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`docker-registry exited (${exited}) at start:\n${output}`);
    }
    try {
      const res = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not answer on ${host} within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host,
    storage,
    blobFile: (digest) => {
      const hex = digest.replace(/^sha256:/, '');
      return path.join(storage, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    },
    log: () => output,
    stop,
  };
}

/**
 * The docker token protocol's token service, as the registry's `auth: token:` expects it: GET
 * /token?service=&scope=repository:NAME:ACTIONS with the user's basic credentials answers a JWT
 * (RS256, its certificate in the x5c header) granting the actions asked for; wrong credentials
 * get a 401.
 */
async function startTokenService(
  dir: string,
  auth: { readonly username: string; readonly password: string },
): Promise<{ server: http.Server; port: number; certFile: string }> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=kubecraft-test-token',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0)
    throw new Error(`openssl could not make the token certificate: ${made.error?.message ?? made.stderr}`);
  const key = fs.readFileSync(keyFile, 'utf8');
  const der = fs
    .readFileSync(certFile, 'utf8')
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = req.headers.authorization ?? '';
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (url.pathname !== '/token' || given !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ details: 'wrong credentials' }));
      return;
    }
    const access = url.searchParams.getAll('scope').map((scope) => {
      const [type, ...rest] = scope.split(':');
      const actions = rest.pop() ?? '';
      return { type, name: rest.join(':'), actions: actions.split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der] }));
    const claims = b64url(
      JSON.stringify({
        iss: 'kubecraft-test-issuer',
        sub: auth.username,
        aud: url.searchParams.get('service'),
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString('hex'),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${header}.${claims}.${b64url(signature)}`, expires_in: 300 }));
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
  return { server, port, certFile };
}
