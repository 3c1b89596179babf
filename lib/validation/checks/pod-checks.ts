import { containersOf, podSpecOf, PodSpecLocation, REPLICATED_KINDS, RUN_TO_COMPLETION_KINDS } from '../../core';
import { configMapKeyProblems, INT32_MAX, sysctlNameProblems } from '../../values/api-names';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
} from '../../values/dns-name';
import { quantityProblems } from '../../values/quantity';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { checkContainer, checkFieldRef, checkResourceFieldRef } from './container-checks';
import { checkLabels } from './metadata-checks';
import {
  asArray,
  display,
  asNumber,
  asObject,
  asString,
  isInt32,
  isSet,
  JsonObject,
  objectsIn,
  setKeys,
  stringsIn,
} from './shape';

/** Every volume source of a v1 Volume (one of them may be set). */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;
const TOLERATION_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
/**
 * The largest user or group id the API server accepts: `IsValidUserID`/`IsValidGroupID`
 * (apimachinery `pkg/util/validation`, "libcontainer UID/GID limits are 0 ~ 1<<31 - 1"), used by
 * `ValidatePodSecurityContext` and `ValidateSecurityContext` for runAsUser, runAsGroup, fsGroup
 * and supplementalGroups, although the fields are int64.
 */
const MAX_ID = INT32_MAX;

/** Checks the pod spec of a workload: containers, volumes, tolerations, node selector, security context. */
export function checkPodSpec(ctx: ValidationContext, obj: ObjectToValidate): void {
  const pod = podSpecOf(obj.manifest);
  if (!pod) return;
  checkRestartPolicy(ctx, obj, pod);
  const spec = pod.spec;
  const at = pod.field;
  if (asArray(spec.containers).length === 0)
    ctx.report(
      obj,
      'values/required',
      `${at}.containers`,
      obj.manifest.kind === 'StatefulSet'
        ? 'the pod template has no containers (the StatefulSet controller cannot create its pods)'
        : 'the pod has no containers',
      'add at least one container',
    );
  const containers = containersOf(pod);
  const names = new Set<string>();
  for (const loc of containers) {
    const name = asString(loc.container.name);
    if (name !== undefined && names.has(name))
      ctx.report(
        obj,
        'values/duplicate',
        `${loc.field}.name`,
        `container name '${name}' is used more than once in the pod (init and regular containers share one namespace)`,
        'give every container a unique name',
      );
    if (name !== undefined) names.add(name);
    checkContainer(ctx, obj, loc);
    checkContainerSecurity(ctx, obj, loc.container, `${loc.field}.securityContext`);
  }
  checkVolumes(ctx, obj, pod);
  checkTolerations(ctx, obj, spec.tolerations, `${at}.tolerations`);
  checkLabels(ctx, obj, spec.nodeSelector, `${at}.nodeSelector`);
  for (const key of ['hostname', 'subdomain'] as const) {
    const v = asString(spec[key]);
    if (v !== undefined && v.length > 0)
      for (const p of dns1123LabelProblems(v))
        ctx.report(obj, 'values/field-name', `${at}.${key}`, `${key} '${v}' ${p}`, 'use a DNS-1123 label');
  }
  for (const key of ['serviceAccountName', 'priorityClassName'] as const) {
    const v = asString(spec[key]);
    if (v !== undefined && v.length > 0)
      for (const p of dns1123SubdomainProblems(v))
        ctx.report(obj, 'values/field-name', `${at}.${key}`, `${key} '${v}' ${p}`, 'use the name of the object');
  }
  const deadline = asNumber(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || !isInt32(deadline)))
    ctx.report(
      obj,
      'values/range',
      `${at}.activeDeadlineSeconds`,
      `a pod's activeDeadlineSeconds must be from 1 to ${INT32_MAX} (is ${deadline})`,
      'set a positive number of seconds, or remove it',
    );
  checkPodSecurity(ctx, obj, pod);
}

function checkRestartPolicy(ctx: ValidationContext, obj: ObjectToValidate, pod: PodSpecLocation): void {
  const kind = obj.manifest.kind;
  const restart = pod.spec.restartPolicy;
  if (RUN_TO_COMPLETION_KINDS.has(kind) && restart !== 'Never' && restart !== 'OnFailure')
    ctx.report(
      obj,
      'values/restart-policy',
      `${pod.field}.restartPolicy`,
      `a ${kind} must use restartPolicy Never or OnFailure (is ${JSON.stringify(restart ?? 'Always')})`,
      'set restartPolicy to Never or OnFailure',
    );
  if (REPLICATED_KINDS.has(kind) && restart !== undefined && restart !== 'Always')
    ctx.report(
      obj,
      'values/restart-policy',
      `${pod.field}.restartPolicy`,
      `a ${kind} must use restartPolicy Always (is ${JSON.stringify(restart)})`,
      'remove restartPolicy or set it to Always',
    );
}

function checkVolumes(ctx: ValidationContext, obj: ObjectToValidate, pod: PodSpecLocation): void {
  const names = new Set<string>();
  for (const [v, i] of objectsIn(pod.spec.volumes)) {
    const at = `${pod.field}.volumes[${i}]`;
    const name = asString(v.name);
    if (name !== undefined) {
      for (const p of dns1123LabelProblems(name))
        ctx.report(
          obj,
          'values/field-name',
          `${at}.name`,
          `volume name '${name}' ${p}`,
          "use a DNS-1123 label such as 'data'",
        );
      if (names.has(name))
        ctx.report(
          obj,
          'values/duplicate',
          `${at}.name`,
          `volume name '${name}' is used more than once`,
          'give every volume a unique name',
        );
      names.add(name);
    }
    // No source at all is accepted: the API server defaults the volume to an emptyDir.
    const sources = setKeys(v, VOLUME_SOURCES);
    if (sources.length > 1)
      ctx.report(
        obj,
        'values/one-of',
        at,
        `volume '${name ?? '?'}' has ${sources.length} sources (${sources.join(', ')})`,
        'give each volume exactly one source',
      );
    const sizeLimit = asObject(v.emptyDir)?.sizeLimit;
    if (typeof sizeLimit === 'string' || typeof sizeLimit === 'number')
      for (const p of quantityProblems(sizeLimit))
        ctx.report(
          obj,
          'values/quantity',
          `${at}.emptyDir.sizeLimit`,
          `'${display(sizeLimit)}' ${p}`,
          "use a quantity such as '1Gi'",
        );
    for (const [source, nameKey] of [
      ['configMap', 'name'],
      ['secret', 'secretName'],
    ] as const) {
      const s = asObject(v[source]);
      if (!s) continue;
      for (const [item, j] of objectsIn(s.items)) {
        const key = asString(item.key);
        if (key === undefined || key.length === 0)
          ctx.report(obj, 'values/required', `${at}.${source}.items[${j}].key`, 'an item names no key', 'set the key');
        else
          for (const p of configMapKeyProblems(key))
            ctx.report(
              obj,
              'values/config-key',
              `${at}.${source}.items[${j}].key`,
              `key '${key}' ${p}`,
              'use a valid key',
            );
      }
      const refName = asString(s[nameKey]);
      if (refName !== undefined && refName.length > 0)
        for (const p of dns1123SubdomainProblems(refName))
          ctx.report(
            obj,
            'values/field-name',
            `${at}.${source}.${nameKey}`,
            `'${refName}' ${p}`,
            'use the name of the object',
          );
    }
    const downward = asObject(v.downwardAPI);
    if (downward) checkDownwardItems(ctx, obj, downward.items, `${at}.downwardAPI.items`);
    for (const [source, j] of objectsIn(asObject(v.projected)?.sources)) {
      const d = asObject(source.downwardAPI);
      if (d) checkDownwardItems(ctx, obj, d.items, `${at}.projected.sources[${j}].downwardAPI.items`);
    }
  }
}

function checkDownwardItems(ctx: ValidationContext, obj: ObjectToValidate, items: unknown, at: string): void {
  for (const [item, i] of objectsIn(items)) {
    const field = `${at}[${i}]`;
    const refs = setKeys(item, ['fieldRef', 'resourceFieldRef']);
    if (refs.length === 0)
      ctx.report(
        obj,
        'values/required',
        field,
        'a downward API item has neither fieldRef nor resourceFieldRef',
        'set one',
      );
    if (refs.length > 1)
      ctx.report(
        obj,
        'values/one-of',
        field,
        'a downward API item sets both fieldRef and resourceFieldRef',
        'keep one',
      );
    const fieldRef = asObject(item.fieldRef);
    if (fieldRef) checkFieldRef(ctx, obj, fieldRef, `${field}.fieldRef`, true);
    const resourceFieldRef = asObject(item.resourceFieldRef);
    if (resourceFieldRef) checkResourceFieldRef(ctx, obj, resourceFieldRef, `${field}.resourceFieldRef`, true);
  }
}

/** Checks tolerations as `ValidateTolerations` does. */
export function checkTolerations(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  tolerations: unknown,
  at: string,
): void {
  for (const [t, i] of objectsIn(tolerations)) {
    const field = `${at}[${i}]`;
    const key = asString(t.key) ?? '';
    const operator = asString(t.operator) ?? '';
    const value = asString(t.value) ?? '';
    const effect = asString(t.effect) ?? '';
    const report = (sub: string, message: string, hint: string) =>
      ctx.report(obj, 'values/toleration', `${field}${sub}`, message, hint);
    if (key.length > 0)
      for (const p of labelKeyProblems(key)) report('.key', `toleration key '${key}': ${p}`, 'use a valid label key');
    if (key.length === 0 && operator !== 'Exists')
      report(
        '.operator',
        'a toleration with an empty key must use operator Exists (it matches every taint)',
        'set operator: Exists, or a key',
      );
    if (operator === 'Exists' && value.length > 0)
      report('.value', `a toleration with operator Exists takes no value (has '${value}')`, 'remove the value');
    else if (operator === '' || operator === 'Equal')
      for (const p of labelValueProblems(value))
        report('.value', `toleration value '${value}': ${p}`, 'use a valid label value');
    else if (operator !== 'Exists')
      report('.operator', `toleration operator '${operator}' is not Equal or Exists`, 'use Equal or Exists');
    if (effect.length > 0 && !TOLERATION_EFFECTS.has(effect))
      report(
        '.effect',
        `toleration effect '${effect}' is not NoSchedule, PreferNoSchedule or NoExecute`,
        'use one of them',
      );
    if (isSet(t.tolerationSeconds) && effect !== 'NoExecute')
      report(
        '.effect',
        'tolerationSeconds is only allowed with effect NoExecute',
        'set effect: NoExecute or remove tolerationSeconds',
      );
  }
}

function checkIds(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  sc: JsonObject,
  at: string,
  keys: readonly string[],
): void {
  for (const key of keys) {
    const v = asNumber(sc[key]);
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= MAX_ID))
      ctx.report(
        obj,
        'values/range',
        `${at}.${key}`,
        `${key} must be from 0 to ${MAX_ID} (is ${v})`,
        'use a valid user or group id',
      );
  }
}

function checkSeccompProfile(ctx: ValidationContext, obj: ObjectToValidate, sc: JsonObject, at: string): void {
  const profile = asObject(sc.seccompProfile);
  if (!profile) return;
  const localhost = asString(profile.localhostProfile);
  if (profile.type === 'Localhost' && (localhost === undefined || localhost.length === 0))
    ctx.report(
      obj,
      'values/security-context',
      `${at}.seccompProfile.localhostProfile`,
      'a Localhost seccomp profile must name its file',
      'set localhostProfile',
    );
  if (profile.type !== 'Localhost' && localhost !== undefined)
    ctx.report(
      obj,
      'values/security-context',
      `${at}.seccompProfile.localhostProfile`,
      `localhostProfile is only allowed with type Localhost (type is ${JSON.stringify(profile.type)})`,
      'remove localhostProfile',
    );
}

function checkContainerSecurity(ctx: ValidationContext, obj: ObjectToValidate, c: JsonObject, at: string): void {
  const sc = asObject(c.securityContext);
  if (!sc) return;
  checkIds(ctx, obj, sc, at, ['runAsUser', 'runAsGroup']);
  checkSeccompProfile(ctx, obj, sc, at);
  if (sc.allowPrivilegeEscalation !== false) return;
  if (sc.privileged === true)
    ctx.report(
      obj,
      'values/security-context',
      `${at}.privileged`,
      'a container cannot be privileged with allowPrivilegeEscalation false',
      'drop privileged, or allow privilege escalation',
    );
  if (stringsIn(asObject(sc.capabilities)?.add).includes('CAP_SYS_ADMIN'))
    ctx.report(
      obj,
      'values/security-context',
      `${at}.capabilities.add`,
      'a container cannot add CAP_SYS_ADMIN with allowPrivilegeEscalation false',
      'drop CAP_SYS_ADMIN, or allow privilege escalation',
    );
}

function checkPodSecurity(ctx: ValidationContext, obj: ObjectToValidate, pod: PodSpecLocation): void {
  const spec = pod.spec;
  if (spec.shareProcessNamespace === true && spec.hostPID === true)
    ctx.report(
      obj,
      'values/security-context',
      `${pod.field}.shareProcessNamespace`,
      'shareProcessNamespace and hostPID cannot both be enabled',
      'drop one',
    );
  const sc = asObject(spec.securityContext);
  if (!sc) return;
  const at = `${pod.field}.securityContext`;
  checkIds(ctx, obj, sc, at, ['runAsUser', 'runAsGroup', 'fsGroup']);
  asArray(sc.supplementalGroups).forEach((g, i) => {
    if (typeof g === 'number' && !(Number.isInteger(g) && g >= 0 && g <= MAX_ID))
      ctx.report(
        obj,
        'values/range',
        `${at}.supplementalGroups[${i}]`,
        `group ${g} must be from 0 to ${MAX_ID}`,
        'use a valid group id',
      );
  });
  checkSeccompProfile(ctx, obj, sc, at);
  const seen = new Set<string>();
  for (const [s, i] of objectsIn(sc.sysctls)) {
    const name = asString(s.name);
    if (name === undefined) continue;
    const field = `${at}.sysctls[${i}].name`;
    for (const p of sysctlNameProblems(name))
      ctx.report(obj, 'values/security-context', field, `sysctl '${name}' ${p}`, 'fix the sysctl name');
    if (seen.has(name))
      ctx.report(
        obj,
        'values/security-context',
        field,
        `sysctl '${name}' is set more than once`,
        'set each sysctl once',
      );
    seen.add(name);
    if (spec.hostNetwork === true && name.startsWith('net.'))
      ctx.report(
        obj,
        'values/security-context',
        field,
        `sysctl '${name}' is namespaced to the network namespace and may not be set when hostNetwork is true`,
        'drop the sysctl or hostNetwork',
      );
  }
}
