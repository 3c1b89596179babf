import { isIPv6 } from 'net';
import { OciError } from './errors';

/** An artifact's address, from `oci://REGISTRY/REPOSITORY:TAG` or `oci://REGISTRY/REPOSITORY@sha256:...`. */
export interface OciReference {
  /** The registry as written: host and optional port (an IPv6 address in brackets), e.g. `127.0.0.1:5000`. */
  readonly registry: string;
  /** The registry's host name or address, lower case, without port or brackets. */
  readonly hostname: string;
  /** The repository inside the registry, e.g. `team/app` (Docker Hub's one-part names get `library/`). */
  readonly repository: string;
  /**
   * The tag.
   *
   * @default - none (a digest is given instead)
   */
  readonly tag?: string;
  /**
   * The manifest digest, `sha256:` and 64 hex digits.
   *
   * @default - none (a tag is given instead)
   */
  readonly digest?: string;
}

const SCHEME = 'oci://';
// the distribution spec's grammar (https://github.com/opencontainers/distribution-spec, "Pulling manifests")
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;
const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Parses an artifact address as Flux writes it (`oci://ghcr.io/team/app:v1`, or pinned,
 * `oci://ghcr.io/team/app@sha256:...`); a malformed one throws an `OciError` of kind `usage`
 * saying which part is wrong.
 */
export function parseOciReference(url: string): OciReference {
  const bad = (why: string) => new OciError(`'${url}' is not an artifact address: ${why}`, 'usage');
  if (!url.startsWith(SCHEME)) throw bad(`write it as oci://REGISTRY/REPOSITORY:TAG`);
  let rest = url.slice(SCHEME.length);
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!SHA256.test(digest)) throw bad(`the digest must be sha256: and 64 lower-case hex digits (not '${digest}')`);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) throw bad('no repository after the registry (oci://REGISTRY/REPOSITORY:TAG)');
  const registry = rest.slice(0, slash);
  let name = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`the tag '${tag}' has characters a tag cannot have (letters, digits, _ . -)`);
  }
  const hostname = hostnameOf(registry);
  if (hostname === undefined) throw bad(`'${registry}' is not a registry host (HOST or HOST:PORT)`);
  const parts = name.split('/');
  const wrong = parts.find((p) => !PATH_COMPONENT.test(p));
  if (wrong !== undefined) {
    throw bad(
      `the repository '${name}' has a part ('${wrong}') that is not lower-case letters and digits separated by . _ __ or -`,
    );
  }
  const repository = isDockerHub(hostname) && parts.length === 1 ? `library/${name}` : name;
  return {
    registry,
    hostname,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** `REGISTRY/REPOSITORY:TAG`, or `REGISTRY/REPOSITORY@DIGEST` when the reference (or `digest`) has a digest. */
export function formatReference(ref: OciReference, digest: string | undefined = ref.digest): string {
  const name = `${ref.registry}/${ref.repository}`;
  return digest ? `${name}@${digest}` : `${name}:${ref.tag ?? 'latest'}`;
}

/**
 * Whether `hostname` is this machine: `localhost`, an address in 127.0.0.0/8, or `::1`. Only
 * such registries may be reached over plain HTTP.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIPv6(h)) return h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h);
  const octets = h.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/** Docker Hub's names: its API lives at registry-1.docker.io. */
export function isDockerHub(hostname: string): boolean {
  return hostname === 'docker.io' || hostname === 'index.docker.io' || hostname === 'registry-1.docker.io';
}

function hostnameOf(registry: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(registry);
  if (!m) return undefined;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return undefined;
  const host = m[1].toLowerCase();
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    return isIPv6(inner) ? inner : undefined;
  }
  return HOSTNAME.test(host) ? host : undefined;
}
