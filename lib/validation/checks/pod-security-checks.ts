/**
 * Pod Security Standards, every control of "baseline" and "restricted" as the pod security
 * admission plugin (`k8s.io/pod-security-admission/policy`) implements them, as relaxable
 * `policy/*` rules; and one runtime failure the API server cannot see (a non-root process
 * binding a privileged port).
 */
import { atLeast, ContainerLocation, containersOf, FEATURE_SINCE, podSpecOf, PodSpecLocation } from '../../core';
import { RuleId } from '../rules';
import { upstreamOriginOf } from '../upstream-origin';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import {
  display,
  asNumber,
  asObject,
  asString,
  isSet,
  JsonObject,
  objectsIn,
  setKeys,
  stringEntries,
  stringsIn,
} from './shape';

/** Safe sysctls per Pod Security Standards version (`check_sysctls.go`). */
const SAFE_SYSCTLS: readonly { since: string; names: readonly string[] }[] = [
  {
    since: '1.0',
    names: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  },
  { since: '1.27', names: ['net.ipv4.ip_local_reserved_ports'] },
  {
    since: '1.29',
    names: [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  },
  { since: '1.32', names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
];
/** Volume types "restricted" allows (`check_restrictedVolumes.go`); a volume with no source defaults to emptyDir. */
const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
const NON_VOLUME_SOURCE_KEYS = new Set(['name']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** Ports below this need privileges to bind, unless the sysctl lowers it. */
const DEFAULT_UNPRIVILEGED_PORT_START = 1024;

function safeSysctls(version: string): Set<string> {
  return new Set(SAFE_SYSCTLS.filter((s) => s.since === '1.0' || atLeast(version, s.since)).flatMap((s) => s.names));
}

/** Checks every pod spec against the Pod Security Standards ("restricted", which includes "baseline"). */
export function checkPodSecurityStandards(ctx: ValidationContext, obj: ObjectToValidate): void {
  const pod = podSpecOf(obj.manifest);
  if (!pod) return;
  const spec = pod.spec;
  const podSc = asObject(spec.securityContext) ?? {};
  const windows = asObject(spec.os)?.name === 'windows';
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[key] === true)
      ctx.report(
        obj,
        'policy/host-namespaces',
        `${pod.field}.${key}`,
        `${key} is true: the pod shares the node's ${key.slice(4)} namespace`,
        `remove ${key}, or relax policy/host-namespaces with a reason`,
      );
  }
  checkVolumes(ctx, obj, pod);
  checkPodLevel(ctx, obj, pod, podSc, windows);
  for (const loc of containersOf(pod)) checkContainer(ctx, obj, pod, loc, podSc, windows);
}

function checkVolumes(ctx: ValidationContext, obj: ObjectToValidate, pod: PodSpecLocation): void {
  for (const [v, i] of objectsIn(pod.spec.volumes)) {
    const at = `${pod.field}.volumes[${i}]`;
    const name = asString(v.name) ?? '?';
    const hostPath = asObject(v.hostPath);
    if (hostPath) {
      ctx.report(
        obj,
        'policy/host-path',
        `${at}.hostPath`,
        `volume '${name}' mounts the node's ${display(hostPath.path)}`,
        'use an emptyDir, ConfigMap or PersistentVolumeClaim, or relax policy/host-path with a reason (e.g. a node agent)',
      );
      continue;
    }
    const sources = Object.keys(v).filter((k) => !NON_VOLUME_SOURCE_KEYS.has(k) && isSet(v[k]));
    const restricted = sources.filter((s) => !RESTRICTED_VOLUME_TYPES.includes(s));
    if (restricted.length > 0)
      ctx.report(
        obj,
        'policy/volume-types',
        `${at}.${restricted[0]}`,
        `volume '${name}' is of type ${restricted.join(', ')}, which Pod Security Standards "restricted" does not allow`,
        'use a PersistentVolumeClaim (backed by a PersistentVolume of that type), a CSI volume, or relax policy/volume-types with a reason',
      );
  }
}

function checkPodLevel(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  pod: PodSpecLocation,
  podSc: JsonObject,
  windows: boolean,
): void {
  const at = `${pod.field}.securityContext`;
  if (!windows && asObject(podSc.seccompProfile)?.type === 'Unconfined')
    ctx.report(
      obj,
      'policy/seccomp',
      `${at}.seccompProfile.type`,
      'the pod runs Unconfined (no seccomp filter)',
      'use RuntimeDefault',
    );
  checkAppArmorField(ctx, obj, podSc, at, 'the pod');
  checkSeLinux(ctx, obj, podSc, at, 'the pod');
  if (asObject(podSc.windowsOptions)?.hostProcess === true)
    ctx.report(
      obj,
      'policy/host-process',
      `${at}.windowsOptions.hostProcess`,
      'the pod runs Windows HostProcess containers',
      'remove hostProcess, or relax policy/host-process with a reason',
    );
  const safe = safeSysctls(ctx.kubernetesVersion);
  for (const [s, i] of objectsIn(podSc.sysctls)) {
    const name = asString(s.name);
    if (name !== undefined && !safe.has(name))
      ctx.report(
        obj,
        'policy/sysctls',
        `${at}.sysctls[${i}].name`,
        `sysctl '${name}' is not one of the safe sysctls of Kubernetes ${ctx.kubernetesVersion}`,
        `use only ${[...safe].join(', ')}, or relax policy/sysctls with a reason (and allow it on the kubelets)`,
      );
  }
  // AppArmor annotations live on the pod (template) metadata.
  for (const [key, value] of stringEntries(pod.metadata?.annotations)) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    if (value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
    ctx.report(
      obj,
      'policy/apparmor',
      `${pod.metadataField}.annotations['${key}']`,
      `container '${key.slice(APPARMOR_ANNOTATION_PREFIX.length)}' runs with AppArmor profile '${value}'`,
      'use runtime/default or a localhost/ profile, or relax policy/apparmor with a reason',
    );
  }
}

function checkAppArmorField(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  sc: JsonObject,
  at: string,
  who: string,
): void {
  const type = asObject(sc.appArmorProfile)?.type;
  if (type !== undefined && type !== 'RuntimeDefault' && type !== 'Localhost')
    ctx.report(
      obj,
      'policy/apparmor',
      `${at}.appArmorProfile.type`,
      `${who} runs with AppArmor profile ${JSON.stringify(type)}`,
      'use RuntimeDefault or Localhost, or relax policy/apparmor with a reason',
    );
}

function checkSeLinux(ctx: ValidationContext, obj: ObjectToValidate, sc: JsonObject, at: string, who: string): void {
  const options = asObject(sc.seLinuxOptions);
  if (!options) return;
  const type = asString(options.type) ?? '';
  if (!SELINUX_TYPES.has(type))
    ctx.report(
      obj,
      'policy/selinux',
      `${at}.seLinuxOptions.type`,
      `${who} sets SELinux type '${type}'`,
      'use container_t, container_init_t or container_kvm_t, or relax policy/selinux with a reason',
    );
  for (const key of ['user', 'role'] as const)
    if ((asString(options[key]) ?? '').length > 0)
      ctx.report(
        obj,
        'policy/selinux',
        `${at}.seLinuxOptions.${key}`,
        `${who} sets a custom SELinux ${key}`,
        `remove seLinuxOptions.${key}, or relax policy/selinux with a reason`,
      );
}

/**
 * The fix for a pod security finding on an object included as upstream wrote it
 * (`UpstreamManifests`, `HelmManifests`), which kubecraft's chart defaults leave alone: what can
 * be done there (chart values, `modify`, `applySecureDefaults` when it would set the field, a
 * relaxation). Undefined for other objects.
 */
function upstreamFix(
  obj: ObjectToValidate,
  fix: string,
  rule: RuleId,
  secureDefaultsSetIt: boolean,
): string | undefined {
  const origin = upstreamOriginOf(obj.construct);
  if (!origin) return undefined;
  const kind = display(obj.manifest.kind);
  const name = display(obj.manifest.metadata?.name);
  const ways = [
    ...(origin.source === 'HelmManifests'
      ? ["through the chart's values, if it has one for it (often securityContext)"]
      : []),
    `with modify('${kind}', '${name}', (m) => { ... })`,
    ...(secureDefaultsSetIt
      ? [
          'with applySecureDefaults: true (kubecraft then sets it where upstream leaves it unset, listing each change in the report)',
        ]
      : []),
  ];
  return (
    `${fix}: this object is kept as upstream wrote it by the ${origin.source} at ${origin.path}, so kubecraft's chart defaults ` +
    `do not apply; change it ${ways.join(', or ')}; or accept it with relax('${kind}', '${name}', '${rule}', '<reason>') ` +
    `(or Policy.relax(<the ${origin.source}>, '${rule}', '<reason>') for all its objects)`
  );
}

/** Whether applySecureDefaults would set the pod's seccomp profile: neither the pod nor any container sets one. */
function seccompUnsetInPod(pod: PodSpecLocation, podSc: JsonObject): boolean {
  return (
    podSc.seccompProfile === undefined &&
    containersOf(pod).every((c) => asObject(c.container.securityContext)?.seccompProfile === undefined)
  );
}

function checkContainer(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  pod: PodSpecLocation,
  loc: ContainerLocation,
  podSc: JsonObject,
  windows: boolean,
): void {
  const c = loc.container;
  const cField = loc.field;
  const sc = asObject(c.securityContext) ?? {};
  const name = `container '${display(c.name)}'`;
  const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  if (runAsNonRoot !== true || runAsUser === 0)
    ctx.report(
      obj,
      'policy/run-as-non-root',
      `${cField}.securityContext.runAsNonRoot`,
      runAsUser === 0 ? `${name} runs as root (runAsUser 0)` : `${name} does not set runAsNonRoot: true`,
      upstreamFix(obj, 'set runAsNonRoot: true and a non-zero runAsUser', 'policy/run-as-non-root', false) ??
        'run as a non-root user (securityContext.user) with runAsNonRoot, or relax policy/run-as-non-root with a reason',
    );
  if (!windows && sc.allowPrivilegeEscalation !== false)
    ctx.report(
      obj,
      'policy/privilege-escalation',
      `${cField}.securityContext.allowPrivilegeEscalation`,
      `${name} allows privilege escalation`,
      'set allowPrivilegeEscalation: false',
    );
  if (sc.privileged === true)
    ctx.report(
      obj,
      'policy/privileged',
      `${cField}.securityContext.privileged`,
      `${name} is privileged`,
      'remove privileged, or relax policy/privileged with a reason',
    );
  if (!windows) {
    const capabilities = asObject(sc.capabilities);
    if (!stringsIn(capabilities?.drop).includes('ALL'))
      ctx.report(
        obj,
        'policy/capabilities',
        `${cField}.securityContext.capabilities.drop`,
        `${name} does not drop ALL capabilities`,
        upstreamFix(obj, 'drop ALL capabilities', 'policy/capabilities', sc.capabilities === undefined) ??
          'drop ALL capabilities (kubecraft charts do this by default)',
      );
    const extra = stringsIn(capabilities?.add).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length > 0)
      ctx.report(
        obj,
        'policy/capabilities',
        `${cField}.securityContext.capabilities.add`,
        `${name} adds ${extra.join(', ')}`,
        'add no capability but NET_BIND_SERVICE, or relax policy/capabilities with a reason',
      );
    const seccomp = asObject(sc.seccompProfile)?.type ?? asObject(podSc.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
      ctx.report(
        obj,
        'policy/seccomp',
        `${cField}.securityContext.seccompProfile`,
        `${name} runs with seccomp profile ${display(seccomp ?? 'unset')}`,
        upstreamFix(obj, 'use RuntimeDefault on the pod', 'policy/seccomp', seccompUnsetInPod(pod, podSc)) ??
          'use RuntimeDefault on the pod (kubecraft charts do this by default)',
      );
  }
  checkAppArmorField(ctx, obj, sc, `${cField}.securityContext`, name);
  checkSeLinux(ctx, obj, sc, `${cField}.securityContext`, name);
  if (isSet(sc.procMount) && sc.procMount !== 'Default')
    ctx.report(
      obj,
      'policy/proc-mount',
      `${cField}.securityContext.procMount`,
      `${name} sets procMount ${JSON.stringify(sc.procMount)}`,
      'remove procMount (Default), or relax policy/proc-mount with a reason',
    );
  if (asObject(sc.windowsOptions)?.hostProcess === true)
    ctx.report(
      obj,
      'policy/host-process',
      `${cField}.securityContext.windowsOptions.hostProcess`,
      `${name} is a Windows HostProcess container`,
      'remove hostProcess, or relax policy/host-process with a reason',
    );
  for (const [p, i] of objectsIn(c.ports)) {
    const hostPort = asNumber(p.hostPort);
    if (hostPort !== undefined && hostPort !== 0)
      ctx.report(
        obj,
        'policy/host-ports',
        `${cField}.ports[${i}].hostPort`,
        `${name} binds host port ${hostPort}`,
        'expose the port through a Service instead',
      );
  }
  if (atLeast(ctx.kubernetesVersion, FEATURE_SINCE.probeHostControl)) checkProbeHosts(ctx, obj, c, cField, name);
  checkPrivilegedPorts(
    ctx,
    obj,
    pod,
    c,
    cField,
    name,
    runAsNonRoot === true || (typeof runAsUser === 'number' && runAsUser > 0),
  );
}

function checkProbeHosts(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  c: JsonObject,
  cField: string,
  name: string,
): void {
  const handlers: [JsonObject | undefined, string][] = [
    ...PROBES.map((p): [JsonObject | undefined, string] => [asObject(c[p]), `${cField}.${p}`]),
    ...(['postStart', 'preStop'] as const).map((h): [JsonObject | undefined, string] => [
      asObject(asObject(c.lifecycle)?.[h]),
      `${cField}.lifecycle.${h}`,
    ]),
  ];
  for (const [handler, field] of handlers) {
    if (!handler) continue;
    for (const kind of setKeys(handler, ['httpGet', 'tcpSocket'])) {
      const host = asString(asObject(handler[kind])?.host);
      if (host !== undefined && host.length > 0)
        ctx.report(
          obj,
          'policy/probe-host',
          `${field}.${kind}.host`,
          `${name} probes host '${host}'`,
          'remove host: probes reach the pod IP by default',
        );
    }
  }
}

function checkPrivilegedPorts(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  pod: PodSpecLocation,
  c: JsonObject,
  cField: string,
  name: string,
  nonRoot: boolean,
): void {
  if (!nonRoot || pod.spec.hostNetwork === true) return;
  let start = DEFAULT_UNPRIVILEGED_PORT_START;
  for (const [s] of objectsIn(asObject(pod.spec.securityContext)?.sysctls)) {
    const value = asString(s.value) ?? (typeof s.value === 'number' ? String(s.value) : undefined);
    if (s.name === 'net.ipv4.ip_unprivileged_port_start' && value !== undefined && /^\d+$/.test(value.trim()))
      start = Number(value.trim());
  }
  for (const [p, i] of objectsIn(c.ports)) {
    const port = asNumber(p.containerPort);
    if (port !== undefined && port >= 1 && port < start)
      ctx.report(
        obj,
        'policy/privileged-port',
        `${cField}.ports[${i}].containerPort`,
        `${name} runs as non-root but listens on port ${port}, below the first unprivileged port ${start}: binding it fails at start`,
        "listen on a port ≥ 1024 (e.g. 8080, with the Service's targetPort), or set the pod sysctl net.ipv4.ip_unprivileged_port_start=0",
      );
  }
}
