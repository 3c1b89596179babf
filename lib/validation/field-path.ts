/** How a segment is written (see `FieldPath.toString`). */
type Style = 0 | 1 | 2;
const AUTO: Style = 0;
const BRACKETED: Style = 1;
const DOTTED: Style = 2;

/**
 * A field path, as Kubernetes' `field.Path` builds one: from a root, by child (a key) and index,
 * written out only when a finding needs it (a walk over an operator's CRDs passes thousands of
 * schema nodes and, when they are valid, reports nothing). Keys that are plain names are written
 * `.key`, others `['key']`; indexes `[i]`, e.g. `spec.versions[0].schema['x-y']`.
 */
export class FieldPath {
  /** A path starting at `text` (e.g. `spec`, or `''` for the object itself). */
  public static root(text: string): FieldPath {
    return new FieldPath(undefined, text, AUTO);
  }

  private readonly parent: FieldPath | undefined;
  private readonly segment: string | number;
  /** How a string segment is written: `.key` or `['key']` by its form, always `['key']`, always `.key`. */
  private readonly style: Style;

  // plain fields, set in one place: checks make paths for every field they visit
  private constructor(parent: FieldPath | undefined, segment: string | number, style: Style) {
    this.parent = parent;
    this.segment = segment;
    this.style = style;
  }

  /** The path of `key` under this one. */
  public child(key: string): FieldPath {
    return new FieldPath(this, key, AUTO);
  }

  /**
   * The path of the entry `key` of the map at this one (labels, annotations, data), always
   * written `['key']`, as the key is written: `metadata.annotations['example.com/x']`.
   */
  public key(key: string): FieldPath {
    return new FieldPath(this, key, BRACKETED);
  }

  /**
   * The path of the field `name` read from the object's own keys (e.g. a volume's source type),
   * always written `.name`, as the object spells it.
   */
  public field(name: string): FieldPath {
    return new FieldPath(this, name, DOTTED);
  }

  /** The path of item `i` of the list at this one. */
  public index(i: number): FieldPath {
    return new FieldPath(this, i, AUTO);
  }

  /** The path as findings show it. */
  public toString(): string {
    if (!this.parent) return String(this.segment);
    const base = this.parent.toString();
    if (typeof this.segment === 'number') return `${base}[${this.segment}]`;
    if (this.style === BRACKETED) return `${base}['${this.segment}']`;
    if (this.style === DOTTED) return base ? `${base}.${this.segment}` : this.segment;
    if (/^[A-Za-z_$][\w$-]*$/.test(this.segment)) return base ? `${base}.${this.segment}` : this.segment;
    return `${base}['${this.segment.replace(/'/g, "\\'")}']`;
  }
}
