import { containersOf, LONG_RUNNING_KINDS, podSpecOf } from '../../core';
import { imagePinProblem } from '../../values/image-reference';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { checkPodSecurityStandards } from './pod-security-checks';
import { display, asObject, asString, JsonObject } from './shape';

/** Checks the secure-by-default policy: Pod Security Standards "restricted", resources, pinned images, probes, no plaintext Secrets. */
export function checkPolicy(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    ctx.guard(obj, 'policy', () => {
      const m = obj.manifest;
      if (m.kind === 'Secret' && (hasEntries(m.data) || hasEntries(m.stringData))) {
        ctx.report(
          obj,
          'policy/plaintext-secret',
          hasEntries(m.data) ? 'data' : 'stringData',
          `Secret '${display(m.metadata?.name)}' carries its values in the manifest`,
          'reference an existing Secret by name (kplus.Secret.fromSecretName) and create it outside git, or relax policy/plaintext-secret with a reason',
        );
      }
      checkPodSecurityStandards(ctx, obj);
      checkContainerHygiene(ctx, obj);
    });
  }
}

function hasEntries(x: unknown): boolean {
  const o = asObject(x);
  return o !== undefined && Object.keys(o).length > 0;
}

function checkContainerHygiene(ctx: ValidationContext, obj: ObjectToValidate): void {
  const pod = podSpecOf(obj.manifest);
  if (!pod) return;
  const longRunning = LONG_RUNNING_KINDS.has(obj.manifest.kind);
  for (const { container: c, field: cField, init } of containersOf(pod)) {
    const name = `container '${display(c.name)}'`;
    const sc = asObject(c.securityContext) ?? {};
    if (sc.readOnlyRootFilesystem !== true)
      ctx.report(
        obj,
        'policy/read-only-root-fs',
        `${cField}.securityContext.readOnlyRootFilesystem`,
        `${name} has a writable root filesystem`,
        'set readOnlyRootFilesystem and mount an emptyDir at each path the process writes',
      );
    const resources = asObject(c.resources);
    for (const section of ['requests', 'limits'] as const) {
      const values = asObject(resources?.[section]);
      const missing = ['cpu', 'memory'].filter((r) => values?.[r] === undefined);
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

function checkImage(ctx: ValidationContext, obj: ObjectToValidate, c: JsonObject, field: string): void {
  const image = asString(c.image);
  if (image === undefined || image.length === 0) return; // values/required reports a missing image
  const problem = imagePinProblem(image);
  if (problem === undefined) return;
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const repository = name.slice(0, name.lastIndexOf(':') > name.lastIndexOf('/') ? name.lastIndexOf(':') : undefined);
  ctx.report(
    obj,
    'policy/image-pinned',
    `${field}.image`,
    `image '${image}' ${problem}`,
    `pin a version tag (MAJOR.MINOR.PATCH, e.g. ${repository}:1.2.3) or a digest (${repository}@sha256:<digest>; ` +
      `'crane digest ${name}' or 'docker buildx imagetools inspect ${name}' prints it)`,
  );
}
