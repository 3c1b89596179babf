import * as fs from 'fs';
import * as path from 'path';
import { imageNeeds, knownUserId } from './images';
import { InterpolationContext, parseEnvFile } from './interpolate';
import { DEPLOY_KEYS, isExtension, SERVICE_KEYS, TOP_LEVEL_KEYS } from './keys';
import { asList, displayPath, isMap, loadProject, LoadOptions, Raw, splitVolume } from './load';
import {
  ComposeConfig,
  ComposeDependency,
  ComposeEnvFile,
  ComposeFileMount,
  ComposeFileRef,
  ComposeHealthcheck,
  ComposeHostFile,
  ComposePort,
  ComposeProject,
  ComposeResourceAmount,
  ComposeScratchMount,
  ComposeService,
  ComposeVolumeMount,
} from './model';

/** Options for `parseCompose`: the environment, env files and profiles, as compose takes them. */
export type ParseOptions = LoadOptions;

/** A bind-mounted host file larger than this is not put into a ConfigMap (the API limit is 1 MiB). */
const MAX_HOST_FILE = 900 * 1024;

/** What parsing one service needs from the project. */
interface ProjectContext {
  readonly name: string;
  readonly dir: string;
  readonly interpolation: InterpolationContext;
  readonly envFiles: Record<string, ComposeEnvFile>;
  readonly hostFiles: Record<string, ComposeHostFile>;
}

/**
 * Parses a docker-compose file (`text`, read from `file`) and what it pulls in (`.env`,
 * `include`, `extends`, `env_file`, config files) into the normalized model. Throws where
 * compose refuses the project (no `services` map, a malformed interpolation, a required
 * variable without a value, a missing env file, an `extends` cycle, a dependency on a service
 * of an inactive profile).
 */
export function parseCompose(text: string, file: string, options: ParseOptions = {}): ComposeProject {
  const loaded = loadProject(text, file, options);
  const notes: string[] = [];
  const extensions: string[] = [];
  for (const key of loaded.topLevelKeys) {
    const known = TOP_LEVEL_KEYS[key];
    if (isExtension(key)) extensions.push(key);
    else if (known === undefined) notes.push(`top-level ${key}: not a compose key (misspelt?): ignored`);
    else if (known.handling === 'not mapped' || known.handling === 'nothing to deploy')
      notes.push(`top-level ${key}: ${known.what}`);
  }
  if (extensions.length > 0)
    notes.push(`top-level ${extensions.join(', ')}: extension fields (x-*), for anchors and tools: nothing to deploy`);
  const networkNames = Object.keys(loaded.networks);
  if (networkNames.length > 0)
    notes.push(
      `networks (${networkNames.join(', ')}) are not mapped: every service shares the namespace; AppNetwork.isolate(chart) allows exactly the connectTo calls below`,
    );
  const externalVolumes: Record<string, string> = {};
  for (const [name, def] of Object.entries(loaded.volumes)) {
    if (!isMap(def)) continue;
    if (def.external === true || isMap(def.external))
      externalVolumes[name] = typeof def.name === 'string' ? def.name : name;
    for (const key of ['driver', 'driver_opts', 'labels'])
      if (def[key] !== undefined)
        notes.push(
          `volume ${name}: ${key} is not mapped (claims use the cluster's default StorageClass: set storageClassName)`,
        );
  }
  const secrets: Record<string, string> = {};
  for (const [name, r] of Object.entries(loaded.secrets)) secrets[name] = describeSource(r.def, loaded.dir, r.dir);
  const configs: Record<string, ComposeConfig> = {};
  for (const [name, r] of Object.entries(loaded.configs))
    configs[name] = readConfig(name, r.def, r.dir, loaded.dir, loaded.context);
  const ctx: ProjectContext = {
    name: loaded.name,
    dir: loaded.dir,
    interpolation: loaded.context,
    envFiles: {},
    hostFiles: {},
  };
  const services = loaded.services.map((s) => parseService(s.name, s.raw, ctx));
  // link aliases: how a client calls its dependency
  const aliases = new Map<string, Set<string>>();
  for (const s of loaded.services) {
    for (const l of asList(s.raw.links)) {
      const [target, alias] = String(l).split(':');
      if (alias !== undefined && alias !== target) aliases.set(target, (aliases.get(target) ?? new Set()).add(alias));
    }
  }
  const withAliases = services.map((s) =>
    aliases.has(s.name) ? { ...s, aliases: [...new Set([...s.aliases, ...aliases.get(s.name)!])] } : s,
  );
  return {
    name: loaded.name,
    services: withAliases,
    excluded: loaded.excluded,
    activeProfiles: loaded.activeProfiles,
    secrets,
    configs,
    envFiles: ctx.envFiles,
    hostFiles: ctx.hostFiles,
    externalVolumes,
    variables: [...loaded.variables].map(([name, source]) => ({
      name,
      source:
        source === 'env file'
          ? `from ${loaded.envFiles.map((f) => displayPath(f, loaded.dir)).join(', ')}`
          : source === 'environment'
            ? 'from the environment'
            : source === 'unset: default'
              ? 'unset: the default (or nothing) the file gives for it'
              : 'unset, without a default: an empty string',
    })),
    warnings: loaded.warnings,
    notes,
  };
}

/** The service keys handled below, beyond those the table marks as mapped. */
function parseService(name: string, raw: Raw, ctx: ProjectContext): ComposeService {
  const notes: string[] = [];
  const note = (key: string, text?: string): void => {
    notes.push(`${key}: ${text ?? SERVICE_KEYS[key]?.what ?? 'not mapped'}`);
  };
  for (const key of Object.keys(raw)) {
    const known = SERVICE_KEYS[key];
    if (isExtension(key)) continue;
    const v = raw[key];
    const empty =
      v === false || v === null || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
    if (known === undefined) note(key, 'not a compose key (misspelt?): ignored');
    else if ((known.handling === 'not mapped' || known.handling === 'nothing to deploy') && !empty) note(key);
  }

  // image and build
  const image = typeof raw.image === 'string' && raw.image !== '' ? raw.image : undefined;
  const buildRaw = raw.build ?? (raw.dockerfile !== undefined ? ctx.dir : undefined);
  const context =
    typeof buildRaw === 'string'
      ? buildRaw
      : isMap(buildRaw) && typeof buildRaw.context === 'string'
        ? buildRaw.context
        : undefined;
  const buildContext =
    buildRaw === undefined
      ? undefined
      : context === undefined
        ? '.'
        : /:\/\/|^git@/.test(context)
          ? context
          : displayPath(context, ctx.dir);

  // environment, env files
  const environment: Record<string, string> = {};
  const fromHost = (k: string): void =>
    note(
      'environment',
      `${k} takes its value from the host (the environment of whoever runs compose): not copied into the app; give it a value, or a Secret reference (kplus.EnvValue.fromSecretValue)`,
    );
  if (Array.isArray(raw.environment)) {
    for (const entry of raw.environment.map(String)) {
      const eq = entry.indexOf('=');
      if (eq < 0) fromHost(entry);
      else environment[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
  } else if (isMap(raw.environment)) {
    for (const [k, v] of Object.entries(raw.environment)) {
      if (v === null || v === undefined) fromHost(k);
      else environment[k] = String(v);
    }
  }
  const envFiles = parseEnvFiles(raw.env_file, ctx, notes);

  // image needs, user
  const namedVolumeTargets: string[] = [];
  const ports = parsePorts(raw, notes);
  const { volumes, scratch, fileMounts } = parseVolumes(raw, ctx, notes);
  for (const v of volumes) namedVolumeTargets.push(v.target);
  for (const s of scratch) namedVolumeTargets.push(s.target);
  const needs = image !== undefined ? imageNeeds(image, namedVolumeTargets, environment) : undefined;
  let user: number | undefined;
  let userOrigin: string | undefined;
  if (raw.user !== undefined && raw.user !== null) {
    const [uid, gid] = String(raw.user).split(':');
    const known = /^\d+$/.test(uid) ? Number(uid) : knownUserId(uid, image);
    if (known === undefined)
      note('user', `'${String(raw.user)}' is a name convert does not know for this image: set user to its UID`);
    else {
      user = known;
      userOrigin = `docker-compose sets user ${String(raw.user)}`;
      if (gid !== undefined && gid !== uid && !(/^\d+$/.test(gid) && Number(gid) === known))
        note('user', `group ${gid}: the pattern runs with the group (and fsGroup) ${known}, the UID`);
    }
  } else if (needs !== undefined) {
    user = needs.uid;
    userOrigin = `the image's own user: ${needs.basis}`;
  }

  // dependencies
  const dependsOn: ComposeDependency[] = [];
  if (Array.isArray(raw.depends_on))
    for (const d of raw.depends_on)
      dependsOn.push({ service: String(d), condition: 'service_started', required: true });
  else if (isMap(raw.depends_on))
    for (const [d, v] of Object.entries(raw.depends_on)) {
      const spec = isMap(v) ? v : {};
      dependsOn.push({
        service: d,
        condition: typeof spec.condition === 'string' ? spec.condition : 'service_started',
        required: spec.required !== false,
      });
      if (spec.restart === true)
        note(
          'depends_on',
          `${d} restart: true (restart ${name} when ${d} is updated): Kubernetes restarts nothing on another's update`,
        );
    }
  for (const l of asList(raw.links)) {
    const target = String(l).split(':')[0];
    if (!dependsOn.some((d) => d.service === target))
      dependsOn.push({ service: target, condition: 'service_started', required: true });
  }
  for (const d of dependsOn) {
    if (d.condition === 'service_healthy')
      note(
        'depends_on',
        `${d.service} condition: service_healthy (compose starts ${name} once ${d.service}'s healthcheck passes): Kubernetes starts both at once; ${name} must retry until ${d.service} answers (its readiness probe keeps traffic away meanwhile), or add an initContainer that waits for ${d.service}`,
      );
    else if (d.condition === 'service_completed_successfully')
      note(
        'depends_on',
        `${d.service} condition: service_completed_successfully (a one-off task compose runs first): Kubernetes has no start order; run ${d.service} as a BatchJob (or an initContainer of ${name})`,
      );
  }

  // aliases: container_name, network aliases
  const aliases: string[] = [];
  const containerName = typeof raw.container_name === 'string' ? raw.container_name : undefined;
  if (containerName !== undefined && containerName !== name) aliases.push(containerName);
  if (isMap(raw.networks)) {
    for (const [net, spec] of Object.entries(raw.networks)) {
      if (!isMap(spec)) continue;
      aliases.push(...asList(spec.aliases).map(String));
      for (const key of Object.keys(spec))
        if (key !== 'aliases')
          note('networks', `${net}.${key}: pods get their addresses and interfaces from the cluster network`);
    }
  }

  // deploy and resources
  const deploy = isMap(raw.deploy) ? raw.deploy : {};
  for (const key of Object.keys(deploy)) {
    const known = DEPLOY_KEYS[key];
    if (known === undefined) note('deploy', `${key}: not a compose deploy key (misspelt?): ignored`);
    else if (key === 'mode') {
      if (deploy.mode === 'global')
        note(
          'deploy',
          'mode: global (one container per node): that is a NodeAgent (DaemonSet); convert made a Deployment',
        );
      else if (deploy.mode !== 'replicated') note('deploy', `mode: ${String(deploy.mode)} is not mapped`);
    } else if (known.handling === 'not mapped') note('deploy', `${key}: ${known.what}`);
  }
  const resources = isMap(deploy.resources) ? deploy.resources : {};
  for (const side of ['limits', 'reservations'] as const) {
    const r = isMap(resources[side]) ? resources[side] : {};
    for (const key of Object.keys(r))
      if (key !== 'cpus' && key !== 'memory')
        note('deploy', `resources.${side}.${key}: not mapped (Kubernetes requests and limits cover CPU and memory)`);
  }
  for (const key of Object.keys(resources))
    if (key !== 'limits' && key !== 'reservations') note('deploy', `resources.${key}: not mapped`);
  const limits = mergeAmounts(
    isMap(resources.limits) ? resourceAmount(resources.limits) : undefined,
    resourceAmount({ cpus: raw.cpus, memory: raw.mem_limit }),
  );
  const reservations = mergeAmounts(
    isMap(resources.reservations) ? resourceAmount(resources.reservations) : undefined,
    resourceAmount({ memory: raw.mem_reservation }),
  );
  const replicas =
    typeof deploy.replicas === 'number' ? deploy.replicas : typeof raw.scale === 'number' ? raw.scale : undefined;

  // restart
  if (raw.restart !== undefined && raw.restart !== 'always' && raw.restart !== 'unless-stopped')
    note(
      'restart',
      `${String(raw.restart)}: Deployments and StatefulSets always restart their containers; a service that runs once is a BatchJob`,
    );

  // capabilities
  for (const cap of asList(raw.cap_add).map(String)) {
    if (cap === 'NET_BIND_SERVICE' || cap === 'CAP_NET_BIND_SERVICE')
      notes.push(
        `cap_add: ${cap}: a port below 1024 gets bindLowPorts (the unprivileged port sysctl), which works for a non-root process`,
      );
    else
      note(
        'cap_add',
        `${cap} breaks the restricted Pod Security Standard: not added; give capabilities: { add: ['${cap.replace(/^CAP_/, '')}'], reason } if the service needs it`,
      );
  }

  // secrets, configs
  const fileRefs = (key: 'secrets' | 'configs', defaultTarget: (n: string) => string): ComposeFileRef[] =>
    asList(raw[key]).map((r) => {
      if (isMap(r)) {
        for (const k of ['uid', 'gid', 'mode'])
          if (r[k] !== undefined)
            note(key, `${String(r.source)} ${k}: not mapped (the file is read-only, owned by root, readable by all)`);
      }
      return fileRef(r, defaultTarget);
    });
  const secretRefs = fileRefs('secrets', (n) => `/run/secrets/${n}`);
  const configRefs = fileRefs('configs', (n) => `/${n}`);

  // labels, annotations
  const annotations: Record<string, string> = {};
  for (const f of oneOrList(raw.label_file)) {
    const p = String(f);
    if (!fs.existsSync(p)) throw new Error(`service ${name}: label_file ${displayPath(p, ctx.dir)} not found`);
    for (const e of parseEnvFile(fs.readFileSync(p, 'utf8'), { file: displayPath(p, ctx.dir) }))
      annotations[e.name] = e.value ?? '';
  }
  for (const key of ['annotations', 'labels'] as const) {
    for (const [k, v] of Object.entries(keyValues(raw[key]))) {
      if (annotationKeyProblem(k) !== undefined) note(key, `${k}: ${annotationKeyProblem(k)!}: not mapped`);
      else annotations[k] = v;
    }
  }

  // the rest of the container and pod
  const platform = typeof raw.platform === 'string' ? raw.platform.split('/') : undefined;
  const nodeSelector =
    platform !== undefined
      ? {
          'kubernetes.io/os': platform[0],
          ...(platform[1] !== undefined ? { 'kubernetes.io/arch': platform[1] } : {}),
        }
      : undefined;
  if (platform !== undefined && platform[2] !== undefined)
    note('platform', `variant ${platform[2]}: nodes carry no label for it`);
  const pull = typeof raw.pull_policy === 'string' ? raw.pull_policy : undefined;
  const pullPolicy =
    pull === 'always'
      ? 'ALWAYS'
      : pull === 'never'
        ? 'NEVER'
        : pull === 'missing' || pull === 'if_not_present'
          ? 'IF_NOT_PRESENT'
          : undefined;
  if (pull !== undefined && pullPolicy === undefined)
    note('pull_policy', `${pull}: no imagePullPolicy equivalent (Kubernetes pulls Always, IfNotPresent or Never)`);
  const hook = (key: 'post_start' | 'pre_stop'): readonly string[] | undefined => {
    const hooks = asList(raw[key]).filter(isMap);
    if (hooks.length === 0) return undefined;
    if (hooks.length > 1) note(key, `${hooks.length} hooks: Kubernetes runs one; the first is mapped`);
    for (const k of Object.keys(hooks[0]))
      if (k !== 'command') note(key, `${k}: not mapped (the hook runs in the main container, as its user)`);
    return hooks[0].command !== undefined ? commandLine(hooks[0].command) : undefined;
  };
  const healthcheck = parseHealthcheck(raw.healthcheck, notes);
  const shm = raw.shm_size !== undefined ? mebibytes(raw.shm_size) : undefined;
  return {
    name,
    image,
    buildContext,
    builtImageName: buildRaw !== undefined && image === undefined ? `${ctx.name}-${name}` : undefined,
    entrypoint: raw.entrypoint !== undefined && raw.entrypoint !== null ? commandLine(raw.entrypoint) : undefined,
    command: raw.command !== undefined && raw.command !== null ? commandLine(raw.command) : undefined,
    environment,
    envFiles,
    ports,
    volumes,
    scratch,
    fileMounts,
    dependsOn,
    aliases,
    healthcheck,
    limits,
    reservations,
    replicas,
    user,
    userOrigin,
    readOnly: raw.read_only === true,
    imageNeeds: needs,
    secrets: secretRefs,
    configs: configRefs,
    annotations,
    workingDir: typeof raw.working_dir === 'string' ? raw.working_dir : undefined,
    containerName,
    stopGracePeriodSeconds: raw.stop_grace_period !== undefined ? seconds(raw.stop_grace_period) : undefined,
    nodeSelector,
    pullPolicy,
    shmSizeMiB: shm,
    postStart: hook('post_start'),
    preStop: hook('pre_stop'),
    notes,
  };
}

/** Names of variables that hold credentials: their values stay out of the app. */
export function looksSecret(name: string, value: string): boolean {
  const parts = name.toUpperCase().split(/[^A-Z0-9]+/);
  const words = [
    'PASSWORD',
    'PASSWD',
    'PASS',
    'PWD',
    'SECRET',
    'SECRETS',
    'TOKEN',
    'KEY',
    'APIKEY',
    'CREDENTIAL',
    'CREDENTIALS',
    'PRIVATE',
  ];
  return parts.some((p) => words.includes(p)) || /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value);
}

/** `env_file`: each file read (once per project), as compose reads it; returns the keys used. */
function parseEnvFiles(raw: unknown, ctx: ProjectContext, notes: string[]): string[] {
  const keys: string[] = [];
  for (const entry of oneOrList(raw)) {
    const spec = isMap(entry) ? entry : { path: entry };
    const file = String(spec.path);
    const rawFormat = spec.format === 'raw';
    const key = `${file}${rawFormat ? '#raw' : ''}`;
    if (!(key in ctx.envFiles)) {
      if (!fs.existsSync(file)) {
        if (spec.required === false) continue;
        throw new Error(`env file ${displayPath(file, ctx.dir)} not found (env_file; required unless required: false)`);
      }
      const entries = parseEnvFile(fs.readFileSync(file, 'utf8'), {
        raw: rawFormat,
        context: ctx.interpolation,
        file: displayPath(file, ctx.dir),
      });
      const values: Record<string, string> = {};
      const secretKeys: string[] = [];
      const fromHost: string[] = [];
      const seen = new Map<string, string | undefined>();
      for (const e of entries) seen.set(e.name, e.value);
      for (const [n, v] of seen) {
        if (v === undefined) fromHost.push(n);
        else if (looksSecret(n, v)) secretKeys.push(n);
        else values[n] = v;
      }
      ctx.envFiles[key] = { path: displayPath(file, ctx.dir), values, secretKeys, fromHost };
    }
    const f = ctx.envFiles[key];
    for (const n of f.fromHost)
      notes.push(
        `env_file: ${f.path}: ${n} takes its value from the host (the environment of whoever runs compose): not copied into the app`,
      );
    keys.push(key);
  }
  return keys;
}

function parsePorts(raw: Raw, notes: string[]): ComposePort[] {
  const all: ComposePort[] = [];
  for (const p of asList(raw.ports)) all.push(...parsePort(p, true, notes));
  for (const p of asList(raw.expose)) all.push(...parsePort(p, false, notes));
  const unique: ComposePort[] = [];
  for (const p of all) {
    const same = unique.find((u) => u.container === p.container && u.protocol === p.protocol);
    if (same === undefined) unique.push(p);
    else if (p.publish !== undefined && same.publish !== undefined)
      notes.push(
        `ports: ${p.container}/${p.protocol} is published twice; the outside Service carries host port ${same.publish.hostPort ?? '(ephemeral)'}, not ${p.publish.hostPort ?? '(ephemeral)'}`,
      );
  }
  return unique;
}

function parsePort(p: unknown, published: boolean, notes: string[]): ComposePort[] {
  const protocolOf = (x: unknown): 'tcp' | 'udp' | undefined => {
    const s = String(x ?? 'tcp').toLowerCase();
    return s === 'tcp' || s === 'udp' ? s : undefined;
  };
  if (isMap(p)) {
    const target = Number(p.target);
    const protocol = protocolOf(p.protocol);
    if (!Number.isInteger(target) || protocol === undefined) {
      notes.push(`ports: ${JSON.stringify(p)}: not a TCP or UDP port: not mapped`);
      return [];
    }
    const publishedText = p.published !== undefined && p.published !== null ? String(p.published) : '';
    return [
      {
        container: target,
        protocol,
        name: typeof p.name === 'string' ? p.name : undefined,
        publish: published ? hostSide(publishedText, typeof p.host_ip === 'string' ? p.host_ip : undefined) : undefined,
      },
    ];
  }
  const text = String(p);
  const slash = text.lastIndexOf('/');
  const protocol = protocolOf(slash >= 0 ? text.slice(slash + 1) : 'tcp');
  const spec = slash >= 0 ? text.slice(0, slash) : text;
  const colon = spec.lastIndexOf(':');
  const container = colon >= 0 ? spec.slice(colon + 1) : spec;
  const left = colon >= 0 ? spec.slice(0, colon) : undefined;
  let hostIp: string | undefined;
  let host = left ?? '';
  if (left !== undefined) {
    const c = left.lastIndexOf(':');
    if (c >= 0) {
      hostIp = left.slice(0, c).replace(/^\[|\]$/g, '');
      host = left.slice(c + 1);
    }
  }
  const containers = range(container);
  if (containers === undefined || protocol === undefined) {
    notes.push(`ports: ${text}: not mapped (not a TCP or UDP port, or a range of more than 100)`);
    return [];
  }
  const hosts = range(host);
  return containers.map((c, i) => ({
    container: c,
    protocol,
    publish: published
      ? hosts !== undefined && hosts.length === containers.length && containers.length > 1
        ? { hostPort: hosts[i], hostIp }
        : hostSide(host, hostIp)
      : undefined,
  }));
}

/** The host side of a published port (`8080`, `8000-8005`, `` for ephemeral). */
function hostSide(host: string, hostIp: string | undefined): { hostPort?: number; hostIp?: string; range?: string } {
  if (host === '') return { hostIp };
  if (/^\d+$/.test(host)) return { hostPort: Number(host), hostIp };
  const m = /^(\d+)-(\d+)$/.exec(host);
  if (m !== null) return { hostPort: Number(m[1]), hostIp, range: host };
  return { hostIp };
}

/** `3000` or `3000-3005` as port numbers; undefined when not a port or range of at most 100. */
function range(text: string): number[] | undefined {
  if (/^\d+$/.test(text)) return [Number(text)];
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (m === null) return undefined;
  const [from, to] = [Number(m[1]), Number(m[2])];
  if (to < from || to - from >= 100) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function parseVolumes(
  raw: Raw,
  ctx: ProjectContext,
  notes: string[],
): { volumes: ComposeVolumeMount[]; scratch: ComposeScratchMount[]; fileMounts: ComposeFileMount[] } {
  const volumes: ComposeVolumeMount[] = [];
  const scratch: ComposeScratchMount[] = [];
  const fileMounts: ComposeFileMount[] = [];
  const bind = (source: string, target: string, readOnly: boolean, spec: string): void => {
    const shown = displayPath(source, ctx.dir);
    if (source === '/var/run/docker.sock' || source === '/run/docker.sock') {
      notes.push(
        `volumes: ${spec}: the Docker socket: cluster nodes run no Docker API for pods (and it would be root on the node)`,
      );
      return;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(source);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile() && stat.size <= MAX_HOST_FILE) {
      const content = fs.readFileSync(source);
      if (!content.includes(0)) {
        ctx.hostFiles[source] ??= { path: shown, content: content.toString('utf8') };
        fileMounts.push({ file: source, target });
        if (!readOnly)
          notes.push(`volumes: ${spec}: the file is mounted from a ConfigMap, read-only (compose mounts it writable)`);
        return;
      }
    }
    const what =
      stat === undefined
        ? `${shown} does not exist here`
        : stat.isDirectory()
          ? `a host folder (${shown})`
          : `a host file too large or binary for a ConfigMap (${shown})`;
    notes.push(
      `volumes: ${spec}: ${what}: a bind mount of the host, which cluster nodes do not have: use a named volume (a PersistentVolumeClaim), or put the files into the image`,
    );
  };
  for (const v of asList(raw.volumes)) {
    if (isMap(v)) {
      const target = typeof v.target === 'string' ? v.target : undefined;
      const spec = JSON.stringify(v);
      if (target === undefined) {
        notes.push(`volumes: ${spec}: no target: not mapped`);
        continue;
      }
      const type = String(v.type ?? 'volume');
      if (type === 'volume' && typeof v.source === 'string' && v.source !== '') {
        const sub = isMap(v.volume) && typeof v.volume.subpath === 'string' ? v.volume.subpath : undefined;
        volumes.push({ volume: v.source, target, readOnly: v.read_only === true, subPath: sub });
      } else if (type === 'volume') scratch.push({ target, memory: false });
      else if (type === 'tmpfs')
        scratch.push({
          target,
          memory: true,
          sizeMiB: isMap(v.tmpfs) && v.tmpfs.size !== undefined ? mebibytes(v.tmpfs.size) : undefined,
        });
      else if (type === 'bind' && typeof v.source === 'string')
        bind(v.source, target, v.read_only === true, `${displayPath(v.source, ctx.dir)}:${target}`);
      else notes.push(`volumes: ${spec}: a ${type} mount: not mapped`);
      continue;
    }
    const spec = String(v);
    const parts = splitVolume(spec);
    if (parts.length === 1) {
      scratch.push({ target: parts[0], memory: false });
      continue;
    }
    const [source, target, mode = ''] = parts;
    const readOnly = mode.split(',').includes('ro');
    if (path.isAbsolute(source) || /^[A-Za-z]:[\\/]/.test(source))
      bind(source, target, readOnly, [displayPath(source, ctx.dir), ...parts.slice(1)].join(':'));
    else if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source)) volumes.push({ volume: source, target, readOnly });
    else notes.push(`volumes: ${spec}: not mapped`);
  }
  for (const t of oneOrList(raw.tmpfs)) {
    const [target, options = ''] = String(t).split(':');
    const size = /(?:^|,)size=([^,]+)/.exec(options)?.[1];
    scratch.push({ target, memory: true, sizeMiB: size !== undefined ? mebibytes(size) : undefined });
  }
  return { volumes, scratch, fileMounts };
}

function parseHealthcheck(raw: unknown, notes: string[]): ComposeHealthcheck | undefined {
  if (!isMap(raw) || raw.disable === true || raw.test === undefined) return undefined;
  let command: string[];
  if (typeof raw.test === 'string') command = ['sh', '-c', raw.test];
  else if (Array.isArray(raw.test)) {
    const [kind, ...rest] = raw.test.map(String);
    if (kind === 'NONE') return undefined;
    command = kind === 'CMD-SHELL' ? ['sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : [kind, ...rest];
  } else return undefined;
  if (raw.start_interval !== undefined)
    notes.push(`healthcheck: start_interval: not mapped (probes keep one period; start_period delays the first)`);
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

function resourceAmount(raw: Raw): ComposeResourceAmount | undefined {
  const cpus = raw.cpus !== undefined && raw.cpus !== null ? Number(raw.cpus) : undefined;
  const amount = {
    cpuMillis: cpus !== undefined && Number.isFinite(cpus) && cpus > 0 ? Math.ceil(cpus * 1000) : undefined,
    memoryMiB: raw.memory !== undefined && raw.memory !== null ? mebibytes(raw.memory) : undefined,
  };
  return amount.cpuMillis === undefined && amount.memoryMiB === undefined ? undefined : amount;
}

/** `deploy.resources` over the service-level keys (`cpus`, `mem_limit`, `mem_reservation`). */
function mergeAmounts(
  deploy: ComposeResourceAmount | undefined,
  service: ComposeResourceAmount | undefined,
): ComposeResourceAmount | undefined {
  if (deploy === undefined) return service;
  if (service === undefined) return deploy;
  return { cpuMillis: deploy.cpuMillis ?? service.cpuMillis, memoryMiB: deploy.memoryMiB ?? service.memoryMiB };
}

function fileRef(raw: unknown, defaultTarget: (name: string) => string): ComposeFileRef {
  if (isMap(raw)) {
    const source = String(raw.source);
    const target = raw.target === undefined ? defaultTarget(source) : String(raw.target);
    return { source, target: target.startsWith('/') ? target : defaultTarget(target) };
  }
  return { source: String(raw), target: defaultTarget(String(raw)) };
}

function readConfig(
  name: string,
  def: unknown,
  dir: string,
  projectDir: string,
  ctx: InterpolationContext,
): ComposeConfig {
  const raw = isMap(def) ? def : {};
  if (typeof raw.content === 'string') return { name, fileName: name, content: raw.content, origin: 'content' };
  if (typeof raw.file === 'string') {
    const file = path.resolve(dir, raw.file);
    const content = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    return { name, fileName: path.basename(raw.file), content, origin: `file ${displayPath(file, projectDir)}` };
  }
  if (typeof raw.environment === 'string') {
    const content = ctx.lookup(raw.environment);
    ctx.onRead?.(raw.environment, content !== undefined);
    return {
      name,
      fileName: name,
      content,
      origin: `environment variable ${raw.environment}, read at convert time`,
    };
  }
  return { name, fileName: name, origin: describeSource(def, projectDir, dir) };
}

function describeSource(def: unknown, projectDir: string, dir: string): string {
  if (!isMap(def)) return 'declared in the compose file';
  if (typeof def.file === 'string') return `file ${displayPath(path.resolve(dir, def.file), projectDir)}`;
  if (typeof def.environment === 'string') return `environment variable ${def.environment}`;
  if (def.external === true || isMap(def.external)) return 'external';
  return 'declared in the compose file';
}

/** A map from compose's map or `KEY=VALUE` list form. */
function keyValues(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(x)) for (const [k, v] of Object.entries(x)) out[k] = v === null || v === undefined ? '' : String(v);
  else
    for (const item of asList(x).map(String)) {
      const eq = item.indexOf('=');
      out[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? '' : item.slice(eq + 1);
    }
  return out;
}

/** What is wrong with an annotation key, or undefined. */
function annotationKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name) || name.length > 63)
    return 'not a valid annotation name (at most 63 letters, digits, -, _ and .)';
  if (prefix !== undefined && (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix) || prefix.length > 253))
    return 'its prefix is not a DNS subdomain';
  return undefined;
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

function oneOrList(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined || x === null ? [] : [x];
}
