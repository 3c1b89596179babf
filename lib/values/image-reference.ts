/**
 * Whether a container image reference is pinned: it names one image, not whatever a registry
 * serves under a tag that moves.
 *
 * Pinned is:
 * - a digest, `name@sha256:<64 hex>` (or the other digests OCI registries accept, `sha384:<96>`,
 *   `sha512:<128>`, lowercase hex), with or without a tag (the digest wins);
 * - a version tag of at least two numeric components, `MAJOR.MINOR[.PATCH...]`, optionally with a
 *   `v` and a suffix after `-`, `_` or `.` (a pre-release, build or distro variant):
 *   `1.25.3`, `v0.29.0`, `16.1-bookworm`, `5.0.14-alpine`, `3.5.1-0`, `17.0.9_9-jdk`, `2.40`;
 * - a tag with a date (`YYYYMMDD` or `YYYY-MM-DD` as a part of it): `jammy-20240111`,
 *   `RELEASE.2024-01-16T16-07-38Z`;
 * - a tag with a commit id (a part of 7 to 40 lowercase hex characters, with a digit and a
 *   letter): `3f9c2e1`, `sha-3f9c2e1`, `main-3f9c2e1a`.
 *
 * Floating is anything else: no tag (`:latest` is pulled), `latest`, a name (`alpine`,
 * `apache`, `stable`, `lts`, `bookworm-slim`), a major version only (`10`, `v5`, `10-focal`),
 * a version range (`1.2.x`).
 *
 * Two numeric components count as pinned because many projects release with exactly two
 * (PostgreSQL since 10: `16.1`; `pause:3.9`; `agnhost:2.40`) and a tag alone cannot tell
 * those from the `MAJOR.MINOR` tags of projects that also publish patches (`redis:7.2` follows
 * 7.2.x): for those, pin the patch, or a digest.
 */
export function imagePinProblem(image: string): string | undefined {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  if (at >= 0) {
    const digest = image.slice(at + 1);
    return DIGEST.test(digest)
      ? undefined
      : `has a malformed digest '${digest}' (expected sha256:<64 lowercase hex digits>, or sha384/sha512)`;
  }
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return 'has no tag (pulls :latest)';
  const tag = lastSegment.slice(colon + 1);
  if (tag === '') return 'has an empty tag';
  if (tag === 'latest') return 'uses the :latest tag';
  if (WILDCARD.test(tag)) return `uses the floating tag '${tag}': a version range`;
  if (isPinnedTag(tag)) return undefined;
  return MAJOR_ONLY.test(tag)
    ? `uses the floating tag '${tag}': a major version only, which moves with every minor and patch release`
    : `uses the floating tag '${tag}': a name, not a version`;
}

/** Whether `tag` (the part after `:`) names one release: a version, a date or a commit id. */
export function isPinnedTag(tag: string): boolean {
  return (
    !WILDCARD.test(tag) &&
    (VERSION.test(tag) ||
      DATE.test(tag) ||
      tag.split(/[-_.]/).some((part) => COMMIT.test(part) && /[0-9]/.test(part) && /[a-f]/.test(part)))
  );
}

/** The digests OCI registries accept (go-digest: sha256, sha384, sha512, lowercase hex). */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
/** `MAJOR.MINOR[.PATCH...]`, optional `v`, optional suffix after `-`, `_` or `.`. */
const VERSION = /^[vV]?[0-9]+(\.[0-9]+)+([-_.][A-Za-z0-9][A-Za-z0-9_.-]*)?$/;
/** A wildcard version component: `1.2.x`, `10.X`. */
const WILDCARD = /[0-9]\.[xX]([-_.]|$)/;
/** A major version alone, optionally with a suffix: `10`, `v5`, `10-focal`. */
const MAJOR_ONLY = /^[vV]?[0-9]+([-_.].*)?$/;
/** A `YYYYMMDD` or `YYYY-MM-DD` part. */
const DATE = /(^|[-_.])(19|20)[0-9]{2}(-?)(0[1-9]|1[0-2])\3(0[1-9]|[12][0-9]|3[01])($|[-_.T])/;
/** A commit id part: 7 to 40 lowercase hex characters (a digit and a letter checked separately). */
const COMMIT = /^[0-9a-f]{7,40}$/;
