import * as fs from 'fs';
import * as path from 'path';
import { yamlPackage } from '../../core';
import {
  ComposeConfig,
  ComposeFileRef,
  ComposeHealthcheck,
  ComposePort,
  ComposeProject,
  ComposeResourceAmount,
  ComposeService,
  ComposeVolumeMount,
} from './model';

type Raw = Record<string, unknown>;

/** The service keys `parseCompose` maps (everything else becomes a note). */
const MAPPED_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'ports',
  'expose',
  'volumes',
  'depends_on',
  'links',
  'healthcheck',
  'deploy',
  'user',
  'secrets',
  'configs',
  'container_name',
  'restart',
  'networks',
]);

/** The top-level keys `parseCompose` maps. */
const MAPPED_TOP = new Set(['version', 'name', 'services', 'volumes', 'secrets', 'configs', 'networks']);

/**
 * Parses a docker-compose file (`text`, read from `file`, which locates `configs` files) into the
 * normalized model. Throws on what is not a compose file (no `services` map).
 */
export function parseCompose(text: string, file: string): ComposeProject {
  const doc = yamlPackage().parse(text) as unknown;
  if (!isMap(doc) || !isMap(doc.services)) throw new Error(`${file}: not a compose file (no 'services' map)`);
  const notes: string[] = [];
  for (const key of Object.keys(doc)) if (!MAPPED_TOP.has(key)) notes.push(`top-level '${key}' is not mapped`);
  if (isMap(doc.networks) && Object.keys(doc.networks).length > 0)
    notes.push(
      `networks (${Object.keys(doc.networks).join(', ')}) are not mapped: every service shares the namespace; AppNetwork.isolate(chart) allows exactly the connectTo calls below`,
    );
  const dir = path.dirname(file);
  const secrets: Record<string, string> = {};
  for (const [name, def] of Object.entries(isMap(doc.secrets) ? doc.secrets : {})) secrets[name] = describeSource(def);
  const configs: Record<string, ComposeConfig> = {};
  for (const [name, def] of Object.entries(isMap(doc.configs) ? doc.configs : {}))
    configs[name] = readConfig(name, def, dir);
  const services = Object.entries(doc.services).map(([name, raw]) => parseService(name, isMap(raw) ? raw : {}));
  const projectName = typeof doc.name === 'string' ? doc.name : path.basename(path.resolve(dir));
  return { name: projectName, services, secrets, configs, notes };
}

function parseService(name: string, raw: Raw): ComposeService {
  const notes: string[] = [];
  for (const key of Object.keys(raw)) if (!MAPPED_KEYS.has(key)) notes.push(`'${key}' is not mapped`);
  if (raw.restart !== undefined && raw.restart !== 'always' && raw.restart !== 'unless-stopped')
    notes.push(`restart: ${String(raw.restart)} is not mapped (Deployments and StatefulSets always restart)`);
  const environment: Record<string, string> = {};
  if (Array.isArray(raw.environment)) {
    for (const entry of raw.environment.map(String)) {
      const eq = entry.indexOf('=');
      if (eq < 0) notes.push(`environment ${entry} takes its value from the host: not mapped`);
      else environment[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
  } else if (isMap(raw.environment)) {
    for (const [k, v] of Object.entries(raw.environment)) {
      if (v === null || v === undefined) notes.push(`environment ${k} takes its value from the host: not mapped`);
      else environment[k] = String(v);
    }
  }
  for (const [k, v] of Object.entries(environment))
    if (/\$\{?[A-Za-z_]/.test(v)) notes.push(`environment ${k} uses interpolation ('${v}'): left as written`);
  const ports = [
    ...asList(raw.ports).flatMap((p) => parsePort(p, true, notes)),
    ...asList(raw.expose).flatMap((p) => parsePort(p, false, notes)),
  ];
  const volumes: ComposeVolumeMount[] = [];
  for (const v of asList(raw.volumes)) {
    const mount = parseVolume(v);
    if (mount === undefined) notes.push(`volume ${describe(v)} is a bind mount or tmpfs: not mapped`);
    else volumes.push(mount);
  }
  const dependsOn = [
    ...(Array.isArray(raw.depends_on)
      ? raw.depends_on.map(String)
      : Object.keys(isMap(raw.depends_on) ? raw.depends_on : {})),
    ...asList(raw.links).map((l) => String(l).split(':')[0]),
  ];
  const deploy = isMap(raw.deploy) ? raw.deploy : {};
  const resources = isMap(deploy.resources) ? deploy.resources : {};
  for (const key of Object.keys(deploy))
    if (key !== 'resources' && key !== 'replicas') notes.push(`deploy.${key} is not mapped`);
  let user: number | undefined;
  if (raw.user !== undefined) {
    const uid = String(raw.user).split(':')[0];
    if (/^\d+$/.test(uid)) user = Number(uid);
    else notes.push(`user '${String(raw.user)}' is not a numeric UID: not mapped`);
  }
  return {
    name,
    image: typeof raw.image === 'string' ? raw.image : undefined,
    build: raw.build !== undefined,
    entrypoint: raw.entrypoint !== undefined ? commandLine(raw.entrypoint) : undefined,
    command: raw.command !== undefined ? commandLine(raw.command) : undefined,
    environment,
    ports,
    volumes,
    dependsOn: [...new Set(dependsOn)],
    healthcheck: parseHealthcheck(raw.healthcheck),
    limits: isMap(resources.limits) ? resourceAmount(resources.limits) : undefined,
    reservations: isMap(resources.reservations) ? resourceAmount(resources.reservations) : undefined,
    replicas: typeof deploy.replicas === 'number' ? deploy.replicas : undefined,
    user,
    secrets: asList(raw.secrets).map((s) => fileRef(s, (n) => `/run/secrets/${n}`)),
    configs: asList(raw.configs).map((c) => fileRef(c, (n) => `/${n}`)),
    notes,
  };
}

function parsePort(p: unknown, published: boolean, notes: string[]): ComposePort[] {
  if (isMap(p)) {
    const target = Number(p.target);
    if (!Number.isInteger(target)) return [];
    return [
      {
        container: target,
        published: p.published !== undefined ? String(p.published) : undefined,
        protocol: String(p.protocol ?? 'tcp'),
      },
    ];
  }
  const [spec, protocol = 'tcp'] = String(p).split('/');
  const parts = spec.split(':');
  const container = parts[parts.length - 1];
  if (!/^\d+$/.test(container)) {
    notes.push(`port ${String(p)} (a range) is not mapped`);
    return [];
  }
  const host = parts.length > 1 ? parts.slice(0, -1).join(':') : 'an ephemeral port';
  return [{ container: Number(container), published: published ? host : undefined, protocol }];
}

function parseVolume(v: unknown): ComposeVolumeMount | undefined {
  if (isMap(v)) {
    if (v.type !== 'volume' || typeof v.source !== 'string' || typeof v.target !== 'string') return undefined;
    return { volume: v.source, target: v.target, readOnly: v.read_only === true };
  }
  const [source, target, mode] = String(v).split(':');
  if (target === undefined || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source)) return undefined;
  return { volume: source, target, readOnly: mode === 'ro' };
}

function parseHealthcheck(raw: unknown): ComposeHealthcheck | undefined {
  if (!isMap(raw) || raw.disable === true || raw.test === undefined) return undefined;
  let command: string[];
  if (typeof raw.test === 'string') command = ['sh', '-c', raw.test];
  else if (Array.isArray(raw.test)) {
    const [kind, ...rest] = raw.test.map(String);
    if (kind === 'NONE') return undefined;
    command = kind === 'CMD-SHELL' ? ['sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : [kind, ...rest];
  } else return undefined;
  return {
    command,
    intervalSeconds: seconds(raw.interval),
    timeoutSeconds: seconds(raw.timeout),
    startPeriodSeconds: seconds(raw.start_period),
    retries: typeof raw.retries === 'number' ? raw.retries : undefined,
  };
}

/** A compose duration (`1m30s`, `10s`, `500ms`) in whole seconds, rounded up; at least 1. */
export function seconds(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 };
  let total = 0;
  const text = String(raw);
  const re = /(\d+(?:\.\d+)?)(h|ms|us|m|s)/g;
  let matched = '';
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * units[m[2]];
    matched += m[0];
  }
  if (matched !== text) return undefined;
  return Math.max(1, Math.ceil(total));
}

/** A compose memory amount (`512M`, `1g`, `1.5gb`, a number of bytes) in MiB, rounded up. */
export function mebibytes(raw: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(String(raw).trim());
  if (m === null) return undefined;
  const factor: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Math.max(1, Math.ceil((Number(m[1]) * factor[m[2].toLowerCase()]) / 1024 ** 2));
}

function resourceAmount(raw: Raw): ComposeResourceAmount {
  const cpus = raw.cpus !== undefined ? Number(raw.cpus) : undefined;
  return {
    cpuMillis: cpus !== undefined && Number.isFinite(cpus) && cpus > 0 ? Math.ceil(cpus * 1000) : undefined,
    memoryMiB: raw.memory !== undefined ? mebibytes(raw.memory) : undefined,
  };
}

function fileRef(raw: unknown, defaultTarget: (name: string) => string): ComposeFileRef {
  if (isMap(raw)) {
    const source = String(raw.source);
    const target = raw.target === undefined ? defaultTarget(source) : String(raw.target);
    return { source, target: target.startsWith('/') ? target : defaultTarget(target) };
  }
  return { source: String(raw), target: defaultTarget(String(raw)) };
}

function readConfig(name: string, def: unknown, dir: string): ComposeConfig {
  const raw = isMap(def) ? def : {};
  if (typeof raw.content === 'string') return { name, fileName: name, content: raw.content, origin: 'content' };
  if (typeof raw.file === 'string') {
    const file = path.resolve(dir, raw.file);
    const content = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    return { name, fileName: path.basename(raw.file), content, origin: `file ${raw.file}` };
  }
  return { name, fileName: name, origin: describeSource(def) };
}

function describeSource(def: unknown): string {
  if (!isMap(def)) return 'declared in the compose file';
  if (typeof def.file === 'string') return `file ${def.file}`;
  if (typeof def.environment === 'string') return `environment variable ${def.environment}`;
  if (def.external === true || isMap(def.external)) return 'external';
  return 'declared in the compose file';
}

/** A compose command (a list, or a string split as a POSIX shell would, without expansion). */
export function commandLine(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  const text = String(raw);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i];
    else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

function isMap(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function asList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

function describe(x: unknown): string {
  return typeof x === 'string' ? x : JSON.stringify(x);
}
