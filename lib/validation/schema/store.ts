import { createHash } from 'crypto';
import { compileCrdSchema, precompiledCrdValidator } from './crd-compiler';
import { CHUNK_OF, GeneratedValidator, KIND_KEYS, KINDS, loadChunk, UIDS } from './generated/index';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, toKubernetesVersion } from './versions';

/** An ajv-compiled validation function: true when `data` is valid, else the reasons in `errors`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  /**
   * Why the last call returned false. An unknown field (`additionalProperties`) lists the fields
   * its object does have in `params.known` (string[]).
   */
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

// ---- custom resources of CRDs met at run time (not imported into the generated validators) ----

/** The CRD schemas compiled at run time, by the sha256 of the CRD's JSON: each compiled once per process. */
const compiledCrds = new Map<string, ReadonlyMap<string, CompiledValidator>>();
/** CRDs registered for every validation (`registerCustomResourceDefinitions`): `<apiVersion>/<kind>` → validator. */
const registeredCrds = new Map<string, CompiledValidator>();
/** The CRDs of the app being rendered (`registerCustomResourceDefinitions(crds, 'app')`), replaced at every render. */
const appCrds = new Map<string, CompiledValidator>();

/**
 * The validators of the custom resources one CustomResourceDefinition (as JSON) defines: one per
 * served version, keyed `<group>/<version>/<kind>`, strict as the generated ones (object schemas
 * that list their properties reject unknown ones; maps and `x-kubernetes-preserve-unknown-fields`
 * objects stay open). `metadata` is checked against the target version's ObjectMeta. Compiled
 * with ajv on first use and cached by the CRD's content hash, so an app synthesized again (or a
 * CRD included twice) compiles nothing. Anything that is not a CRD with schemas gives an empty map.
 */
export function crdSchemaValidators(
  crd: unknown,
  version: string = DEFAULT_KUBERNETES_VERSION,
): ReadonlyMap<string, CompiledValidator> {
  const raw = compiledCrd(crd);
  const key = `${version}`;
  let byVersion = wrappedCrds.get(raw);
  if (!byVersion) {
    byVersion = new Map();
    wrappedCrds.set(raw, byVersion);
  }
  let wrapped = byVersion.get(key);
  if (!wrapped) {
    wrapped = new Map([...raw].map(([k, fn]) => [k, withObjectMeta(fn, version)]));
    byVersion.set(key, wrapped);
  }
  return wrapped;
}

const EMPTY: ReadonlyMap<string, CompiledValidator> = new Map();
const wrappedCrds = new WeakMap<ReadonlyMap<string, CompiledValidator>, Map<string, ReadonlyMap<string, CompiledValidator>>>();

function compiledCrd(crd: unknown): ReadonlyMap<string, CompiledValidator> {
  const c = crd as CrdShape | null;
  const group = c?.spec?.group;
  const kind = c?.spec?.names?.kind;
  if (c === null || typeof c !== 'object' || typeof group !== 'string' || typeof kind !== 'string') return EMPTY;
  if (!Array.isArray(c.spec?.versions)) return EMPTY;
  const hash = createHash('sha256')
    .update(JSON.stringify(c.spec))
    .digest('hex');
  const cached = compiledCrds.get(hash);
  if (cached) return cached;
  const result = new Map<string, CompiledValidator>();
  for (const v of c.spec.versions) {
    const openApi = v?.schema?.openAPIV3Schema;
    if (!v || v.served === false || typeof v.name !== 'string' || !openApi || typeof openApi !== 'object') continue;
    const apiVersion = `${group}/${v.name}`;
    // compiled when first used: a CRD file defines many kinds an app may never instantiate
    result.set(
      `${apiVersion}/${kind}`,
      compiledOnFirstUse(`${apiVersion} ${kind}`, () => compileCrdSchema(customResourceSchema(openApi, apiVersion, kind))),
    );
  }
  compiledCrds.set(hash, result);
  return result;
}

/**
 * The schema a custom resource of `apiVersion` `kind` is validated against: its CRD version's
 * `openAPIV3Schema`, hardened (descriptions dropped, object schemas that list their properties
 * closed), with `apiVersion` and `kind` fixed and `metadata` an object (checked against ObjectMeta
 * apart, see `withObjectMeta`).
 */
export function customResourceSchema(openApi: object, apiVersion: string, kind: string): object {
  const hardened = hardenCrdSchema(openApi) as Record<string, unknown>;
  const properties = { ...((hardened.properties as Record<string, unknown> | undefined) ?? {}) };
  properties.apiVersion = { type: 'string', enum: [apiVersion] };
  properties.kind = { type: 'string', enum: [kind] };
  properties.metadata = { type: 'object' };
  const additionalProperties = hardened.additionalProperties ?? false;
  return { ...hardened, type: 'object', properties, additionalProperties };
}

/**
 * A validator that gets its compiled function (`compile()`: ajv's, compiled or read back) on its
 * first call. A schema ajv cannot compile makes every object of the kind invalid, with ajv's
 * reason.
 */
function compiledOnFirstUse(what: string, compile: () => CompiledValidator): CompiledValidator {
  let fn: CompiledValidator | undefined;
  let failure: string | undefined;
  const validate: CompiledValidator = (data: unknown): boolean => {
    if (!fn && failure === undefined) {
      try {
        fn = compile();
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
    }
    if (!fn) {
      validate.errors = [
        {
          instancePath: '',
          keyword: 'crdSchema',
          message: `the CRD's openAPIV3Schema for ${what} cannot be compiled (${failure}): fix the CRD`,
          params: {},
        },
      ];
      return false;
    }
    const ok = fn(data);
    validate.errors = fn.errors?.map(withKnownFields) ?? fn.errors;
    return ok;
  };
  return validate;
}

/**
 * Adds to an "unknown field" error the fields the object does have (`params.known`), as the
 * generated validators do (see scripts/generate-schema-validators.mjs), from the closed object
 * schema that ajv's `verbose` errors carry as `parentSchema`.
 */
function withKnownFields<E extends { keyword: string; params: Record<string, unknown>; parentSchema?: unknown }>(
  error: E,
): E {
  const properties = (error.parentSchema as { properties?: unknown } | undefined)?.properties;
  if (error.keyword !== 'additionalProperties' || !properties || typeof properties !== 'object') return error;
  return { ...error, params: { ...error.params, known: Object.keys(properties) } };
}

/**
 * Registers CustomResourceDefinitions (as JSON: parsed from a file, for instance) so that their
 * custom resources are validated in every later validation of this process (`'registered'`), or
 * in the validations of the app being rendered (`'app'`: until the next
 * `resetAppCustomResourceDefinitions`, so that a CRD another app of the process, or an earlier
 * watch cycle, had is not seen), without regenerating the precompiled validators. Returns the
 * `<apiVersion>/<kind>` keys registered.
 */
export function registerCustomResourceDefinitions(
  crds: readonly unknown[],
  source: 'registered' | 'app' = 'registered',
): string[] {
  const keys: string[] = [];
  for (const crd of crds) {
    for (const [key, fn] of compiledCrd(crd)) {
      (source === 'app' ? appCrds : registeredCrds).set(key, fn);
      keys.push(key);
    }
  }
  return keys;
}

/**
 * Registers the validator of the custom resources of `apiVersion` `kind` compiled ahead of time
 * into `file` (the code `crdValidatorCode` writes for `customResourceSchema`: the vendored CRDs'
 * ship so), for every later validation of this process, as `registerCustomResourceDefinitions`
 * does with a CRD; the file is read on the first object of the kind.
 */
export function registerPrecompiledCustomResource(apiVersion: string, kind: string, file: string): void {
  registeredCrds.set(
    `${apiVersion}/${kind}`,
    compiledOnFirstUse(`${apiVersion} ${kind}`, () => precompiledCrdValidator(file)),
  );
}

/** Forgets the CRDs of the last rendered app (each render registers its own again). */
export function resetAppCustomResourceDefinitions(): void {
  appCrds.clear();
}

/** The validator of a custom resource registered with `registerCustomResourceDefinitions`, if any. */
export function registeredCrdValidator(
  apiVersion: string,
  kind: string,
  version: string = DEFAULT_KUBERNETES_VERSION,
): CompiledValidator | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!appCrds.has(key) && !registeredCrds.has(key)) loadBuiltInCrdOf(apiVersion, kind);
  const fn = appCrds.get(key) ?? registeredCrds.get(key);
  return fn ? withObjectMeta(fn, version) : undefined;
}

/** Loaders of the CRDs built into the library, by `<group>/<kind>`, run on the first object of the kind. */
const builtInCrdLoaders = new Map<string, () => void>();

/**
 * Declares a CRD built into the library (vendored with it, e.g. Flux's): `load` registers it
 * (with `registerCustomResourceDefinitions`) the first time validation meets an object of `kind`
 * in `group` that is not otherwise known, so it costs nothing to apps that do not use the kind.
 */
export function registerBuiltInCrd(group: string, kind: string, load: () => void): void {
  builtInCrdLoaders.set(`${group}/${kind}`, load);
}

function loadBuiltInCrdOf(apiVersion: string, kind: string): void {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const key = `${group}/${kind}`;
  const load = builtInCrdLoaders.get(key);
  if (!load) return;
  builtInCrdLoaders.delete(key);
  load();
}

interface CrdShape {
  readonly spec: {
    readonly group?: unknown;
    readonly names?: { readonly kind?: unknown };
    readonly versions?: ReadonlyArray<
      { readonly name?: unknown; readonly served?: unknown; readonly schema?: { readonly openAPIV3Schema?: unknown } } | null
    >;
  };
}

/** Strips descriptions and closes object schemas that list their properties, as the generator does. */
function hardenCrdSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(hardenCrdSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'description') continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([p, s]) => [p, hardenCrdSchema(s)]),
      );
    } else if (key === 'x-kubernetes-int-or-string' && value === true) {
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    } else {
      out[key] = hardenCrdSchema(value);
    }
  }
  if (out['x-kubernetes-int-or-string'] === true) delete out.type;
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Adds the check of `metadata` against ObjectMeta to a CRD validator: run as the metadata of a
 * ConfigMap in the target version, keeping the errors under `/metadata`.
 */
function withObjectMeta(fn: CompiledValidator, version: string): CompiledValidator {
  const validate: CompiledValidator = (data: unknown): boolean => {
    const ok = fn(data);
    const errors = [...(fn.errors ?? [])];
    const meta = schemaValidatorFor('v1', 'ConfigMap', version);
    const metadata = (data as { metadata?: unknown } | null)?.metadata;
    let metaOk = true;
    if (meta && metadata !== undefined) {
      metaOk = meta({ apiVersion: 'v1', kind: 'ConfigMap', metadata });
      errors.push(...(meta.errors ?? []).filter((e) => e.instancePath.startsWith('/metadata')));
    }
    validate.errors = errors.length > 0 ? errors : null;
    return ok && (metaOk || errors.length === 0);
  };
  return validate;
}
