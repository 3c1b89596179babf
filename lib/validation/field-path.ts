/**
 * A field path, as Kubernetes' `field.Path` builds one: from a root, by child (a key) and index,
 * written out only when a finding needs it (a walk over an operator's CRDs passes thousands of
 * schema nodes and, when they are valid, reports nothing). Keys that are plain names are written
 * `.key`, others `['key']`; indexes `[i]`, e.g. `spec.versions[0].schema['x-y']`.
 */
export class FieldPath {
  /** A path starting at `text` (e.g. `spec`, or `''` for the object itself). */
  public static root(text: string): FieldPath {
    return new FieldPath(undefined, text);
  }

  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly segment: string | number,
  ) {}

  /** The path of `key` under this one. */
  public child(key: string): FieldPath {
    return new FieldPath(this, key);
  }

  /** The path of item `i` of the list at this one. */
  public index(i: number): FieldPath {
    return new FieldPath(this, i);
  }

  /** The path as findings show it. */
  public toString(): string {
    if (!this.parent) return String(this.segment);
    const base = this.parent.toString();
    if (typeof this.segment === 'number') return `${base}[${this.segment}]`;
    if (/^[A-Za-z_$][\w$-]*$/.test(this.segment)) return base ? `${base}.${this.segment}` : this.segment;
    return `${base}['${this.segment.replace(/'/g, "\\'")}']`;
  }
}
