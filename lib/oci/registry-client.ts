import { CredentialLookup, RegistryCredentials } from './docker-config';
import { OciError } from './errors';
import { isDockerHub, isLoopbackHost } from './reference';

// A small client of the OCI distribution spec (https://github.com/opencontainers/distribution-spec,
// spec.md): what a push and a pull of one artifact need, over Node's fetch. Authentication as
// registries ask for it (WWW-Authenticate): Basic with the credentials, or Bearer with a token
// from the realm the registry names (the docker token protocol), requested with the credentials
// when there are any.

/** Options for `RegistryClient`. */
export interface RegistryClientOptions {
  /** The registry, `host[:port]` (an IPv6 address in brackets). */
  readonly registry: string;
  /**
   * Plain HTTP instead of HTTPS; allowed only for a registry on this machine (localhost,
   * 127.0.0.0/8, ::1).
   *
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * The credentials, looked up when the registry first asks for them.
   *
   * @default - none: anonymous
   */
  readonly credentials?: () => CredentialLookup;
  /**
   * The longest one HTTP request may take, in milliseconds.
   *
   * @default 120000
   */
  readonly timeoutMs?: number;
}

/** A manifest as the registry returned it. */
export interface FetchedManifest {
  /** Its bytes. */
  readonly body: Buffer;
  /** Its media type (the Content-Type of the answer). */
  readonly mediaType: string;
  /**
   * The digest the registry says it has (Docker-Content-Digest).
   *
   * @default - the registry did not say
   */
  readonly registryDigest?: string;
}

type Access = 'pull' | 'pull,push';

interface Request {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  readonly url: string;
  readonly repository: string;
  readonly access: Access;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** What the request does, for messages: `push to team/app`. */
  readonly what: string;
}

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** The blobs and manifests of one registry. */
export class RegistryClient {
  /** `https://host[:port]` (or `http://` when insecure). */
  public readonly baseUrl: string;
  private readonly registry: string;
  private readonly timeoutMs: number;
  private readonly lookup: () => CredentialLookup;
  private found: CredentialLookup | undefined;
  private basic = false;
  private readonly tokens = new Map<string, string>();

  public constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    const hostname = options.registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (options.insecure && !isLoopbackHost(hostname)) {
      throw new OciError(
        `plain HTTP (insecure) is allowed only for a registry on this machine (localhost, 127.0.0.1, ::1), not ${options.registry}: use its HTTPS address`,
        'usage',
      );
    }
    const host = isDockerHub(hostname) ? 'registry-1.docker.io' : options.registry;
    this.baseUrl = `${options.insecure ? 'http' : 'https'}://${host}`;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.lookup = options.credentials ?? (() => ({ searched: 'no credentials were given' }));
  }

  /** Whether the repository has the blob. */
  public async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.send({
      method: 'HEAD',
      url: `${this.baseUrl}/v2/${repository}/blobs/${digest}`,
      repository,
      access: 'pull,push',
      what: `push to ${repository}`,
    });
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw await this.failure(res, `check for blob ${digest} in ${repository}`, repository);
  }

  /** Uploads a blob in one piece (POST for an upload URL, then one PUT with the digest). */
  public async pushBlob(repository: string, digest: string, data: Buffer): Promise<void> {
    const what = `push to ${repository}`;
    const started = await this.send({
      method: 'POST',
      url: `${this.baseUrl}/v2/${repository}/blobs/uploads/`,
      repository,
      access: 'pull,push',
      what,
    });
    if (started.status !== 202)
      throw await this.failure(started, `start the upload of ${digest} to ${repository}`, repository);
    await started.arrayBuffer();
    const location = started.headers.get('location');
    if (!location)
      throw new OciError(`registry ${this.registry} started an upload to ${repository} without a Location`, 'registry');
    const url = new URL(location, `${this.baseUrl}/`);
    url.searchParams.set('digest', digest);
    const done = await this.send({
      method: 'PUT',
      url: url.toString(),
      repository,
      access: 'pull,push',
      headers: { 'content-type': 'application/octet-stream' },
      body: data,
      what,
    });
    if (done.status !== 201) throw await this.failure(done, `upload ${digest} to ${repository}`, repository);
    await done.arrayBuffer();
  }

  /** Stores a manifest under `reference` (a tag or its digest); returns the digest the registry reports, if any. */
  public async putManifest(
    repository: string,
    reference: string,
    body: Buffer,
    mediaType: string,
  ): Promise<string | undefined> {
    const res = await this.send({
      method: 'PUT',
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      repository,
      access: 'pull,push',
      headers: { 'content-type': mediaType },
      body,
      what: `push to ${repository}`,
    });
    if (res.status !== 201) throw await this.failure(res, `store the manifest ${repository}:${reference}`, repository);
    await res.arrayBuffer();
    return res.headers.get('docker-content-digest') ?? undefined;
  }

  /** The manifest of `reference` (a tag or a digest). */
  public async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const res = await this.send({
      method: 'GET',
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      repository,
      access: 'pull',
      headers: { accept: MANIFEST_ACCEPT },
      what: `pull from ${repository}`,
    });
    if (res.status === 404) {
      // distribution answers MANIFEST_UNKNOWN for a repository it does not have too: ask for its tags
      await res.arrayBuffer().catch(() => undefined);
      const tags = await this.tags(repository);
      if (tags === undefined)
        throw new OciError(`registry ${this.registry} has no repository ${repository}`, 'not-found');
      const what = reference.startsWith('sha256:') ? `manifest ${reference}` : `tag ${reference}`;
      const some = tags.length > 10 ? `${tags.slice(0, 10).join(', ')}, ...` : tags.join(', ') || 'none';
      throw new OciError(
        `repository ${repository} of registry ${this.registry} has no ${what} (its tags: ${some})`,
        'not-found',
      );
    }
    if (res.status !== 200)
      throw await this.failure(
        res,
        `get the manifest ${repository}${reference.includes(':') ? '@' : ':'}${reference}`,
        repository,
      );
    const body = Buffer.from(await res.arrayBuffer());
    const digest = res.headers.get('docker-content-digest');
    return {
      body,
      mediaType: (res.headers.get('content-type') ?? '').split(';')[0].trim(),
      ...(digest ? { registryDigest: digest } : {}),
    };
  }

  /** The repository's tags (sorted), or `undefined` when the registry has no such repository. */
  public async tags(repository: string): Promise<string[] | undefined> {
    const res = await this.send({
      method: 'GET',
      url: `${this.baseUrl}/v2/${repository}/tags/list`,
      repository,
      access: 'pull',
      what: `pull from ${repository}`,
    });
    if (res.status === 404) {
      await res.arrayBuffer().catch(() => undefined);
      return undefined;
    }
    if (res.status !== 200) throw await this.failure(res, `list the tags of ${repository}`, repository);
    const answer = (await res.json().catch(() => ({}))) as { tags?: string[] | null };
    return [...(answer.tags ?? [])].sort();
  }

  /** The bytes of a blob, at most `maxBytes` of them. */
  public async getBlob(repository: string, digest: string, maxBytes: number): Promise<Buffer> {
    const res = await this.send({
      method: 'GET',
      url: `${this.baseUrl}/v2/${repository}/blobs/${digest}`,
      repository,
      access: 'pull',
      what: `pull from ${repository}`,
    });
    if (res.status !== 200) throw await this.failure(res, `get the blob ${digest} of ${repository}`, repository);
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > maxBytes) {
      await res.body?.cancel();
      throw new OciError(
        `the blob ${digest} of ${repository} is ${length} bytes, more than the ${maxBytes} allowed`,
        'integrity',
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        size += (chunk as Uint8Array).length;
        if (size > maxBytes) {
          await res.body.cancel().catch(() => undefined);
          throw new OciError(
            `the blob ${digest} of ${repository} is more than the ${maxBytes} bytes allowed`,
            'integrity',
          );
        }
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
    }
    return Buffer.concat(chunks);
  }

  /** Sends the request with what authorization there is; answers a 401 once by authenticating as the registry asks. */
  private async send(req: Request): Promise<Response> {
    const scope = `repository:${req.repository}:${req.access}`;
    const first = await this.fetchOnce(req, this.authorization(scope));
    if (first.status !== 401) return first;
    const challenge = first.headers.get('www-authenticate') ?? '';
    await first.arrayBuffer().catch(() => undefined);
    const authorization = await this.authenticate(challenge, scope, req);
    const second = await this.fetchOnce(req, authorization);
    if (second.status !== 401) return second;
    await second.arrayBuffer().catch(() => undefined);
    throw this.refused(req, second);
  }

  private authorization(scope: string): string | undefined {
    const token = this.tokens.get(scope);
    if (token) return `Bearer ${token}`;
    const creds = this.basic ? this.credentials().credentials : undefined;
    return creds ? basicAuthorization(creds) : undefined;
  }

  private credentials(): CredentialLookup {
    this.found ??= this.lookup();
    return this.found;
  }

  private async authenticate(challenge: string, scope: string, req: Request): Promise<string | undefined> {
    const { scheme, params } = parseChallenge(challenge);
    const lookup = this.credentials();
    const creds = lookup.credentials;
    if (scheme === 'basic') {
      if (!creds) throw this.needsCredentials(req, lookup);
      this.basic = true;
      return basicAuthorization(creds);
    }
    if (scheme !== 'bearer' || !params.realm) {
      throw new OciError(
        `registry ${this.registry} asks for an authentication kubecraft does not speak (WWW-Authenticate: ${challenge || 'none'})`,
        'auth',
      );
    }
    let realm: URL;
    try {
      realm = new URL(params.realm);
    } catch {
      throw new OciError(`registry ${this.registry} names a token realm that is not a URL: ${params.realm}`, 'auth');
    }
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopbackHost(realm.hostname))) {
      throw new OciError(
        `registry ${this.registry} sends for tokens to ${realm.origin}, which is not HTTPS: kubecraft sends no credentials there`,
        'auth',
      );
    }
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.append('scope', scope);
    let res: Response;
    try {
      res = await fetch(realm, {
        headers: { ...(creds ? { authorization: basicAuthorization(creds) } : {}), 'user-agent': USER_AGENT },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new OciError(
        `cannot reach the token service ${realm.origin} of registry ${this.registry}: ${describeFetchError(err)}`,
        'unreachable',
      );
    }
    if (res.status === 401 || res.status === 403) {
      await res.arrayBuffer().catch(() => undefined);
      if (!creds) throw this.needsCredentials(req, lookup);
      throw this.refused(req, res);
    }
    if (res.status !== 200) throw await this.failure(res, `get a token from ${realm.origin}`);
    const answer = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const token = answer.token ?? answer.access_token;
    if (!token)
      throw new OciError(
        `the token service ${realm.origin} of registry ${this.registry} answered without a token`,
        'auth',
      );
    this.tokens.set(scope, token);
    return `Bearer ${token}`;
  }

  private async fetchOnce(req: Request, authorization: string | undefined): Promise<Response> {
    // credentials and tokens go to the registry only, never to another host it points to (an
    // upload URL elsewhere); fetch itself drops them on a redirect to another origin
    const own = new URL(req.url).origin === new URL(this.baseUrl).origin;
    try {
      return await fetch(req.url, {
        method: req.method,
        headers: { ...req.headers, ...(authorization && own ? { authorization } : {}), 'user-agent': USER_AGENT },
        // a Uint8Array over its own ArrayBuffer: what fetch's BodyInit takes in every lib setting
        ...(req.body ? { body: new Uint8Array(req.body) } : {}),
        redirect: 'follow',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const why = describeFetchError(err);
      const plain =
        !this.baseUrl.startsWith('http:') && /wrong version number|EPROTO|packet length too long|SSL/i.test(why)
          ? ' (a plain-HTTP registry? insecure, --insecure on the command line, allows that on this machine only)'
          : '';
      throw new OciError(`cannot reach registry ${this.registry} at ${this.baseUrl}: ${why}${plain}`, 'unreachable');
    }
  }

  private needsCredentials(req: Request, lookup: CredentialLookup): OciError {
    return new OciError(
      `registry ${this.registry} asks for credentials to ${req.what}, and there are none for it in ${lookup.searched} (docker login ${this.registry})`,
      'auth',
    );
  }

  private refused(req: Request, res: Response): OciError {
    const lookup = this.credentials();
    const creds = lookup.credentials;
    if (!creds) return this.needsCredentials(req, lookup);
    const who = `the credentials of '${creds.username}' from ${creds.source ?? 'the credentials given'}`;
    return new OciError(
      `registry ${this.registry} refused ${who} to ${req.what} (${res.status} ${res.statusText || 'Unauthorized'})`,
      'auth',
    );
  }

  private async failure(res: Response, what: string, repository?: string): Promise<OciError> {
    const text = await res.text().catch(() => '');
    let codes: { code?: string; message?: string }[] = [];
    try {
      codes = (JSON.parse(text) as { errors?: { code?: string; message?: string }[] }).errors ?? [];
    } catch {
      // not the spec's error body
    }
    const code = codes[0]?.code;
    const said = codes.map((c) => [c.code, c.message].filter(Boolean).join(': ')).join('; ');
    const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    if (res.status === 404 && code === 'NAME_UNKNOWN' && repository)
      return new OciError(`registry ${this.registry} has no repository ${repository}`, 'not-found');
    if (res.status === 404)
      return new OciError(`registry ${this.registry}: cannot ${what}: not found (${said || status})`, 'not-found');
    if (res.status === 403) {
      const creds = this.credentials().credentials;
      const who = creds
        ? `'${creds.username}' (from ${creds.source ?? 'the credentials given'})`
        : `anonymous access (docker login ${this.registry})`;
      return new OciError(`registry ${this.registry} denied ${who}: cannot ${what} (${said || status})`, 'auth');
    }
    return new OciError(`registry ${this.registry}: cannot ${what}: ${status}${said ? ` (${said})` : ''}`, 'registry');
  }
}

const USER_AGENT = 'kubecraft';

function basicAuthorization(creds: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
}

/** The scheme (lower case) and parameters of a WWW-Authenticate header's first challenge. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(.*)$/s.exec(header);
  if (!m) return { scheme: '', params: {} };
  const params: Record<string, string> = {};
  const re = /([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let p = re.exec(m[2]); p; p = re.exec(m[2])) {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}

function describeFetchError(err: unknown): string {
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError') return 'no answer in time';
  const cause = e.cause;
  if (cause) {
    const inner = (cause as Error & { errors?: Error[] }).errors?.[0];
    const message = inner?.message ?? cause.message;
    return cause.code && !message.includes(cause.code) ? `${cause.code}: ${message}` : message;
  }
  return e.message;
}
