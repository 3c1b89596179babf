/**
 * Loads a compose project as compose does before it looks at any service: the `.env` file and
 * the environment, each file parsed as YAML with merge keys (`<<: *common`) and compose's
 * `!reset` / `!override` tags, interpolated (values, not keys), `include`d files added,
 * `extends` followed and merged by the compose merge rules, and services of inactive
 * `profiles` left out. Every relative path of a service (build context, env_file, label_file,
 * bind mount sources) is made absolute against the folder of the file it was written in, so
 * that services taken from other files keep pointing where their file meant.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Yaml from 'yaml';
import { userEnvironment, yamlPackage } from '../../core';
import { interpolate, InterpolationContext, InterpolationError, parseEnvFile } from './interpolate';

/** A YAML mapping. */
export type Raw = Record<string, unknown>;

/** `!reset`: the key is removed from the merged service. */
const RESET = Symbol('compose !reset');
/** `!override`: the value replaces the base's instead of being merged with it. */
const OVERRIDE = Symbol('compose !override');

/** Options for `loadProject`. */
export interface LoadOptions {
  /**
   * The environment interpolation reads (over the `.env` file).
   *
   * @default - the user's environment (`userEnvironment()`)
   */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * Env files read instead of the `.env` next to the compose file (compose's `--env-file`).
   *
   * @default - `.env` next to the compose file, when it exists
   */
  readonly envFiles?: readonly string[];
  /**
   * The active profiles (compose's `--profile`); `*` activates all.
   *
   * @default - COMPOSE_PROFILES, comma-separated, else none
   */
  readonly profiles?: readonly string[];
}

/** A service after `include`, `extends` and interpolation, with its source file. */
export interface LoadedService {
  readonly name: string;
  readonly raw: Raw;
  /** The file the service is declared in. */
  readonly file: string;
}

/** A top-level config or secret, with the folder its relative `file` is resolved against. */
export interface LoadedResource {
  readonly def: unknown;
  readonly dir: string;
}

/** Where an interpolated variable's value came from. */
export type VariableSource = 'environment' | 'env file' | 'unset: default' | 'unset: empty';

/** A loaded project. */
export interface LoadedProject {
  /** The project name: COMPOSE_PROJECT_NAME, `name:`, else the compose file's folder. */
  readonly name: string;
  /** The main compose file (absolute). */
  readonly file: string;
  /** Its folder: relative paths in messages are relative to it. */
  readonly dir: string;
  /** The services that run (their profiles are active, or they have none). */
  readonly services: readonly LoadedService[];
  /** Services left out because none of their profiles is active. */
  readonly excluded: readonly { readonly name: string; readonly profiles: readonly string[] }[];
  readonly activeProfiles: readonly string[];
  readonly volumes: Readonly<Record<string, unknown>>;
  readonly networks: Readonly<Record<string, unknown>>;
  readonly secrets: Readonly<Record<string, LoadedResource>>;
  readonly configs: Readonly<Record<string, LoadedResource>>;
  /** The top-level keys of the main file and the included ones. */
  readonly topLevelKeys: readonly string[];
  /** The variables interpolation read, and where each value came from. */
  readonly variables: ReadonlyMap<string, VariableSource>;
  /** The env files read for interpolation (`.env`, `--env-file`). */
  readonly envFiles: readonly string[];
  /** Warnings, as compose prints them (unset variables, ...). */
  readonly warnings: readonly string[];
  /** Interpolation over the project environment, for env files and configs read later. */
  readonly context: InterpolationContext;
}

/** A parsed, interpolated compose file. */
interface ComposeFile {
  readonly file: string;
  readonly dir: string;
  readonly doc: Raw;
}

/** Loads the compose project whose main file is `file`, holding `text`. */
export function loadProject(text: string, file: string, options: LoadOptions = {}): LoadedProject {
  const main = path.resolve(file);
  const dir = path.dirname(main);
  const processEnv = options.environment ?? userEnvironment();
  const warnings: string[] = [];
  const variables = new Map<string, VariableSource>();

  // the project environment: the env files, under the environment of the convert process
  const fromFiles = new Map<string, string>();
  const envFiles = options.envFiles
    ? options.envFiles.map((f) => path.resolve(f))
    : fs.existsSync(path.join(dir, '.env'))
      ? [path.join(dir, '.env')]
      : [];
  for (const envFile of envFiles) {
    if (!fs.existsSync(envFile)) throw new Error(`env file ${envFile} not found`);
    for (const e of parseEnvFile(fs.readFileSync(envFile, 'utf8'), {
      context: { lookup: (n) => processEnv[n] ?? fromFiles.get(n) },
      file: envFile,
    })) {
      const value = e.value ?? processEnv[e.name];
      if (value !== undefined) fromFiles.set(e.name, value);
    }
  }
  const unsetWarned = new Set<string>();
  const context: InterpolationContext = {
    lookup: (n) => processEnv[n] ?? fromFiles.get(n),
    onRead: (n, set) => {
      if (!variables.has(n))
        variables.set(n, !set ? 'unset: default' : processEnv[n] !== undefined ? 'environment' : 'env file');
    },
    onUnset: (n) => {
      variables.set(n, 'unset: empty');
      if (unsetWarned.has(n)) return;
      unsetWarned.add(n);
      warnings.push(`the ${n} variable is not set: it is an empty string, as compose makes it`);
    },
  };

  const cache = new Map<string, ComposeFile>();
  const load = (f: string, content?: string): ComposeFile => {
    const abs = path.resolve(f);
    let loaded = cache.get(abs);
    if (loaded === undefined) {
      if (content === undefined && !fs.existsSync(abs)) throw new Error(`${displayPath(abs, dir)} not found`);
      const doc = parseYaml(content ?? fs.readFileSync(abs, 'utf8'), abs, dir);
      loaded = { file: abs, dir: path.dirname(abs), doc: interpolateTree(doc, [], abs, dir, context) as Raw };
      cache.set(abs, loaded);
    }
    return loaded;
  };

  const root = load(main, text);
  if (!isMap(root.doc.services)) throw new Error(`${path.basename(main)}: not a compose file (no 'services' map)`);

  // include: the included files' resources join the project; a name declared twice is an error
  const files: ComposeFile[] = [];
  const addWithIncludes = (f: ComposeFile, chain: readonly string[]): void => {
    if (chain.includes(f.file))
      throw new Error(`include cycle: ${[...chain, f.file].map((c) => displayPath(c, dir)).join(' -> ')}`);
    files.push(f);
    for (const entry of asList(f.doc.include)) {
      if (isMap(entry))
        for (const k of Object.keys(entry))
          if (k !== 'path')
            warnings.push(
              `include ${JSON.stringify(entry.path)}: ${k} is not followed: the included file is read with this project's environment, relative to its own folder`,
            );
      const paths = isMap(entry)
        ? asList(entry.path).concat(typeof entry.path === 'string' ? [entry.path] : [])
        : [entry];
      for (const p of paths) {
        if (typeof p !== 'string')
          throw new Error(`${displayPath(f.file, dir)}: include: ${JSON.stringify(p)} is no path`);
        const included = load(path.resolve(f.dir, p));
        if (!isMap(included.doc.services) && included.doc.services !== undefined)
          throw new Error(`${displayPath(included.file, dir)}: 'services' is not a map`);
        addWithIncludes(included, [...chain, f.file]);
      }
    }
  };
  addWithIncludes(root, []);

  const services: LoadedService[] = [];
  const volumes: Raw = {};
  const networks: Raw = {};
  const secrets: Record<string, LoadedResource> = {};
  const configs: Record<string, LoadedResource> = {};
  const topLevelKeys = new Set<string>();
  const owner = new Map<string, string>();
  for (const f of files) {
    for (const key of Object.keys(f.doc)) topLevelKeys.add(key);
    const claim = (kind: string, name: string): void => {
      const first = owner.get(`${kind}/${name}`);
      if (first !== undefined && first !== f.file)
        throw new Error(
          `${kind} ${name} is declared in both ${displayPath(first, dir)} and ${displayPath(f.file, dir)} (include does not merge, as in compose)`,
        );
      owner.set(`${kind}/${name}`, f.file);
    };
    for (const name of Object.keys(isMap(f.doc.services) ? f.doc.services : {})) {
      claim('service', name);
      services.push({ name, raw: resolveService(f, name, load, dir, []), file: f.file });
    }
    for (const [name, def] of Object.entries(isMap(f.doc.volumes) ? f.doc.volumes : {})) {
      claim('volume', name);
      volumes[name] = def;
    }
    for (const [name, def] of Object.entries(isMap(f.doc.networks) ? f.doc.networks : {})) {
      claim('network', name);
      networks[name] = def;
    }
    for (const [name, def] of Object.entries(isMap(f.doc.secrets) ? f.doc.secrets : {})) {
      claim('secret', name);
      secrets[name] = { def, dir: f.dir };
    }
    for (const [name, def] of Object.entries(isMap(f.doc.configs) ? f.doc.configs : {})) {
      claim('config', name);
      configs[name] = { def, dir: f.dir };
    }
  }

  // profiles: a service with profiles runs only when one of them is active
  const requested =
    options.profiles ??
    (context.lookup('COMPOSE_PROFILES') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
  const all = requested.includes('*');
  const profilesOf = (s: LoadedService): string[] => asList(s.raw.profiles).map(String);
  const active = services.filter((s) => {
    const p = profilesOf(s);
    return p.length === 0 || all || p.some((x) => requested.includes(x));
  });
  const excluded = services.filter((s) => !active.includes(s)).map((s) => ({ name: s.name, profiles: profilesOf(s) }));
  for (const s of active) {
    for (const [dep, required] of dependencies(s.raw)) {
      const out = excluded.find((e) => e.name === dep);
      if (out === undefined) continue;
      const how = `convert with ${out.profiles.map((p) => `--profile ${p}`).join(' or ')}`;
      if (required)
        throw new Error(
          `service ${s.name} depends on ${dep}, whose profiles (${out.profiles.join(', ')}) are not active: ${how}, as compose refuses to start ${s.name} without it`,
        );
      warnings.push(`service ${s.name} depends on ${dep} (required: false), left out with its profiles: ${how}`);
    }
  }

  const declared = typeof root.doc.name === 'string' && root.doc.name !== '' ? root.doc.name : undefined;
  const name = context.lookup('COMPOSE_PROJECT_NAME') || declared || path.basename(dir);
  return {
    name,
    file: main,
    dir,
    services: active,
    excluded,
    activeProfiles: all ? ['*'] : requested,
    volumes,
    networks,
    secrets,
    configs,
    topLevelKeys: [...topLevelKeys],
    variables,
    envFiles,
    warnings,
    context,
  };
}

/** The services `raw` depends on (`depends_on`, `links`), each with whether it is required. */
function dependencies(raw: Raw): [string, boolean][] {
  const deps: [string, boolean][] = [];
  if (Array.isArray(raw.depends_on)) for (const d of raw.depends_on) deps.push([String(d), true]);
  else if (isMap(raw.depends_on))
    for (const [d, v] of Object.entries(raw.depends_on)) deps.push([d, !(isMap(v) && v.required === false)]);
  for (const l of asList(raw.links)) deps.push([String(l).split(':')[0], true]);
  return deps;
}

/** Service `name` of `f`, its `extends` followed (recursively, across files) and merged, paths absolute. */
function resolveService(
  f: ComposeFile,
  name: string,
  load: (file: string) => ComposeFile,
  projectDir: string,
  chain: readonly string[],
): Raw {
  const services = isMap(f.doc.services) ? f.doc.services : {};
  const raw = services[name];
  const where = `${displayPath(f.file, projectDir)}: service ${name}`;
  if (raw === undefined) throw new Error(`${where} not found`);
  if (raw !== null && !isMap(raw)) throw new Error(`${where} is not a map`);
  const self = absolutePaths(raw ?? {}, f.dir);
  const ext = self.extends;
  if (ext === undefined) return plainService(self);
  const key = `${f.file}#${name}`;
  if (chain.includes(key))
    throw new Error(`extends cycle: ${[...chain, key].map((k) => k.replace(/^.*[\\/]/, '')).join(' -> ')}`);
  const target = typeof ext === 'string' ? { service: ext } : isMap(ext) ? ext : undefined;
  if (target === undefined || typeof target.service !== 'string')
    throw new Error(`${where}: extends needs a service (extends: { service: <name>, file: <path> })`);
  const baseFile = typeof target.file === 'string' ? load(target.file) : f;
  const base = resolveService(baseFile, target.service, load, projectDir, [...chain, key]);
  const merged = mergeService(base, withoutKey(self, 'extends'));
  return merged;
}

/** Keys whose value replaces the base's (shell commands). */
const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test']);
/** Keys that are mappings, also when written as `KEY=VALUE` lists. */
const MAPPINGS = new Set([
  'annotations',
  'build.args',
  'build.labels',
  'deploy.labels',
  'environment',
  'labels',
  'sysctls',
  'depends_on',
]);
/** Sequences of mounts, unique by their target. */
const BY_TARGET = new Set(['volumes', 'secrets', 'configs', 'devices']);
/** Sequences combined without removing duplicates. */
const APPENDED = new Set(['dns', 'dns_search', 'env_file', 'tmpfs']);

/** Merges service `main` over `base` by the rules of compose's `extends` (services.md, merge.md). */
export function mergeService(base: Raw, main: Raw): Raw {
  return mergeMap(base, main, '');
}

function mergeMap(base: Raw, main: Raw, prefix: string): Raw {
  const out: Raw = {};
  for (const [k, v] of Object.entries(base)) if (!isReset(v)) out[k] = unwrap(v);
  for (const [k, v] of Object.entries(main)) {
    const key = prefix + k;
    if (isReset(v)) delete out[k];
    else if (isOverride(v) || !(k in out)) out[k] = unwrap(v);
    else out[k] = mergeValue(key, out[k], v);
  }
  return out;
}

function mergeValue(key: string, a: unknown, b: unknown): unknown {
  if (REPLACED.has(key)) return b;
  if (MAPPINGS.has(key)) return mergeMap(asMap(a, key), asMap(b, key), `${key}.`);
  if (key === 'build') return mergeMap(buildMap(a), buildMap(b), 'build.');
  if (BY_TARGET.has(key)) {
    const byTarget = new Map<string, unknown>();
    for (const item of [...asList(a), ...asList(b)]) byTarget.set(targetOf(key, item), item);
    return [...byTarget.values()];
  }
  if (APPENDED.has(key) || (Array.isArray(a) && Array.isArray(b))) {
    const items = [...oneOrList(a), ...oneOrList(b)];
    if (APPENDED.has(key)) return items;
    const seen = new Set<string>();
    return items.filter((i) => {
      const id = JSON.stringify(i);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }
  if (isMap(a) && isMap(b)) return mergeMap(a, b, `${key}.`);
  return b;
}

/** A mapping from its map or `KEY=VALUE` list form (`depends_on` lists become `{ name: {} }`). */
function asMap(x: unknown, key: string): Raw {
  if (isMap(x)) return x;
  const out: Raw = {};
  for (const item of asList(x)) {
    const s = String(item);
    if (key === 'depends_on') out[s] = { condition: 'service_started' };
    else {
      const eq = s.indexOf('=');
      if (eq < 0) out[s] = null;
      else out[s.slice(0, eq)] = s.slice(eq + 1);
    }
  }
  return out;
}

function buildMap(x: unknown): Raw {
  return isMap(x) ? x : typeof x === 'string' ? { context: x } : {};
}

/** The target of a mount (`volumes`, `secrets`, `configs`, `devices` item), its unique key. */
function targetOf(key: string, item: unknown): string {
  if (isMap(item)) {
    if (typeof item.target === 'string') return item.target;
    if (key === 'secrets') return `/run/secrets/${String(item.source)}`;
    if (key === 'configs') return `/${String(item.source)}`;
    return JSON.stringify(item);
  }
  const s = String(item);
  if (key === 'secrets') return `/run/secrets/${s}`;
  if (key === 'configs') return `/${s}`;
  const parts = splitVolume(s);
  return parts.length === 1 ? parts[0] : parts[1];
}

/**
 * Splits a short volume or device spec at its colons, keeping a Windows drive letter (`C:\x`)
 * with its path.
 */
export function splitVolume(spec: string): string[] {
  const parts = spec.split(':');
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]) && /^[\\/]/.test(parts[1]))
    return [`${parts[0]}:${parts[1]}`, ...parts.slice(2)];
  return parts;
}

/** `raw` with its relative paths made absolute against `dir`. */
function absolutePaths(raw: Raw, dir: string): Raw {
  const out: Raw = { ...raw };
  const abs = (p: string): string =>
    p.startsWith('~') ? path.join(os.homedir(), p.slice(1)) : path.isAbsolute(p) ? p : path.resolve(dir, p);
  const remote = (p: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@');
  if (typeof out.build === 'string' && !remote(out.build)) out.build = abs(out.build);
  else if (isMap(out.build) && typeof out.build.context === 'string' && !remote(out.build.context))
    out.build = { ...out.build, context: abs(out.build.context) };
  const fileList = (x: unknown): unknown =>
    typeof x === 'string'
      ? abs(x)
      : Array.isArray(x)
        ? x.map((e) =>
            typeof e === 'string' ? abs(e) : isMap(e) && typeof e.path === 'string' ? { ...e, path: abs(e.path) } : e,
          )
        : x;
  if (out.env_file !== undefined) out.env_file = fileList(out.env_file);
  if (out.label_file !== undefined) out.label_file = fileList(out.label_file);
  if (Array.isArray(out.volumes)) {
    out.volumes = out.volumes.map((v) => {
      if (typeof v === 'string') {
        const parts = splitVolume(v);
        if (parts.length > 1 && /^(\.|~)/.test(parts[0])) return [abs(parts[0]), ...parts.slice(1)].join(':');
        return v;
      }
      if (isMap(v) && v.type === 'bind' && typeof v.source === 'string') return { ...v, source: abs(v.source) };
      return v;
    });
  }
  if (isMap(out.extends) && typeof out.extends.file === 'string')
    out.extends = { ...out.extends, file: abs(out.extends.file) };
  return out;
}

/** Parses compose YAML: merge keys on, compose's tags known, errors naming the file and line. */
function parseYaml(text: string, file: string, projectDir: string): unknown {
  const YAML = yamlPackage();
  const marker =
    (kind: symbol) =>
    (value: unknown): unknown => ({ [kind]: value });
  const tags: Yaml.Tags = [];
  for (const collection of [undefined, 'map', 'seq'] as const) {
    tags.push({ tag: '!reset', collection, identify: () => false, resolve: marker(RESET) } as Yaml.CollectionTag);
    tags.push({ tag: '!override', collection, identify: () => false, resolve: marker(OVERRIDE) } as Yaml.CollectionTag);
  }
  const doc = YAML.parseDocument(text, { merge: true, customTags: tags, prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) throw new Error(`${displayPath(file, projectDir)}: ${error.message.split('\n')[0]}`);
  const js = doc.toJS({ maxAliasCount: 10000 }) as unknown;
  // an !override collection is resolved to its YAML node: make it a plain value, in the document's context
  const plain = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(plain);
    if (isMap(x) || (typeof x === 'object' && x !== null && OVERRIDE in x)) {
      const o = x as Record<string | symbol, unknown>;
      if (OVERRIDE in o) {
        const inner = o[OVERRIDE];
        return { [OVERRIDE]: plain(YAML.isNode(inner) ? inner.toJS(doc, { maxAliasCount: 10000 }) : inner) };
      }
      if (RESET in o) return x;
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
    }
    return x;
  };
  return plain(js);
}

/** Interpolates every string value of `x` (not keys), errors naming the file and the key path. */
function interpolateTree(
  x: unknown,
  at: readonly string[],
  file: string,
  projectDir: string,
  ctx: InterpolationContext,
): unknown {
  if (typeof x === 'string') {
    try {
      return interpolate(x, ctx);
    } catch (err) {
      if (err instanceof InterpolationError)
        throw new InterpolationError(`${displayPath(file, projectDir)}: ${at.join('.')}: ${err.message}`);
      throw err;
    }
  }
  if (Array.isArray(x)) return x.map((v, i) => interpolateTree(v, [...at, String(i)], file, projectDir, ctx));
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string | symbol, unknown>;
    if (OVERRIDE in o) return { [OVERRIDE]: interpolateTree(o[OVERRIDE], at, file, projectDir, ctx) };
    if (RESET in o) return x;
    return Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, interpolateTree(v, [...at, k], file, projectDir, ctx)]),
    );
  }
  return x;
}

function isReset(x: unknown): boolean {
  return typeof x === 'object' && x !== null && RESET in x;
}

function isOverride(x: unknown): boolean {
  return typeof x === 'object' && x !== null && OVERRIDE in x;
}

/** `x` without its `!override` wrapper, and without `!reset` keys inside. */
function unwrap(x: unknown): unknown {
  const v = isOverride(x) ? (x as Record<symbol, unknown>)[OVERRIDE] : x;
  if (isMap(v)) {
    const out: Raw = {};
    for (const [k, e] of Object.entries(v)) if (!isReset(e)) out[k] = unwrap(e);
    return out;
  }
  return v;
}

/** Removes compose's tag markers left in a service that extends nothing. */
export function plainService(raw: Raw): Raw {
  return unwrap(raw) as Raw;
}

function withoutKey(raw: Raw, key: string): Raw {
  const { [key]: _dropped, ...rest } = raw;
  void _dropped;
  return rest;
}

/** `file` relative to `dir`, as `./x` when inside it. */
export function displayPath(file: string, dir: string): string {
  const rel = path.relative(dir, file);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : `./${rel.split(path.sep).join('/')}`;
}

export function isMap(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !isReset(x) && !isOverride(x);
}

export function asList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

function oneOrList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined || x === null ? [] : [x];
}
