/**
 * What went wrong in a publish or a pull: `usage` (a malformed reference, `insecure` for a
 * registry that is not on this machine), `input` (the folder to publish), `unreachable` (the
 * registry did not answer), `auth` (credentials missing, refused or not allowed to do this),
 * `not-found` (no such repository, tag or blob), `integrity` (content whose digest is not the
 * one asked for), `registry` (any other answer the registry should not have given).
 */
export type OciErrorKind = 'usage' | 'input' | 'unreachable' | 'auth' | 'not-found' | 'integrity' | 'registry';

/** A failed publish or pull: one line saying what failed, where, and why. */
export class OciError extends Error {
  public override readonly name = 'OciError';

  /**
   * @param message one line, naming the registry, repository or file concerned
   * @param kind what kind of failure it is
   */
  public constructor(
    message: string,
    public readonly kind: OciErrorKind,
  ) {
    super(message);
  }
}
