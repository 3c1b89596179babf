import {
  ContainerLocation,
  containersOf,
  KubernetesVersion,
  PodSpecLocation,
  REPLICATED_KINDS,
  RUN_TO_COMPLETION_KINDS,
} from '../../core';
import { configMapKeyProblems, INT32_MAX, sysctlNameProblems } from '../../values/api-names';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
} from '../../values/dns-name';
import { quantityProblems } from '../../values/quantity';
import { FieldPath } from '../field-path';
import { duplicate, invalid, namedList, oneOf, outOfRange, Problem, required } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { containerProblems, fieldRefProblems, resourceFieldRefProblems } from './container-checks';
import { labelProblems } from './metadata-checks';
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
  const pod = ctx.inputOf(obj).pod;
  if (pod)
    ctx.reportAll(
      obj,
      podSpecProblems(
        obj.manifest.kind,
        pod.location,
        ctx.kubernetesVersion,
        pod.containers.map((c) => c.location),
      ),
    );
}

/** The problems of the pod spec of an object of `kind` (`containers`: its containers, when already read). */
export function podSpecProblems(
  kind: string,
  pod: PodSpecLocation,
  version: KubernetesVersion,
  containers: readonly ContainerLocation[] = containersOf(pod),
): Problem[] {
  const out = restartPolicyProblems(kind, pod);
  const spec = pod.spec;
  const at = FieldPath.root(pod.field);
  if (asArray(spec.containers).length === 0)
    out.push(
      required(
        at.child('containers'),
        kind === 'StatefulSet'
          ? 'the pod template has no containers (the StatefulSet controller cannot create its pods)'
          : 'the pod has no containers',
        'add at least one container',
      ),
    );
  // init and regular containers share one namespace of names
  const seen = new Set<string>();
  for (const list of ['initContainers', 'containers'] as const)
    for (const c of namedList(spec[list], at.child(list), 'name', seen))
      if (c.repeated)
        out.push(
          duplicate(
            c.path.child('name'),
            `container name '${c.name}' is used more than once in the pod (init and regular containers share one namespace)`,
            'give every container a unique name',
          ),
        );
  for (const loc of containers) {
    const path = FieldPath.root(loc.field);
    out.push(...containerProblems(loc, path, version));
    out.push(...containerSecurityProblems(loc.container, path.child('securityContext')));
  }
  out.push(...volumeProblems(pod.spec.volumes, at.child('volumes')));
  out.push(...tolerationProblems(spec.tolerations, at.child('tolerations')));
  out.push(...labelProblems(spec.nodeSelector, at.child('nodeSelector')));
  for (const key of ['hostname', 'subdomain'] as const) {
    const v = asString(spec[key]);
    if (v !== undefined && v.length > 0)
      for (const p of dns1123LabelProblems(v))
        out.push(invalid(at.child(key), `${key} '${v}' ${p}`, 'use a DNS-1123 label', 'values/field-name'));
  }
  for (const key of ['serviceAccountName', 'priorityClassName'] as const) {
    const v = asString(spec[key]);
    if (v !== undefined && v.length > 0)
      for (const p of dns1123SubdomainProblems(v))
        out.push(invalid(at.child(key), `${key} '${v}' ${p}`, 'use the name of the object', 'values/field-name'));
  }
  const deadline = asNumber(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || !isInt32(deadline)))
    out.push(
      outOfRange(
        at.child('activeDeadlineSeconds'),
        `a pod's activeDeadlineSeconds must be from 1 to ${INT32_MAX} (is ${deadline})`,
        'set a positive number of seconds, or remove it',
      ),
    );
  out.push(...podSecurityProblems(spec, at));
  return out;
}

function restartPolicyProblems(kind: string, pod: PodSpecLocation): Problem[] {
  const out: Problem[] = [];
  const restart = pod.spec.restartPolicy;
  const field = FieldPath.root(pod.field).child('restartPolicy');
  if (RUN_TO_COMPLETION_KINDS.has(kind) && restart !== 'Never' && restart !== 'OnFailure')
    out.push(
      invalid(
        field,
        `a ${kind} must use restartPolicy Never or OnFailure (is ${JSON.stringify(restart ?? 'Always')})`,
        'set restartPolicy to Never or OnFailure',
        'values/restart-policy',
      ),
    );
  if (REPLICATED_KINDS.has(kind) && restart !== undefined && restart !== 'Always')
    out.push(
      invalid(
        field,
        `a ${kind} must use restartPolicy Always (is ${JSON.stringify(restart)})`,
        'remove restartPolicy or set it to Always',
        'values/restart-policy',
      ),
    );
  return out;
}

function volumeProblems(volumes: unknown, path: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const { item: v, path: at, name, repeated } of namedList(volumes, path)) {
    if (name !== undefined) {
      for (const p of dns1123LabelProblems(name))
        out.push(
          invalid(
            at.child('name'),
            `volume name '${name}' ${p}`,
            "use a DNS-1123 label such as 'data'",
            'values/field-name',
          ),
        );
      if (repeated)
        out.push(
          duplicate(
            at.child('name'),
            `volume name '${name}' is used more than once`,
            'give every volume a unique name',
          ),
        );
    }
    // No source at all is accepted: the API server defaults the volume to an emptyDir.
    const sources = setKeys(v, VOLUME_SOURCES);
    if (sources.length > 1)
      out.push(
        oneOf(
          at,
          `volume '${name ?? '?'}' has ${sources.length} sources (${sources.join(', ')})`,
          'give each volume exactly one source',
        ),
      );
    const sizeLimit = asObject(v.emptyDir)?.sizeLimit;
    if (typeof sizeLimit === 'string' || typeof sizeLimit === 'number')
      for (const p of quantityProblems(sizeLimit))
        out.push(
          invalid(
            at.child('emptyDir').child('sizeLimit'),
            `'${display(sizeLimit)}' ${p}`,
            "use a quantity such as '1Gi'",
            'values/quantity',
          ),
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
          out.push(
            required(at.child(source).child('items').index(j).child('key'), 'an item names no key', 'set the key'),
          );
        else
          for (const p of configMapKeyProblems(key))
            out.push(
              invalid(
                at.child(source).child('items').index(j).child('key'),
                `key '${key}' ${p}`,
                'use a valid key',
                'values/config-key',
              ),
            );
      }
      const refName = asString(s[nameKey]);
      if (refName !== undefined && refName.length > 0)
        for (const p of dns1123SubdomainProblems(refName))
          out.push(
            invalid(
              at.child(source).child(nameKey),
              `'${refName}' ${p}`,
              'use the name of the object',
              'values/field-name',
            ),
          );
    }
    const downward = asObject(v.downwardAPI);
    if (downward) out.push(...downwardItemProblems(downward.items, at.child('downwardAPI').child('items')));
    for (const [source, j] of objectsIn(asObject(v.projected)?.sources)) {
      const d = asObject(source.downwardAPI);
      if (d)
        out.push(
          ...downwardItemProblems(
            d.items,
            at.child('projected').child('sources').index(j).child('downwardAPI').child('items'),
          ),
        );
    }
  }
  return out;
}

function downwardItemProblems(items: unknown, at: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const [item, i] of objectsIn(items)) {
    const field = at.index(i);
    const refs = setKeys(item, ['fieldRef', 'resourceFieldRef']);
    if (refs.length === 0)
      out.push(required(field, 'a downward API item has neither fieldRef nor resourceFieldRef', 'set one'));
    if (refs.length > 1)
      out.push(oneOf(field, 'a downward API item sets both fieldRef and resourceFieldRef', 'keep one'));
    const fieldRef = asObject(item.fieldRef);
    if (fieldRef) out.push(...fieldRefProblems(fieldRef, field.child('fieldRef'), true));
    const resourceFieldRef = asObject(item.resourceFieldRef);
    if (resourceFieldRef)
      out.push(...resourceFieldRefProblems(resourceFieldRef, field.child('resourceFieldRef'), true));
  }
  return out;
}

/** The problems of tolerations (at `at`), as `ValidateTolerations` finds them. */
export function tolerationProblems(tolerations: unknown, at: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const [t, i] of objectsIn(tolerations)) {
    const field = at.index(i);
    const key = asString(t.key) ?? '';
    const operator = asString(t.operator) ?? '';
    const value = asString(t.value) ?? '';
    const effect = asString(t.effect) ?? '';
    const add = (sub: string, message: string, hint: string) =>
      out.push(invalid(field.child(sub), message, hint, 'values/toleration'));
    if (key.length > 0)
      for (const p of labelKeyProblems(key)) add('key', `toleration key '${key}': ${p}`, 'use a valid label key');
    if (key.length === 0 && operator !== 'Exists')
      add(
        'operator',
        'a toleration with an empty key must use operator Exists (it matches every taint)',
        'set operator: Exists, or a key',
      );
    if (operator === 'Exists' && value.length > 0)
      add('value', `a toleration with operator Exists takes no value (has '${value}')`, 'remove the value');
    else if (operator === '' || operator === 'Equal')
      for (const p of labelValueProblems(value))
        add('value', `toleration value '${value}': ${p}`, 'use a valid label value');
    else if (operator !== 'Exists')
      add('operator', `toleration operator '${operator}' is not Equal or Exists`, 'use Equal or Exists');
    if (effect.length > 0 && !TOLERATION_EFFECTS.has(effect))
      add(
        'effect',
        `toleration effect '${effect}' is not NoSchedule, PreferNoSchedule or NoExecute`,
        'use one of them',
      );
    if (isSet(t.tolerationSeconds) && effect !== 'NoExecute')
      add(
        'effect',
        'tolerationSeconds is only allowed with effect NoExecute',
        'set effect: NoExecute or remove tolerationSeconds',
      );
  }
  return out;
}

function idProblems(sc: JsonObject, at: FieldPath, keys: readonly string[]): Problem[] {
  const out: Problem[] = [];
  for (const key of keys) {
    const v = asNumber(sc[key]);
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= MAX_ID))
      out.push(
        outOfRange(at.child(key), `${key} must be from 0 to ${MAX_ID} (is ${v})`, 'use a valid user or group id'),
      );
  }
  return out;
}

function seccompProfileProblems(sc: JsonObject, at: FieldPath): Problem[] {
  const out: Problem[] = [];
  const profile = asObject(sc.seccompProfile);
  if (!profile) return out;
  const localhost = asString(profile.localhostProfile);
  if (profile.type === 'Localhost' && (localhost === undefined || localhost.length === 0))
    out.push(
      invalid(
        at.child('seccompProfile').child('localhostProfile'),
        'a Localhost seccomp profile must name its file',
        'set localhostProfile',
        'values/security-context',
      ),
    );
  if (profile.type !== 'Localhost' && localhost !== undefined)
    out.push(
      invalid(
        at.child('seccompProfile').child('localhostProfile'),
        `localhostProfile is only allowed with type Localhost (type is ${JSON.stringify(profile.type)})`,
        'remove localhostProfile',
        'values/security-context',
      ),
    );
  return out;
}

function containerSecurityProblems(c: JsonObject, at: FieldPath): Problem[] {
  const sc = asObject(c.securityContext);
  if (!sc) return [];
  const out = [...idProblems(sc, at, ['runAsUser', 'runAsGroup']), ...seccompProfileProblems(sc, at)];
  if (sc.allowPrivilegeEscalation !== false) return out;
  if (sc.privileged === true)
    out.push(
      invalid(
        at.child('privileged'),
        'a container cannot be privileged with allowPrivilegeEscalation false',
        'drop privileged, or allow privilege escalation',
        'values/security-context',
      ),
    );
  if (stringsIn(asObject(sc.capabilities)?.add).includes('CAP_SYS_ADMIN'))
    out.push(
      invalid(
        at.child('capabilities').child('add'),
        'a container cannot add CAP_SYS_ADMIN with allowPrivilegeEscalation false',
        'drop CAP_SYS_ADMIN, or allow privilege escalation',
        'values/security-context',
      ),
    );
  return out;
}

function podSecurityProblems(spec: JsonObject, podPath: FieldPath): Problem[] {
  const out: Problem[] = [];
  if (spec.shareProcessNamespace === true && spec.hostPID === true)
    out.push(
      invalid(
        podPath.child('shareProcessNamespace'),
        'shareProcessNamespace and hostPID cannot both be enabled',
        'drop one',
        'values/security-context',
      ),
    );
  const sc = asObject(spec.securityContext);
  if (!sc) return out;
  const at = podPath.child('securityContext');
  out.push(...idProblems(sc, at, ['runAsUser', 'runAsGroup', 'fsGroup']));
  asArray(sc.supplementalGroups).forEach((g, i) => {
    if (typeof g === 'number' && !(Number.isInteger(g) && g >= 0 && g <= MAX_ID))
      out.push(
        outOfRange(
          at.child('supplementalGroups').index(i),
          `group ${g} must be from 0 to ${MAX_ID}`,
          'use a valid group id',
        ),
      );
  });
  out.push(...seccompProfileProblems(sc, at));
  for (const { path, name, repeated } of namedList(sc.sysctls, at.child('sysctls'))) {
    if (name === undefined) continue;
    const field = path.child('name');
    for (const p of sysctlNameProblems(name))
      out.push(invalid(field, `sysctl '${name}' ${p}`, 'fix the sysctl name', 'values/security-context'));
    if (repeated)
      out.push(
        duplicate(field, `sysctl '${name}' is set more than once`, 'set each sysctl once', 'values/security-context'),
      );
    if (spec.hostNetwork === true && name.startsWith('net.'))
      out.push(
        invalid(
          field,
          `sysctl '${name}' is namespaced to the network namespace and may not be set when hostNetwork is true`,
          'drop the sysctl or hostNetwork',
          'values/security-context',
        ),
      );
  }
  return out;
}
