import { containersOf, LONG_RUNNING_KINDS, podSpecOf } from '../../core';
import { ObjectToValidate, ValidationContext } from '../validation-context';

/** Checks the secure-by-default policy: Pod Security Standards "restricted", resources, pinned images, probes, no plaintext Secrets. */
export function checkPolicy(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    const m = obj.manifest as any;
    if (m.kind === 'Secret' && (hasEntries(m.data) || hasEntries(m.stringData))) {
      ctx.report(
        obj,
        'policy/plaintext-secret',
        m.data ? 'data' : 'stringData',
        `Secret '${m.metadata?.name}' carries its values in the manifest`,
        'reference an existing Secret by name (kplus.Secret.fromSecretName) and create it outside git, or relax policy/plaintext-secret with a reason',
      );
    }
    checkPod(ctx, obj);
  }
}

function hasEntries(x: unknown): boolean {
  return !!x && typeof x === 'object' && Object.keys(x as object).length > 0;
}

function checkPod(ctx: ValidationContext, obj: ObjectToValidate): void {
  const pod = podSpecOf(obj.manifest);
  if (!pod) return;
  const { field } = pod;
  const spec: any = pod.spec;
  const podCtx = spec.securityContext ?? {};

  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[key] === true)
      ctx.report(
        obj,
        'policy/host-namespaces',
        `${field}.${key}`,
        `${key} is true: the pod shares the node's ${key.slice(4)} namespace`,
        `remove ${key}, or relax policy/host-namespaces with a reason`,
      );
  }
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    if (v.hostPath)
      ctx.report(
        obj,
        'policy/host-path',
        `${field}.volumes[${i}].hostPath`,
        `volume '${v.name}' mounts the node's ${v.hostPath.path}`,
        'use an emptyDir, ConfigMap or PersistentVolumeClaim, or relax policy/host-path with a reason (e.g. a node agent)',
      );
  });
  const podSeccomp = podCtx.seccompProfile?.type;
  if (podSeccomp === 'Unconfined')
    ctx.report(
      obj,
      'policy/seccomp',
      `${field}.securityContext.seccompProfile.type`,
      'the pod runs Unconfined (no seccomp filter)',
      'use RuntimeDefault',
    );

  const longRunning = LONG_RUNNING_KINDS.has(obj.manifest.kind);
  for (const { container, field: cField, init } of containersOf(pod)) {
    const c: any = container;
    const sc = c.securityContext ?? {};
    const name = `container '${c.name}'`;
    const runAsNonRoot = sc.runAsNonRoot ?? podCtx.runAsNonRoot;
    const runAsUser = sc.runAsUser ?? podCtx.runAsUser;
    if (runAsNonRoot !== true || runAsUser === 0) {
      ctx.report(
        obj,
        'policy/run-as-non-root',
        `${cField}.securityContext.runAsNonRoot`,
        runAsUser === 0 ? `${name} runs as root (runAsUser 0)` : `${name} does not set runAsNonRoot: true`,
        'run as a non-root user (securityContext.user) with runAsNonRoot, or relax policy/run-as-non-root with a reason',
      );
    }
    if (sc.allowPrivilegeEscalation !== false)
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
    const drop: string[] = sc.capabilities?.drop ?? [];
    const add: string[] = sc.capabilities?.add ?? [];
    if (!drop.includes('ALL'))
      ctx.report(
        obj,
        'policy/capabilities',
        `${cField}.securityContext.capabilities.drop`,
        `${name} does not drop ALL capabilities`,
        'drop ALL capabilities (kubecraft charts do this by default)',
      );
    const extra = add.filter((cap) => cap !== 'NET_BIND_SERVICE' && cap !== 'CAP_NET_BIND_SERVICE');
    if (extra.length > 0)
      ctx.report(
        obj,
        'policy/capabilities',
        `${cField}.securityContext.capabilities.add`,
        `${name} adds ${extra.join(', ')}`,
        'add no capability but NET_BIND_SERVICE, or relax policy/capabilities with a reason',
      );
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      ctx.report(
        obj,
        'policy/seccomp',
        `${cField}.securityContext.seccompProfile`,
        `${name} runs with seccomp profile ${seccomp ?? 'unset'}`,
        'use RuntimeDefault on the pod (kubecraft charts do this by default)',
      );
    }
    if (sc.readOnlyRootFilesystem !== true)
      ctx.report(
        obj,
        'policy/read-only-root-fs',
        `${cField}.securityContext.readOnlyRootFilesystem`,
        `${name} has a writable root filesystem`,
        'set readOnlyRootFilesystem and mount an emptyDir at each path the process writes',
      );
    (c.ports ?? []).forEach((p: any, i: number) => {
      if (p.hostPort !== undefined)
        ctx.report(
          obj,
          'policy/host-ports',
          `${cField}.ports[${i}].hostPort`,
          `${name} binds host port ${p.hostPort}`,
          'expose the port through a Service instead',
        );
    });
    for (const section of ['requests', 'limits'] as const) {
      const missing = ['cpu', 'memory'].filter((r) => c.resources?.[section]?.[r] === undefined);
      if (missing.length > 0)
        ctx.report(
          obj,
          'policy/resources',
          `${cField}.resources.${section}`,
          `${name} sets no ${missing.join(' or ')} ${section}`,
          `set resources.${section} for ${missing.join(' and ')}`,
        );
    }
    checkImage(ctx, obj, c, cField);
    if (longRunning && !init) {
      const missing = (['livenessProbe', 'readinessProbe'] as const).filter((p) => !c[p]);
      if (missing.length > 0)
        ctx.report(
          obj,
          'policy/probes',
          cField,
          `${name} has no ${missing.join(' and no ')}`,
          'add liveness and readiness probes (Probes.httpGet / tcpSocket / grpc / exec)',
        );
    }
  }
}

function checkImage(ctx: ValidationContext, obj: ObjectToValidate, c: any, field: string): void {
  const image: unknown = c.image;
  if (typeof image !== 'string' || image.length === 0) return; // schema/invalid reports a missing image
  if (image.includes('@sha256:')) return;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (tag === undefined)
    ctx.report(
      obj,
      'policy/image-pinned',
      `${field}.image`,
      `image '${image}' has no tag (pulls :latest)`,
      'pin a version tag or a digest, e.g. nginx:1.25.3',
    );
  else if (tag === 'latest')
    ctx.report(
      obj,
      'policy/image-pinned',
      `${field}.image`,
      `image '${image}' uses the :latest tag`,
      'pin a version tag or a digest, e.g. nginx:1.25.3',
    );
}
