import { ComposeHealthcheck, ComposeProject, ComposeResourceAmount, ComposeService } from './model';

/** Options for `generateApp`. */
export interface GenerateOptions {
  /** The module the app imports kubecraft from. */
  readonly importFrom: string;
  /** The compose file's name, for the header. */
  readonly source: string;
}

type Kind = 'web' | 'stateful' | 'worker' | 'skip';

/** Defaults of the patterns when compose gives only part of the resources (`DEFAULT_*_RESOURCES`). */
const DEFAULTS: Record<'stateful' | 'other', { cpu: [number, number]; memory: [number, number] }> = {
  stateful: { cpu: [250, 1000], memory: [512, 1024] },
  other: { cpu: [100, 500], memory: [128, 256] },
};

/** A DNS-1123 label from a compose name (`my_db` → `my-db`). */
export function dnsName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return n.length > 0 ? n : 'app';
}

/** A TypeScript identifier from a compose name (`user-db` → `userDb`). */
function identifier(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0);
  const id = parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1).toLowerCase())).join('');
  return /^[A-Za-z_]/.test(id) ? id : `s${id}`;
}

/** How a service is converted. */
export function kindOf(s: ComposeService): Kind {
  if (s.image === undefined) return 'skip';
  if (s.volumes.length > 0) return 'stateful';
  if (s.ports.some((p) => p.protocol === 'tcp')) return 'web';
  return 'worker';
}

/** Whether an image reference names no tag (or `latest`) and no digest. */
export function untagged(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.split('/').pop() ?? image;
  const colon = last.indexOf(':');
  return colon < 0 || last.slice(colon + 1) === 'latest';
}

const q = (s: string): string => JSON.stringify(s);

/**
 * Generates a runnable TypeScript app from `project`: a `KubecraftChart` subclass built from the
 * patterns (`WebService`, `StatefulService`, `Worker`), and the `KubecraftApp` that synthesizes
 * it when the file is run. What is not mapped is listed at the top.
 */
export function generateApp(project: ComposeProject, options: GenerateOptions): string {
  const ns = dnsName(project.name);
  const className = `${identifier(project.name).replace(/^./, (c) => c.toUpperCase())}Chart`;
  const kinds = new Map(project.services.map((s) => [s.name, kindOf(s)]));
  const vars = new Map<string, string>();
  const taken = new Set(['app', 'chart', 'this', 'kplus', 'Size', 'Duration', 'Construct', 'Policy', 'Probes']);
  for (const s of project.services) {
    let v = identifier(s.name);
    while (taken.has(v) || RESERVED.has(v)) v = `${v}_`;
    taken.add(v);
    vars.set(s.name, v);
  }
  const used = new Set<string>(['KubecraftApp', 'KubecraftChart']);
  const cdk8s = new Set<string>();
  const kplusUsed = true; // the Namespace
  const notes: string[] = [...project.notes];
  const body: string[] = [];
  const line = (s = ''): number => body.push(s ? `    ${s}` : '');

  // secrets and configs, once each
  const secretVars = new Map<string, string>();
  const configVars = new Map<string, string>();
  const usedSecrets = new Set(
    project.services.filter((s) => kinds.get(s.name) !== 'skip').flatMap((s) => s.secrets.map((r) => r.source)),
  );
  const usedConfigs = new Set(
    project.services.filter((s) => kinds.get(s.name) !== 'skip').flatMap((s) => s.configs.map((r) => r.source)),
  );
  for (const name of usedSecrets) {
    const v = `${identifier(name)}Secret`;
    secretVars.set(name, v);
    used.add('ExistingSecret');
    const origin = project.secrets[name] ?? 'not declared at the top level';
    const how = origin.startsWith('file ')
      ? `kubectl create secret generic ${dnsName(name)} --from-file=${secretKey(name)}=${origin.slice(5)}`
      : `kubectl create secret generic ${dnsName(name)} --from-literal=${secretKey(name)}=...`;
    line(`// docker-compose secret ${name} (${origin}): create it before applying, e.g. ${how}`);
    line(
      `const ${v} = ExistingSecret.fromName(this, ${q(dnsName(name))}, [${q(secretKey(name))}], ${q(`docker-compose secret ${name}, created outside the app`)});`,
    );
  }
  for (const name of usedConfigs) {
    const v = `${identifier(name)}Config`;
    configVars.set(name, v);
    const c = project.configs[name];
    const fileName = c?.fileName ?? name;
    if (c?.content === undefined)
      line(
        `// TODO: docker-compose config ${name} (${c?.origin ?? 'not declared at the top level'}) could not be read: fill in its content`,
      );
    else line(`// docker-compose config ${name} (${c.origin})`);
    line(
      `const ${v} = new kplus.ConfigMap(this, ${q(`config-${dnsName(name)}`)}, { metadata: { name: ${q(dnsName(name))} }, data: { ${q(fileName)}: ${q(c?.content ?? '')} } });`,
    );
  }
  if (usedSecrets.size + usedConfigs.size > 0) line();

  // named volumes of services without a port: one PVC each (StatefulServices claim their own)
  const pvcVars = new Map<string, string>();
  const needsPvc = (s: ComposeService): boolean => kindOf(s) === 'stateful' && portOf(s) === undefined;
  for (const s of project.services.filter(needsPvc)) {
    for (const m of s.volumes) {
      if (pvcVars.has(m.volume)) continue;
      const v = `${identifier(m.volume)}Claim`;
      pvcVars.set(m.volume, v);
      cdk8s.add('Size');
      line(`// docker-compose volume ${m.volume}: compose gives no size; 1Gi until you say otherwise`);
      line(
        `const ${v} = new kplus.PersistentVolumeClaim(this, ${q(`volume-${dnsName(m.volume)}`)}, { metadata: { name: ${q(dnsName(m.volume))} }, storage: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] });`,
      );
    }
  }
  if (pvcVars.size > 0) line();

  for (const s of project.services) {
    const kind = kinds.get(s.name)!;
    const v = vars.get(s.name)!;
    const id = dnsName(s.name);
    for (const n of s.notes) notes.push(`${s.name}: ${n}`);
    if (kind === 'skip') {
      line(`// ${s.name}: build-only (no image): skipped; build and push it, then give it an image`);
      line();
      continue;
    }
    const port = portOf(s);
    const cls =
      kind === 'web' ? 'WebService' : kind === 'stateful' && port !== undefined ? 'StatefulService' : 'Worker';
    used.add(cls);
    if (id !== s.name) line(`// ${s.name}: renamed ${id} (Kubernetes names are DNS labels)`);
    const props: string[] = [];
    const image = s.image!;
    if (untagged(image)) props.push(`// TODO: pin a tag (policy/image-pinned rejects an image without one)`);
    props.push(`image: ${q(image)},`);
    if (s.entrypoint) props.push(`command: ${JSON.stringify(s.entrypoint)},`);
    if (s.command) props.push(`args: ${JSON.stringify(s.command)},`);
    const envEntries = Object.entries(s.environment);
    if (envEntries.length > 0)
      props.push(
        `env: { ${envEntries.map(([k, val]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k)}: ${q(val)}`).join(', ')} },`,
      );
    if (s.user !== undefined) {
      if (s.user === 0) props.push(`runAsRootReason: ${q('docker-compose runs it as user 0')},`);
      else props.push(`user: ${s.user},`);
    }
    if (s.replicas !== undefined) props.push(`replicas: ${s.replicas},`);
    if (s.limits || s.reservations) {
      props.push(
        resourcesCode(s.limits, s.reservations, kind === 'stateful' && port !== undefined ? 'stateful' : 'other'),
      );
      cdk8s.add('Size');
    }
    const probe = s.healthcheck ? probeCode(s.healthcheck, cdk8s) : undefined;
    if (probe) used.add('Probes');
    const mounts: string[] = [];
    s.secrets.forEach((r) => {
      const key = secretKey(r.source);
      mounts.push(
        `{ path: ${q(r.target)}, volume: kplus.Volume.fromSecret(this, ${q(`${id}-secret-${dnsName(r.source)}`)}, ${secretVars.get(r.source)}, { name: ${q(`secret-${dnsName(r.source)}`)} }), subPath: ${q(key)}, readOnly: true }`,
      );
    });
    s.configs.forEach((r) => {
      const fileName = project.configs[r.source]?.fileName ?? r.source;
      mounts.push(
        `{ path: ${q(r.target)}, volume: kplus.Volume.fromConfigMap(this, ${q(`${id}-config-${dnsName(r.source)}`)}, ${configVars.get(r.source)}, { name: ${q(`config-${dnsName(r.source)}`)} }), subPath: ${q(fileName)}, readOnly: true }`,
      );
    });
    if (cls === 'Worker' && kind === 'stateful') {
      s.volumes.forEach((m) => {
        mounts.push(
          `{ path: ${q(m.target)}, volume: kplus.Volume.fromPersistentVolumeClaim(this, ${q(`${id}-volume-${dnsName(m.volume)}`)}, ${pvcVars.get(m.volume)}, { name: ${q(`volume-${dnsName(m.volume)}`)} })${m.readOnly ? ', readOnly: true' : ''} }`,
        );
      });
    }
    if (mounts.length > 0) props.push(`mounts: [\n${mounts.map((m) => `  ${m},`).join('\n')}\n],`);
    const published = s.ports.filter((p) => p.published !== undefined);
    if (cls !== 'Worker' && s.ports.some((p) => p.container < 1024))
      props.push(
        `bindLowPorts: true, // a port below 1024 as a non-root user: docker runs the image as root, Kubernetes here does not`,
      );
    if (cls === 'WebService') {
      props.push(`port: ${port}, // the first port in docker-compose`);
      props.push(`servicePort: ${port}, // clients reach it on the same port as under compose`);
      if (published.length > 0)
        props.push(
          `// docker-compose publishes ${published.map((p) => `${p.container} (on host ${p.published})`).join(', ')}: for access from outside, add exposure: Exposure.loadBalancer() (or .ingress({ host }), .nodePort())`,
        );
      if (probe) props.push(`liveness: ${probe},`, `readiness: ${probe},`);
      else {
        used.add('Probes');
        props.push(`// no healthcheck in docker-compose: a TCP connect instead of GET /healthz`);
        props.push(`liveness: Probes.tcpSocket({ port: 'http' }),`, `readiness: Probes.tcpSocket({ port: 'http' }),`);
      }
      extraPorts(s, port!, props);
    } else if (cls === 'StatefulService') {
      cdk8s.add('Size');
      const [first, ...rest] = s.volumes;
      props.push(`port: ${port},`);
      if (published.length > 0)
        props.push(
          `// docker-compose publishes ${published.map((p) => `${p.container} (on host ${p.published})`).join(', ')}: reach it in the cluster by its Service name`,
        );
      props.push(`storage: Size.gibibytes(1), // docker-compose volume ${first.volume}: compose gives no size`);
      props.push(`dataPath: ${q(first.target)},`);
      for (const r of rest)
        notes.push(`${s.name}: volume ${r.volume} at ${r.target} is not mapped (a StatefulService claims one volume)`);
      if (probe) props.push(`readiness: ${probe},`);
      extraPorts(s, port!, props);
    } else {
      if (probe) props.push(`liveness: ${probe},`, `readiness: ${probe},`);
      else props.push(`liveness: false, // no healthcheck in docker-compose`, `readiness: false,`);
    }
    line(`const ${v} = new ${cls}(this, ${q(id)}, {`);
    for (const p of props) for (const l of p.split('\n')) body.push(`      ${l}`);
    line(`});`);
    if (cls === 'Worker' && !probe) {
      used.add('Policy');
      line(`Policy.relax(${v}, "policy/probes", ${q(`docker-compose declares no healthcheck for ${s.name}`)});`);
    }
    line();
  }

  // connections: depends_on, links, and environment values naming another service
  const connections: string[] = [];
  for (const s of project.services) {
    if (kinds.get(s.name) === 'skip') continue;
    const targets = new Set(s.dependsOn);
    for (const other of project.services)
      if (other.name !== s.name && Object.values(s.environment).some((val) => mentions(val, other.name)))
        targets.add(other.name);
    for (const t of targets) {
      const target = project.services.find((o) => o.name === t);
      if (target === undefined) {
        notes.push(`${s.name}: depends on ${t}, which is not a service`);
        continue;
      }
      const tk = kinds.get(t)!;
      if (tk === 'skip' || tk === 'worker' || (tk === 'stateful' && portOf(target) === undefined)) {
        connections.push(
          `// ${s.name} -> ${t}: ${tk === 'skip' ? `${t} is skipped` : `${t} has no port (no Service)`}, nothing to connect`,
        );
        continue;
      }
      const prefix = t
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
      const clash = ['HOST', 'PORT', 'ADDR'].some((x) => `${prefix}_${x}` in s.environment);
      connections.push(
        `${vars.get(s.name)}.connectTo(${vars.get(t)}${clash ? `, { envPrefix: ${q(`${prefix}_SERVICE`)} }` : ''});`,
      );
    }
  }
  if (connections.length > 0) {
    line('// depends_on, links and environment values naming a service');
    for (const c of connections) line(c);
  }
  while (body.length > 0 && body[body.length - 1] === '') body.pop();

  const header = [
    `// Generated by \`kubecraft convert ${options.source}\`: a kubecraft app from a docker-compose file.`,
    `// Run it with \`kubecraft synth <this file>\`; review the TODOs and what is not mapped first.`,
    '//',
    "// Where compose says nothing, kubecraft's pattern defaults apply: non-root UID 1000 (set `user`",
    '// to the UID the image expects), a read-only root filesystem with /tmp writable (list other',
    '// paths the process writes in `writablePaths`), explicit resources, no outside exposure.',
  ];
  if (notes.length > 0) {
    header.push('//', '// Not mapped:');
    for (const n of notes) header.push(`// - ${n}`);
  }
  const imports: string[] = [];
  if (cdk8s.size > 0) imports.push(`import { ${[...cdk8s].sort().join(', ')} } from 'cdk8s';`);
  if (kplusUsed) imports.push(`import * as kplus from 'cdk8s-plus-27';`);
  imports.push(`import { Construct } from 'constructs';`);
  imports.push(`import { ${[...used].sort().join(', ')} } from ${q(options.importFrom)};`);
  return [
    ...header,
    ...imports,
    '',
    `/** The docker-compose project ${project.name}, in namespace ${ns}. */`,
    `export class ${className} extends KubecraftChart {`,
    '  constructor(scope: Construct, id: string) {',
    `    super(scope, id, { namespace: ${q(ns)} });`,
    `    new kplus.Namespace(this, 'namespace', { metadata: { name: ${q(ns)} } });`,
    '',
    ...body,
    '  }',
    '}',
    '',
    'if (require.main === module) {',
    '  const app = new KubecraftApp();',
    `  new ${className}(app, ${q(ns)});`,
    '  app.synth();',
    '}',
    '',
  ].join('\n');
}

/** The container port of a service's Service: its first TCP port. */
function portOf(s: ComposeService): number | undefined {
  return s.ports.find((p) => p.protocol === 'tcp')?.container;
}

function extraPorts(s: ComposeService, port: number, props: string[]): void {
  const seen = new Set([port]);
  const extra: string[] = [];
  for (const p of s.ports) {
    if (seen.has(p.container)) continue;
    seen.add(p.container);
    const protocol = p.protocol === 'udp' ? ', protocol: kplus.Protocol.UDP' : '';
    extra.push(`{ name: ${q(`port-${p.container}`)}, port: ${p.container}${protocol} }`);
  }
  if (extra.length > 0) props.push(`extraPorts: [${extra.join(', ')}],`);
}

/** A Secret key from a compose secret name. */
function secretKey(name: string): string {
  return /^[-._a-zA-Z0-9]+$/.test(name) ? name : 'value';
}

/** Whether an environment value names `service` as a host (`db`, `db:5432`, `postgres://u@db/x`). */
function mentions(value: string, service: string): boolean {
  const escaped = service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[/@=,\\s])${escaped}(:\\d+|[/,\\s?]|$)`).test(value);
}

function probeCode(h: ComposeHealthcheck, cdk8s: Set<string>): string {
  const opts: string[] = [];
  const dur = (key: string, n: number | undefined): void => {
    if (n === undefined) return;
    cdk8s.add('Duration');
    opts.push(`${key}: Duration.seconds(${n})`);
  };
  dur('periodSeconds', h.intervalSeconds);
  dur('timeoutSeconds', h.timeoutSeconds);
  dur('initialDelaySeconds', h.startPeriodSeconds);
  if (h.retries !== undefined) opts.push(`failureThreshold: ${h.retries}`);
  return `Probes.exec(${JSON.stringify(h.command)}${opts.length > 0 ? `, { ${opts.join(', ')} }` : ''})`;
}

function resourcesCode(
  limits: ComposeResourceAmount | undefined,
  reservations: ComposeResourceAmount | undefined,
  defaults: 'stateful' | 'other',
): string {
  const d = DEFAULTS[defaults];
  const pick = (lim?: number, res?: number, fallback?: [number, number]): [number, number] =>
    lim === undefined && res === undefined ? fallback! : [res ?? lim!, lim ?? res!];
  const cpu = pick(limits?.cpuMillis, reservations?.cpuMillis, d.cpu);
  const memory = pick(limits?.memoryMiB, reservations?.memoryMiB, d.memory);
  return [
    '// deploy.resources: reservations are requests, limits limits (the pattern default where compose gives neither)',
    'resources: {',
    `  cpu: { request: kplus.Cpu.millis(${cpu[0]}), limit: kplus.Cpu.millis(${cpu[1]}) },`,
    `  memory: { request: Size.mebibytes(${memory[0]}), limit: Size.mebibytes(${memory[1]}) },`,
    '},',
  ].join('\n');
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with let static yield await implements interface package private protected public require module'.split(
    ' ',
  ),
);
