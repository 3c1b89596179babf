import { CHUNK_OF, GeneratedValidator, KIND_KEYS, KINDS, loadChunk, UIDS } from './generated/index';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, toKubernetesVersion } from './versions';

/** An ajv-compiled validation function: true when `data` is valid, else the reasons in `errors`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null;
}

let chunkOf: number[] | undefined;

/**
 * The validators of one Kubernetes version. Generated validators are shared between versions and
 * refer to other definitions by name index; they run with this object as `this` and resolve a
 * reference with `this.f[i] || this.l(i)`, loading the defining chunk on first use.
 */
class VersionContext {
  /** Resolved validators by name index (the generated code reads this array). */
  public readonly f: Array<GeneratedValidator | undefined> = [];
  private readonly uids: readonly number[];
  private readonly kindIndex = new Map<string, number>();
  private readonly wrapped = new Map<string, CompiledValidator>();

  constructor(public readonly version: KubernetesVersion) {
    this.uids = JSON.parse(UIDS[version]) as number[];
    const kinds = JSON.parse(KINDS[version]) as number[];
    (JSON.parse(KIND_KEYS) as string[]).forEach((key, i) => {
      if (kinds[i] >= 0) this.kindIndex.set(key, kinds[i]);
    });
  }

  /** Loads the validator of name index `i` (the generated code calls this). */
  public l(i: number): GeneratedValidator {
    const uid = this.uids[i];
    if (uid === undefined || uid < 0) throw new Error(`kubecraft: no schema #${i} in Kubernetes ${this.version}`);
    chunkOf ??= JSON.parse(CHUNK_OF) as number[];
    const fn = loadChunk(chunkOf[uid])[`u${uid}`];
    this.f[i] = fn;
    return fn;
  }

  /** Loads every validator of this version; returns how many. */
  public preload(): number {
    let n = 0;
    this.uids.forEach((uid, i) => {
      if (uid >= 0) {
        if (!this.f[i]) this.l(i);
        n++;
      }
    });
    return n;
  }

  public kinds(): string[] {
    return [...this.kindIndex.keys()];
  }

  public validator(key: string): CompiledValidator | undefined {
    const cached = this.wrapped.get(key);
    if (cached) return cached;
    const i = this.kindIndex.get(key);
    if (i === undefined) return undefined;
    const fn = this.f[i] ?? this.l(i);
    const validate: CompiledValidator = (data: unknown): boolean => {
      const ok = fn.call(this, data);
      validate.errors = fn.errors;
      return ok;
    };
    this.wrapped.set(key, validate);
    return validate;
  }
}

const contexts = new Map<KubernetesVersion, VersionContext>();
function contextOf(version: string): VersionContext {
  const v = toKubernetesVersion(version);
  let ctx = contexts.get(v);
  if (!ctx) {
    ctx = new VersionContext(v);
    contexts.set(v, ctx);
  }
  return ctx;
}

/**
 * The compiled validator for `apiVersion` + `kind` in Kubernetes `version` (default
 * {@link DEFAULT_KUBERNETES_VERSION}), strict as `kubectl apply`; undefined when that version has
 * no schema for it (an unknown or misspelt kind, an API the version does not serve, a custom
 * resource whose CRD was not imported). Throws on an unsupported `version`.
 */
export function schemaValidatorFor(
  apiVersion: string,
  kind: string,
  version: string = DEFAULT_KUBERNETES_VERSION,
): CompiledValidator | undefined {
  return contextOf(version).validator(`${apiVersion}/${kind}`);
}

/** Every `<apiVersion>/<kind>` with a schema in Kubernetes `version`, imported CRDs included. */
export function schemaKinds(version: string = DEFAULT_KUBERNETES_VERSION): readonly string[] {
  return contextOf(version).kinds();
}

/**
 * Loads every validator of Kubernetes `version` now rather than on first use (e.g. before timing
 * or forking); returns how many definitions and CRD versions that is.
 */
export function preloadSchemas(version: string = DEFAULT_KUBERNETES_VERSION): number {
  return contextOf(version).preload();
}
