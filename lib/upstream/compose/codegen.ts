import { isPinnedTag } from '../../values/image-reference';
import { portNames } from './images';
import { ComposeHealthcheck, ComposePort, ComposeProject, ComposeResourceAmount, ComposeService } from './model';

/** Options for `generateApp`. */
export interface GenerateOptions {
  /** The module the app imports kubecraft from. */
  readonly importFrom: string;
  /** The compose file's name, for the header. */
  readonly source: string;
}

type Kind = 'web' | 'stateful' | 'worker';

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

/** The environment variable a build-only service's image is read from (`user-api` → `USER_API_IMAGE`). */
export function imageVariable(service: string): string {
  return `${service
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}_IMAGE`;
}

/** How a service is converted: a TCP port and named volumes make a StatefulService, a TCP port a WebService, else a Worker. */
export function kindOf(s: ComposeService): Kind {
  const tcp = s.ports.some((p) => p.protocol === 'tcp');
  if (tcp && s.volumes.length > 0) return 'stateful';
  if (tcp) return 'web';
  return 'worker';
}

/**
 * Why an image reference is not pinned to one release, or undefined: no tag, `latest`, or a tag
 * that moves (a name such as `alpine`, a major version such as `16-alpine`). A digest, a
 * `MAJOR.MINOR` version, a date or a commit id pin it (what policy/image-pinned accepts).
 */
export function floatingTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.split('/').pop() ?? image;
  const colon = last.indexOf(':');
  if (colon < 0) return 'it has no tag';
  const tag = last.slice(colon + 1);
  if (tag === 'latest') return 'latest moves';
  return isPinnedTag(tag) ? undefined : `the tag ${tag} moves (a name or a major version)`;
}

const q = (s: string): string => JSON.stringify(s);
const key = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k));
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** A port of a service with its name. */
interface NamedPort extends ComposePort {
  readonly portName: string;
}

/**
 * Generates a runnable TypeScript app from `project`: a `KubecraftChart` subclass built from the
 * patterns (`WebService`, `StatefulService`, `Worker`), and the `KubecraftApp` that synthesizes
 * it when the file is run. Decisions left to the user and what is not mapped are listed at the
 * top, each with the service and the reason.
 */
export function generateApp(project: ComposeProject, options: GenerateOptions): string {
  const ns = dnsName(project.name);
  const base = identifier(project.name).replace(/^./, (c) => c.toUpperCase());
  const className = `${base}Chart`;
  const imagesType = `${base}Images`;
  const kinds = new Map(project.services.map((s) => [s.name, kindOf(s)]));
  const named = new Map<string, NamedPort[]>();
  for (const s of project.services) {
    const names = portNames(s.ports);
    named.set(
      s.name,
      s.ports.map((p, i) => ({ ...p, portName: names[i] })),
    );
  }
  const vars = new Map<string, string>();
  const taken = new Set([
    'app',
    'chart',
    'this',
    'kplus',
    'Size',
    'Duration',
    'Construct',
    'Policy',
    'Probes',
    'images',
    'scope',
    'id',
  ]);
  for (const s of project.services) {
    let v = identifier(s.name);
    while (taken.has(v) || RESERVED.has(v)) v = `${v}_`;
    taken.add(v);
    vars.set(s.name, v);
  }
  const used = new Set<string>(['KubecraftApp', 'KubecraftChart']);
  const cdk8s = new Set<string>();
  const notes: string[] = [...project.notes];
  const decisions: string[] = [];
  const body: string[] = [];
  const line = (s = ''): number => body.push(s ? `    ${s}` : '');
  const buildOnly = project.services.filter((s) => s.image === undefined);

  // secrets and configs, once each
  const secretVars = new Map<string, string>();
  const configVars = new Map<string, string>();
  const usedSecrets = new Set(project.services.flatMap((s) => s.secrets.map((r) => r.source)));
  const usedConfigs = new Set(project.services.flatMap((s) => s.configs.map((r) => r.source)));
  for (const name of usedSecrets) {
    const v = uniqueVar(`${identifier(name)}Secret`, taken);
    secretVars.set(name, v);
    used.add('ExistingSecret');
    const origin = project.secrets[name] ?? 'not declared at the top level';
    const how = origin.startsWith('file ')
      ? `kubectl create secret generic ${dnsName(name)} --from-file=${secretKey(name)}=${origin.slice(5)}`
      : origin.startsWith('environment variable ')
        ? `kubectl create secret generic ${dnsName(name)} --from-literal=${secretKey(name)}="$${origin.slice(21)}"`
        : `kubectl create secret generic ${dnsName(name)} --from-literal=${secretKey(name)}=...`;
    line(`// docker-compose secret ${name} (${origin}): create it before applying, e.g. ${how}`);
    line(
      `const ${v} = ExistingSecret.fromName(this, ${q(dnsName(name))}, [${q(secretKey(name))}], ${q(`docker-compose secret ${name}, created outside the app`)});`,
    );
  }
  for (const name of usedConfigs) {
    const v = uniqueVar(`${identifier(name)}Config`, taken);
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

  // env files: a ConfigMap each, and the credentials in an ExistingSecret
  const envFileVars = new Map<string, string[]>();
  const usedEnvFiles = [...new Set(project.services.flatMap((s) => s.envFiles))];
  const envNames = new Set<string>();
  for (const k of usedEnvFiles) {
    const f = project.envFiles[k];
    let n = dnsName(`env-${f.path.replace(/^\.\//, '').replace(/\.env$|^\.env$/, '') || 'dotenv'}`);
    while (envNames.has(n)) n = `${n}-x`;
    envNames.add(n);
    const refs: string[] = [];
    const entries = Object.entries(f.values);
    if (entries.length > 0) {
      const v = uniqueVar(`${identifier(n)}`, taken);
      line(`// env_file ${f.path}, read as docker-compose reads it (environment values win over it, as in compose)`);
      line(
        `const ${v} = new kplus.ConfigMap(this, ${q(n)}, { metadata: { name: ${q(n)} }, data: { ${entries.map(([ek, ev]) => `${q(ek)}: ${q(ev)}`).join(', ')} } });`,
      );
      refs.push(v);
    }
    if (f.secretKeys.length > 0) {
      const v = uniqueVar(`${identifier(n)}Secret`, taken);
      used.add('ExistingSecret');
      line(
        `// env_file ${f.path}: ${f.secretKeys.join(', ')} look like credentials, so their values stay out of the app: create the Secret before applying, e.g. kubectl create secret generic ${n}-secret ${f.secretKeys.map((sk) => `--from-literal=${sk}=...`).join(' ')}`,
      );
      line(
        `const ${v} = ExistingSecret.fromName(this, ${q(`${n}-secret`)}, [${f.secretKeys.map(q).join(', ')}], ${q(`the credentials of env_file ${f.path}, created outside the app`)});`,
      );
      refs.push(v);
    }
    envFileVars.set(k, refs);
  }

  // host files bind-mounted by services: a ConfigMap each
  const hostFileVars = new Map<string, { v: string; key: string }>();
  const hostNames = new Set<string>();
  for (const s of project.services) {
    for (const m of s.fileMounts) {
      if (hostFileVars.has(m.file)) continue;
      const f = project.hostFiles[m.file];
      const fileName = f.path.split('/').pop() ?? 'file';
      let n = dnsName(`file-${fileName}`);
      while (hostNames.has(n)) n = `${n}-x`;
      hostNames.add(n);
      const v = uniqueVar(`${identifier(n)}`, taken);
      hostFileVars.set(m.file, { v, key: configKey(fileName) });
      line(`// ${f.path}, bind-mounted by docker-compose: its content, as a ConfigMap`);
      line(
        `const ${v} = new kplus.ConfigMap(this, ${q(n)}, { metadata: { name: ${q(n)} }, data: { ${q(configKey(fileName))}: ${q(f.content)} } });`,
      );
    }
  }
  if (body.length > 0) line();

  // named volumes not claimed by a StatefulService: one PVC each, shared by the services that mount it
  const pvcVars = new Map<string, string>();
  const users = new Map<string, string[]>();
  for (const s of project.services)
    for (const m of s.volumes) users.set(m.volume, [...(users.get(m.volume) ?? []), s.name]);
  for (const [volume, who] of users)
    if (new Set(who).size > 1)
      notes.push(
        `volume ${volume} is shared by ${[...new Set(who)].join(', ')} under compose: each StatefulService claims its own; services that mount a claim share it only on one node (ReadWriteOnce): give it a ReadWriteMany StorageClass to share across nodes`,
      );
  for (const s of project.services) {
    const kind = kinds.get(s.name)!;
    for (const [i, m] of s.volumes.entries()) {
      if ((kind === 'stateful' && i === 0) || pvcVars.has(m.volume)) continue;
      const v = uniqueVar(`${identifier(m.volume)}Claim`, taken);
      pvcVars.set(m.volume, v);
      const external = project.externalVolumes[m.volume];
      if (external !== undefined) {
        line(`// docker-compose volume ${m.volume} is external: the claim ${external} exists already`);
        line(
          `const ${v} = kplus.PersistentVolumeClaim.fromClaimName(this, ${q(`volume-${dnsName(m.volume)}`)}, ${q(external)});`,
        );
      } else {
        cdk8s.add('Size');
        line(`// docker-compose volume ${m.volume}: compose gives no size; 1Gi until you say otherwise`);
        line(
          `const ${v} = new kplus.PersistentVolumeClaim(this, ${q(`volume-${dnsName(m.volume)}`)}, { metadata: { name: ${q(dnsName(m.volume))} }, storage: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] });`,
        );
      }
    }
  }
  if (pvcVars.size > 0) line();

  for (const s of project.services) {
    const kind = kinds.get(s.name)!;
    const v = vars.get(s.name)!;
    const id = dnsName(s.name);
    const ports = named.get(s.name)!;
    for (const n of s.notes) notes.push(`${s.name}: ${n}`);
    const main = ports.find((p) => p.protocol === 'tcp');
    const cls = kind === 'web' ? 'WebService' : kind === 'stateful' ? 'StatefulService' : 'Worker';
    used.add(cls);
    if (id !== s.name) line(`// ${s.name}: renamed ${id} (Kubernetes names are DNS labels)`);
    const props: string[] = [];
    const after: string[] = [];

    // the image
    if (s.image === undefined) {
      const ref = /^[A-Za-z_$][\w$]*$/.test(s.name) ? `images.${s.name}` : `images[${q(s.name)}]`;
      props.push(
        `image: ${ref}, // docker-compose builds it from ${s.buildContext ?? '.'}: the image you built and pushed`,
      );
    } else {
      if (s.buildContext !== undefined)
        line(
          `// docker-compose builds ${s.image} from ${s.buildContext}: push it where the cluster pulls from (the cluster does not build)`,
        );
      const floating = floatingTag(s.image);
      if (floating !== undefined)
        props.push(`// TODO: pin a version or a digest: ${floating}, and policy/image-pinned rejects it`);
      props.push(`image: ${q(s.image)},`);
    }
    if (s.pullPolicy) props.push(`imagePullPolicy: kplus.ImagePullPolicy.${s.pullPolicy},`);
    if (s.entrypoint) props.push(`command: ${JSON.stringify(s.entrypoint)},`);
    if (s.command) props.push(`args: ${JSON.stringify(s.command)},`);
    const env: string[] = Object.entries(s.environment).map(([k, val]) => `${key(k)}: ${q(val)}`);
    for (const [k, e] of Object.entries(s.imageNeeds?.env ?? {})) {
      props.push(`// ${k}: ${e.why}`);
      env.push(`${key(k)}: ${q(e.value)}`);
    }
    if (env.length > 0) props.push(`env: { ${env.join(', ')} },`);
    const envFrom = s.envFiles.flatMap((k) => envFileVars.get(k) ?? []);
    if (envFrom.length > 0) props.push(`envFrom: [${envFrom.join(', ')}], // env_file`);

    // user and root filesystem
    const image = s.image ?? `the image built from ${s.buildContext ?? '.'}`;
    if (s.user === 0) props.push(`runAsRootReason: ${q(`docker-compose runs ${s.name} as root (user: 0)`)},`);
    else if (s.user !== undefined) props.push(`user: ${s.user}, // ${s.userOrigin ?? 'docker-compose sets it'}`);
    const decide: string[] = [];
    if (s.user === undefined) {
      decide.push(
        `which user? It runs as UID 1000 here; docker runs it as the image's USER (root when the image sets none): set user to the image's non-root UID (docker inspect -f '{{.Config.User}}' ${s.image ?? '<image>'}), or runAsRootReason if it cannot run as another user`,
      );
      props.push(`// DECISION: the image's user is unknown to convert: UID 1000 here (see the top of the file)`);
    }
    const needs = s.imageNeeds;
    const writable = new Set(needs?.writablePaths ?? ['/tmp']);
    for (const m of s.scratch) if (!m.memory) writable.add(m.target);
    if (needs?.writableRootReason !== undefined)
      props.push(`writableRootFilesystemReason: ${q(needs.writableRootReason)},`);
    else if (needs !== undefined)
      props.push(
        `writablePaths: ${JSON.stringify([...writable])}, // what ${s.image ?? s.name} writes besides its volumes (the root filesystem is read-only)`,
      );
    else {
      if (!s.readOnly) {
        decide.push(
          `which paths does it write? The root filesystem is read-only here (docker's is writable, unless read_only: true): list them in writablePaths (each gets an emptyDir), or give writableRootFilesystemReason`,
        );
        props.push(`// DECISION: the paths it writes are unknown to convert: /tmp only here (see the top of the file)`);
      }
      if (writable.size !== 1 || !writable.has('/tmp')) props.push(`writablePaths: ${JSON.stringify([...writable])},`);
    }
    if (decide.length > 0)
      decisions.push(
        `${s.name} (${image}): ${decide.map((d, i) => (decide.length > 1 ? `(${i + 1}) ${d}` : d)).join('; ')}`,
      );
    if (s.replicas !== undefined) props.push(`replicas: ${s.replicas},`);
    if (s.limits || s.reservations) {
      props.push(resourcesCode(s.limits, s.reservations, kind === 'stateful' ? 'stateful' : 'other'));
      cdk8s.add('Size');
    }
    if (Object.keys(s.annotations).length > 0)
      props.push(
        `podAnnotations: { ${Object.entries(s.annotations)
          .map(([k, val]) => `${q(k)}: ${q(val)}`)
          .join(', ')} }, // labels`,
      );
    if (s.containerName !== undefined && s.containerName !== id) {
      const cn = dnsName(s.containerName);
      props.push(`containerName: ${q(cn)}, // container_name ${s.containerName}`);
    }
    if (s.stopGracePeriodSeconds !== undefined) {
      cdk8s.add('Duration');
      props.push(`terminationGracePeriod: Duration.seconds(${s.stopGracePeriodSeconds}), // stop_grace_period`);
    }
    if (s.nodeSelector !== undefined)
      props.push(
        `nodeSelector: { ${Object.entries(s.nodeSelector)
          .map(([k, val]) => `${q(k)}: ${q(val)}`)
          .join(', ')} }, // platform`,
      );
    const hooks: string[] = [];
    if (s.postStart) hooks.push(`postStart: kplus.Handler.fromCommand(${JSON.stringify(s.postStart)})`);
    if (s.preStop) hooks.push(`preStop: kplus.Handler.fromCommand(${JSON.stringify(s.preStop)})`);
    if (hooks.length > 0) props.push(`lifecycle: { ${hooks.join(', ')} },`);

    // mounts
    const probe = s.healthcheck ? probeCode(s.healthcheck, cdk8s) : undefined;
    if (probe) used.add('Probes');
    const mounts: string[] = [];
    s.secrets.forEach((r) => {
      mounts.push(
        `{ path: ${q(r.target)}, volume: kplus.Volume.fromSecret(this, ${q(`${id}-secret-${dnsName(r.source)}`)}, ${secretVars.get(r.source)}, { name: ${q(`secret-${dnsName(r.source)}`)} }), subPath: ${q(secretKey(r.source))}, readOnly: true }`,
      );
    });
    s.configs.forEach((r) => {
      const fileName = project.configs[r.source]?.fileName ?? r.source;
      mounts.push(
        `{ path: ${q(r.target)}, volume: kplus.Volume.fromConfigMap(this, ${q(`${id}-config-${dnsName(r.source)}`)}, ${configVars.get(r.source)}, { name: ${q(`config-${dnsName(r.source)}`)} }), subPath: ${q(fileName)}, readOnly: true }`,
      );
    });
    s.fileMounts.forEach((m, i) => {
      const f = hostFileVars.get(m.file)!;
      mounts.push(
        `{ path: ${q(m.target)}, volume: kplus.Volume.fromConfigMap(this, ${q(`${id}-file-${i}`)}, ${f.v}, { name: ${q(`file-${i}`)} }), subPath: ${q(f.key)}, readOnly: true }`,
      );
    });
    s.volumes.forEach((m, i) => {
      if (kind === 'stateful' && i === 0) return;
      mounts.push(
        `{ path: ${q(m.target)}, volume: kplus.Volume.fromPersistentVolumeClaim(this, ${q(`${id}-volume-${dnsName(m.volume)}`)}, ${pvcVars.get(m.volume)}, { name: ${q(`volume-${dnsName(m.volume)}`)} })${m.subPath ? `, subPath: ${q(m.subPath)}` : ''}${m.readOnly ? ', readOnly: true' : ''} }`,
      );
    });
    const sharedClaims = kind === 'stateful' ? s.volumes.slice(1) : s.volumes;
    if (sharedClaims.length > 0 && (s.replicas ?? 1) > 1)
      notes.push(
        `${s.name}: volume ${sharedClaims.map((m) => m.volume).join(', ')}: one claim for ${s.replicas} replicas, and a ReadWriteOnce claim mounts on one node only: give it a ReadWriteMany StorageClass, or one replica`,
      );
    s.scratch
      .filter((m) => m.memory)
      .forEach((m, i) => {
        const size = m.sizeMiB !== undefined ? `, sizeLimit: Size.mebibytes(${m.sizeMiB})` : '';
        if (size) cdk8s.add('Size');
        mounts.push(
          `{ path: ${q(m.target)}, volume: kplus.Volume.fromEmptyDir(this, ${q(`${id}-tmpfs-${i}`)}, ${q(`tmpfs-${i}`)}, { medium: kplus.EmptyDirMedium.MEMORY${size} }) } /* tmpfs */`,
        );
      });
    if (s.shmSizeMiB !== undefined) {
      cdk8s.add('Size');
      mounts.push(
        `{ path: "/dev/shm", volume: kplus.Volume.fromEmptyDir(this, ${q(`${id}-shm`)}, "shm", { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(${s.shmSizeMiB}) }) } /* shm_size */`,
      );
    }
    if (mounts.length > 0) props.push(`mounts: [\n${mounts.map((m) => `  ${m},`).join('\n')}\n],`);
    if (s.user !== 0 && ports.some((p) => p.container < 1024))
      props.push(
        `bindLowPorts: true, // a port below 1024 as a non-root user: docker runs the image as root, Kubernetes here does not`,
      );

    // ports, probes, storage
    const extra = ports.filter((p) => p !== main).map(portCode);
    if (cls === 'WebService') {
      props.push(`port: ${main!.container}, // the first TCP port in docker-compose`);
      if (main!.portName !== 'http') props.push(`portName: ${q(main!.portName)},`);
      props.push(`servicePort: ${main!.container}, // clients reach it on the same port as under compose`);
      if (extra.length > 0) props.push(`extraPorts: [${extra.join(', ')}],`);
      if (probe) props.push(`liveness: ${probe},`, `readiness: ${probe},`);
      else {
        used.add('Probes');
        props.push(`// no healthcheck in docker-compose: a TCP connect instead of GET /healthz`);
        const tcp = `Probes.tcpSocket({ port: ${q(main!.portName)} })`;
        props.push(`liveness: ${tcp},`, `readiness: ${tcp},`);
      }
    } else if (cls === 'StatefulService') {
      cdk8s.add('Size');
      const first = s.volumes[0];
      props.push(`port: ${main!.container},`);
      props.push(`portName: ${q(main!.portName)},`);
      if (extra.length > 0) props.push(`extraPorts: [${extra.join(', ')}],`);
      props.push(`storage: Size.gibibytes(1), // docker-compose volume ${first.volume}: compose gives no size`);
      props.push(`dataPath: ${q(first.target)},`);
      if (project.externalVolumes[first.volume] !== undefined)
        notes.push(
          `${s.name}: volume ${first.volume} is external (the claim ${project.externalVolumes[first.volume]} exists): the StatefulService claims a new one (data-${id}-0); adopt the existing volume with volumeClaimTemplateName, or move the data`,
        );
      if (first.subPath !== undefined || first.readOnly)
        notes.push(
          `${s.name}: volume ${first.volume}: subpath and read-only are not mapped for the StatefulService's own claim`,
        );
      if (probe) props.push(`readiness: ${probe},`);
    } else {
      if (ports.length > 0) props.push(`ports: [${ports.map(portCode).join(', ')}],`);
      if (probe) props.push(`liveness: ${probe},`, `readiness: ${probe},`);
      else props.push(`liveness: false, // no healthcheck in docker-compose`, `readiness: false,`);
    }

    // published ports: reached from outside
    const published = ports.filter((p) => p.publish !== undefined);
    const local = published.filter((p) => LOOPBACK.has(p.publish!.hostIp ?? ''));
    const outside = published.filter((p) => !local.includes(p));
    if (local.length > 0)
      props.push(
        `// docker-compose publishes ${local.map((p) => p.container).join(', ')} on the host's loopback (${local[0].publish!.hostIp}) only: no other machine reaches it there either; from your machine: kubectl port-forward -n ${ns} ${cls === 'Worker' ? 'deployment' : 'svc'}/${id} ${local.map((p) => `${p.publish!.hostPort ?? p.container}:${p.container}`).join(' ')}`,
      );
    let publicService: string[] = [];
    if (outside.length > 0) {
      const nodePort = outside.every((p) => p.publish!.hostPort === undefined);
      const how = nodePort ? 'NodePort' : 'LoadBalancer';
      const described = outside
        .map(
          (p) =>
            `${p.container}${p.protocol === 'udp' ? '/udp' : ''} ${p.publish!.hostPort === undefined ? 'on an ephemeral host port' : `on host port ${p.publish!.range ?? p.publish!.hostPort}`}${p.publish!.hostIp && p.publish!.hostIp !== '0.0.0.0' && p.publish!.hostIp !== '::' ? ` of ${p.publish!.hostIp}` : ''}`,
        )
        .join(', ');
      const sameNumbers = outside.every(
        (p) => p.publish!.hostPort === undefined || p.publish!.hostPort === p.container,
      );
      const publicName = `${id}-public`;
      if (cls === 'WebService' && sameNumbers) {
        used.add('Exposure');
        props.push(
          `// docker-compose publishes ${described}: reached from outside through the ${how} Service ${publicName}${nodePort ? ' (on a node port the cluster picks, as docker picks an ephemeral port)' : ''}`,
        );
        props.push(
          `additionalServices: [{ name: ${q(publicName)}, exposure: Exposure.${nodePort ? 'nodePort' : 'loadBalancer'}(), ports: [${outside.map((p) => q(p.portName)).join(', ')}] }],`,
        );
      } else {
        used.add('AppNetwork');
        const pv = uniqueVar(`${v}Public`, taken);
        const why =
          cls === 'WebService'
            ? 'a Service of its own, as the host ports differ from the ports clients in the cluster use'
            : cls === 'StatefulService'
              ? "a Service of its own, as a StatefulService's Service is headless"
              : 'a Service of its own, as a Worker has none';
        publicService = [
          `// docker-compose publishes ${described}: reached from outside through the ${how} Service ${publicName} (${why})`,
          `const ${pv} = new kplus.Service(this, ${q(publicName)}, {`,
          `  metadata: { name: ${q(publicName)}, labels: { ...${v}.labels } },`,
          `  type: kplus.ServiceType.${nodePort ? 'NODE_PORT' : 'LOAD_BALANCER'},`,
          `  ports: [${outside.map((p) => `{ name: ${q(p.portName)}, port: ${p.publish!.hostPort ?? p.container}, targetPort: ${p.container}${p.protocol === 'udp' ? ', protocol: kplus.Protocol.UDP' : ''} }`).join(', ')}],`,
          `});`,
          `for (const [k, val] of Object.entries(${v}.podSelector)) ${pv}.selectLabel(k, val);`,
          ...outside
            .filter((p) => p.protocol === 'tcp')
            .map(
              (p) =>
                `AppNetwork.of(this).allowFromOutside({ name: ${v}.name, labels: ${v}.podSelector }, ${p.container});`,
            ),
        ];
        if (outside.some((p) => p.protocol === 'udp'))
          notes.push(
            `${s.name}: published UDP ports are not allowed from outside when the namespace is isolated (AppNetwork allows TCP): add a NetworkPolicy for them`,
          );
      }
      if (outside.some((p) => p.publish!.range !== undefined))
        notes.push(`${s.name}: a host port range: the outside Service listens on its first port`);
    }
    if (cls !== 'Worker' && ports.some((p) => p.protocol === 'udp') && main === undefined)
      notes.push(`${s.name}: UDP ports only: a Worker without a Service`);

    line(`const ${v} = new ${cls}(this, ${q(id)}, {`);
    for (const p of props) for (const l of p.split('\n')) body.push(`      ${l}`);
    line(`});`);
    if (cls === 'Worker' && !probe) {
      used.add('Policy');
      line(`Policy.relax(${v}, "policy/probes", ${q(`docker-compose declares no healthcheck for ${s.name}`)});`);
    }
    if (s.workingDir !== undefined) {
      cdk8s.add('ApiObject');
      cdk8s.add('JsonPatch');
      const workload = cls === 'StatefulService' ? 'statefulSet' : 'deployment';
      after.push(
        `ApiObject.of(${v}.${workload}).addJsonPatch(JsonPatch.add("/spec/template/spec/containers/0/workingDir", ${q(s.workingDir)})); // working_dir`,
      );
    }
    for (const a of [...after, ...publicService]) line(a);
    line();
  }

  // connections: depends_on, links, and environment values naming a service (or its compose alias)
  const connections: string[] = [];
  const all = new Map(project.services.map((s) => [s.name, s]));
  for (const s of project.services) {
    const values = [
      ...Object.values(s.environment),
      ...s.envFiles.flatMap((k) => Object.values(project.envFiles[k]?.values ?? {})),
    ];
    const targets = new Set(s.dependsOn.map((d) => d.service));
    for (const other of project.services) {
      if (other.name === s.name) continue;
      if (values.some((val) => mentions(val, other.name))) targets.add(other.name);
      for (const alias of other.aliases)
        if (alias !== other.name && values.some((val) => mentions(val, alias))) {
          targets.add(other.name);
          notes.push(
            `${s.name}: its environment names ${other.name} by its compose alias ${alias}, which does not resolve in the cluster: use ${dnsName(other.name)} (the Service), or the ${envPrefix(other.name)}_HOST variable connectTo sets`,
          );
        }
    }
    for (const t of targets) {
      const target = all.get(t);
      if (target === undefined) {
        const left = project.excluded.find((e) => e.name === t);
        notes.push(
          left !== undefined
            ? `${s.name}: depends on ${t}, left out with its profiles (${left.profiles.join(', ')})`
            : `${s.name}: depends on ${t}, which is not a service`,
        );
        continue;
      }
      if (kinds.get(t) === 'worker') {
        connections.push(`// ${s.name} -> ${t}: ${t} has no TCP port (no Service), nothing to connect`);
        continue;
      }
      const prefix = envPrefix(t);
      const envKeys = new Set([
        ...Object.keys(s.environment),
        ...s.envFiles.flatMap((k) => [
          ...Object.keys(project.envFiles[k]?.values ?? {}),
          ...(project.envFiles[k]?.secretKeys ?? []),
        ]),
      ]);
      const clash = ['HOST', 'PORT', 'ADDR'].some((x) => envKeys.has(`${prefix}_${x}`));
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
    `// Run it with \`kubecraft synth <this file>\`; review the decisions and what is not mapped first.`,
    '//',
    "// Where compose says nothing, kubecraft's pattern defaults apply: non-root, a read-only root",
    '// filesystem with /tmp writable, explicit resources, no exposure beyond what compose publishes.',
  ];
  if (project.variables.length > 0) {
    header.push('//', '// Interpolated at convert time, as docker-compose does (convert again when they change):');
    for (const v of project.variables) header.push(`// - ${v.name}: ${v.source}`);
  }
  if (project.excluded.length > 0 || project.activeProfiles.length > 0) {
    header.push(
      '//',
      `// Profiles: ${project.activeProfiles.length > 0 ? `active ${project.activeProfiles.join(', ')}` : 'none active'}.`,
    );
    for (const e of project.excluded)
      header.push(
        `// - ${e.name} is left out (profiles ${e.profiles.join(', ')}), as docker-compose leaves it out: convert with --profile ${e.profiles[0]} to include it`,
      );
  }
  if (buildOnly.length > 0) {
    header.push('//', '// Images docker-compose builds (build: without image:), which the cluster cannot build:');
    for (const s of buildOnly)
      header.push(
        `// - ${s.name}: built from ${s.buildContext ?? '.'}; build and push it, then run with ${imageVariable(s.name)}=<registry>/${s.builtImageName ?? s.name}:<tag>`,
      );
  }
  if (decisions.length > 0) {
    header.push('//', '// Decisions for you (convert cannot know them from the compose file):');
    for (const d of decisions) header.push(`// - ${d}`);
  }
  if (project.warnings.length > 0) {
    header.push('//', '// Warnings while converting:');
    for (const w of project.warnings) header.push(`// - ${w}`);
  }
  if (notes.length > 0) {
    header.push('//', '// Not mapped:');
    for (const n of notes) header.push(`// - ${n}`);
  }
  const imports: string[] = [];
  if (cdk8s.size > 0) imports.push(`import { ${[...cdk8s].sort().join(', ')} } from 'cdk8s';`);
  imports.push(`import * as kplus from 'cdk8s-plus-27';`);
  imports.push(`import { Construct } from 'constructs';`);
  imports.push(`import { ${[...used].sort().join(', ')} } from ${q(options.importFrom)};`);
  const imagesDecl: string[] =
    buildOnly.length > 0
      ? [
          '',
          `/** The images docker-compose builds itself: build them, push them where the cluster pulls from, and give them here. */`,
          `export interface ${imagesType} {`,
          ...buildOnly.flatMap((s) => [
            `  /** ${s.name}, built from ${s.buildContext ?? '.'} (docker-compose tags it ${s.builtImageName ?? s.name}). */`,
            `  readonly ${key(s.name)}: string;`,
          ]),
          '}',
        ]
      : [];
  const mainBlock =
    buildOnly.length > 0
      ? [
          '',
          '/** The image reference in the environment variable `variable`: required, as the cluster cannot build. */',
          'function imageFromEnvironment(variable: string, service: string, context: string): string {',
          '  const image = process.env[variable];',
          "  if (image === undefined || image === '')",
          '    throw new Error(',
          '      `${variable} is not set: docker-compose builds ${service} from ${context}, which the cluster cannot do; build the image, push it where the cluster pulls from, and run with ${variable}=<registry>/<repository>:<tag>`,',
          '    );',
          '  return image;',
          '}',
          '',
          'if (require.main === module) {',
          '  const app = new KubecraftApp();',
          `  new ${className}(app, ${q(ns)}, {`,
          ...buildOnly.map(
            (s) =>
              `    ${key(s.name)}: imageFromEnvironment(${q(imageVariable(s.name))}, ${q(s.name)}, ${q(s.buildContext ?? '.')}),`,
          ),
          '  });',
          '  app.synth();',
          '}',
        ]
      : [
          '',
          'if (require.main === module) {',
          '  const app = new KubecraftApp();',
          `  new ${className}(app, ${q(ns)});`,
          '  app.synth();',
          '}',
        ];
  return [
    ...header,
    ...imports,
    ...imagesDecl,
    '',
    `/** The docker-compose project ${project.name}, in namespace ${ns}. */`,
    `export class ${className} extends KubecraftChart {`,
    `  constructor(scope: Construct, id: string${buildOnly.length > 0 ? `, images: ${imagesType}` : ''}) {`,
    `    super(scope, id, { namespace: ${q(ns)} });`,
    `    new kplus.Namespace(this, 'namespace', { metadata: { name: ${q(ns)} } });`,
    '',
    ...body,
    '  }',
    '}',
    ...mainBlock,
    '',
  ].join('\n');
}

function uniqueVar(v: string, taken: Set<string>): string {
  let out = v;
  while (taken.has(out) || RESERVED.has(out)) out = `${out}_`;
  taken.add(out);
  return out;
}

function portCode(p: NamedPort): string {
  const protocol = p.protocol === 'udp' ? ', protocol: kplus.Protocol.UDP' : '';
  return `{ name: ${q(p.portName)}, port: ${p.container}${protocol} }`;
}

/** A Secret key from a compose secret name. */
function secretKey(name: string): string {
  return /^[-._a-zA-Z0-9]+$/.test(name) ? name : 'value';
}

/** A ConfigMap key from a file name. */
function configKey(name: string): string {
  const k = name.replace(/[^-._a-zA-Z0-9]+/g, '_');
  return k.length > 0 ? k : 'file';
}

/** `user-db` → `USER_DB`, the prefix connectTo uses. */
function envPrefix(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Whether an environment value names `service` as a host (`db`, `db:5432`, `postgres://u@db/x`). */
function mentions(value: string, service: string): boolean {
  const escaped = service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[/@=,\\s])${escaped}(:\\d+|[/,\\s?]|$)`).test(value);
}

function probeCode(h: ComposeHealthcheck, cdk8s: Set<string>): string {
  const opts: string[] = [];
  const dur = (k: string, n: number | undefined): void => {
    if (n === undefined) return;
    cdk8s.add('Duration');
    opts.push(`${k}: Duration.seconds(${n})`);
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
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with let static yield await implements interface package private protected public require module process'.split(
    ' ',
  ),
);
