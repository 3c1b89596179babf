import { atLeast, ContainerLocation, FEATURE_SINCE, KubernetesVersion } from '../../core';
import { configMapKeyProblems, envVarNameProblems, ianaSvcNameProblems, INT32_MAX } from '../../values/api-names';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  portNumberProblems,
} from '../../values/dns-name';
import { parseQuantity, quantityProblems } from '../../values/quantity';
import { FieldPath } from '../field-path';
import { duplicate, invalid, namedList, oneOf, outOfRange, Problem, required } from '../problem';
import {
  display,
  asArray,
  asNumber,
  asObject,
  asString,
  isInt32,
  isSet,
  JsonObject,
  objectsIn,
  setKeys,
} from './shape';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const VALUE_FROM_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;
/** Resource names a container may use without a domain (`IsStandardContainerResourceName`). */
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** Env fieldRef paths the API server supports (`validEnvDownwardAPIFieldPathExpressions`). */
const ENV_FIELD_PATHS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
/** Volume fieldRef paths the API server supports (`validVolumeDownwardAPIFieldPathExpressions`). */
const VOLUME_FIELD_PATHS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.uid',
]);
const SUBSCRIPTED_FIELD_PATH = /^metadata\.(labels|annotations)\['(.*)'\]$/;
const RESOURCE_FIELD = /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-.+)$/;

/** The problems of one container (at `at`): name, image, ports, env, mounts, resources, probes, lifecycle, restartPolicy. */
export function containerProblems(loc: ContainerLocation, at: FieldPath, version: KubernetesVersion): Problem[] {
  const out: Problem[] = [];
  const c = loc.container;
  const name = asString(c.name);
  if (name !== undefined)
    for (const p of dns1123LabelProblems(name))
      out.push(
        invalid(
          at.child('name'),
          `container name '${name}' ${p}`,
          "use a DNS-1123 label such as 'web'",
          'values/field-name',
        ),
      );
  const image = c.image;
  if (!isSet(image) || (typeof image === 'string' && image.trim().length === 0))
    out.push(
      required(at.child('image'), `container '${name ?? '?'}' has no image`, 'set the image, e.g. nginx:1.25.3'),
    );
  out.push(...portProblems(c, at));
  out.push(...envProblems(c, at, version));
  out.push(...mountProblems(c, at, name));
  out.push(...resourceProblems(c, at));
  out.push(...probeAndLifecycleProblems(loc, at, version, name));
  return out;
}

function portProblems(c: JsonObject, at: FieldPath): Problem[] {
  const out: Problem[] = [];
  for (const { item: p, path: pField, name: portName, repeated } of namedList(c.ports, at.child('ports'))) {
    const containerPort = asNumber(p.containerPort);
    if (containerPort !== undefined)
      for (const prob of portNumberProblems(containerPort))
        out.push(
          invalid(pField.child('containerPort'), `containerPort ${prob}`, 'use a port from 1 to 65535', 'values/port'),
        );
    const hostPort = asNumber(p.hostPort);
    if (hostPort !== undefined && hostPort !== 0)
      for (const prob of portNumberProblems(hostPort))
        out.push(invalid(pField.child('hostPort'), `hostPort ${prob}`, 'use a port from 1 to 65535', 'values/port'));
    if (portName === undefined) continue;
    for (const prob of ianaSvcNameProblems(portName))
      out.push(
        invalid(
          pField.child('name'),
          `port name '${portName}' ${prob}`,
          "use a short lowercase name such as 'http' or 'metrics'",
          'values/port-name',
        ),
      );
    if (repeated)
      out.push(
        duplicate(
          pField.child('name'),
          `port name '${portName}' is used more than once in the container`,
          'give every port of the container a unique name',
          'values/port-name',
        ),
      );
  }
  return out;
}

function envProblems(c: JsonObject, at: FieldPath, version: KubernetesVersion): Problem[] {
  const out: Problem[] = [];
  const relaxed = atLeast(version, FEATURE_SINCE.relaxedEnvNames);
  const envNameHint = relaxed
    ? "use printable ASCII characters other than '='"
    : "use letters, digits, '_', '-' or '.', not starting with a digit (Kubernetes 1.32+ relaxes this)";
  for (const [e, i] of objectsIn(c.env)) {
    const eField = at.child('env').index(i);
    const name = asString(e.name);
    if (name !== undefined) {
      for (const p of envVarNameProblems(name, relaxed))
        out.push(invalid(eField.child('name'), `env variable name '${name}' ${p}`, envNameHint, 'values/env-name'));
    }
    if (!isSet(e.valueFrom)) continue;
    const valueFrom = asObject(e.valueFrom);
    if (!valueFrom) continue;
    const sources = setKeys(valueFrom, VALUE_FROM_SOURCES);
    if (sources.length === 0)
      out.push(
        required(
          eField.child('valueFrom'),
          `env variable '${name ?? '?'}' has a valueFrom with no source`,
          'set one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef',
        ),
      );
    if (sources.length > 1)
      out.push(
        oneOf(
          eField.child('valueFrom'),
          `env variable '${name ?? '?'}' takes its value from ${sources.join(' and ')}`,
          'keep one source',
        ),
      );
    if (sources.length > 0 && typeof e.value === 'string' && e.value.length > 0)
      out.push(
        oneOf(
          eField.child('value'),
          `env variable '${name ?? '?'}' sets both value and valueFrom`,
          'keep value or valueFrom',
        ),
      );
    const fieldRef = asObject(valueFrom.fieldRef);
    if (fieldRef) out.push(...fieldRefProblems(fieldRef, eField.child('valueFrom').child('fieldRef'), false));
    const resourceFieldRef = asObject(valueFrom.resourceFieldRef);
    if (resourceFieldRef)
      out.push(
        ...resourceFieldRefProblems(resourceFieldRef, eField.child('valueFrom').child('resourceFieldRef'), false),
      );
    for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const keyRef = asObject(valueFrom[ref]);
      if (keyRef) out.push(...keyRefProblems(keyRef, eField.child('valueFrom').child(ref)));
    }
  }
  for (const [e, i] of objectsIn(c.envFrom)) {
    const eField = at.child('envFrom').index(i);
    const sources = setKeys(e, ['configMapRef', 'secretRef']);
    if (sources.length === 0)
      out.push(required(eField, 'an envFrom entry has no source', 'set configMapRef or secretRef'));
    if (sources.length > 1)
      out.push(oneOf(eField, 'an envFrom entry sets both configMapRef and secretRef', 'keep one'));
    const prefix = asString(e.prefix);
    if (prefix !== undefined && prefix.length > 0)
      for (const p of envVarNameProblems(prefix, relaxed))
        out.push(invalid(eField.child('prefix'), `envFrom prefix '${prefix}' ${p}`, envNameHint, 'values/env-name'));
    for (const ref of sources) {
      const refName = asString(asObject(e[ref])?.name);
      if (refName === undefined || refName.length === 0)
        out.push(required(eField.child(ref).child('name'), `envFrom ${ref} names nothing`, 'set the name'));
      else
        for (const p of dns1123SubdomainProblems(refName))
          out.push(
            invalid(
              eField.child(ref).child('name'),
              `'${refName}' ${p}`,
              'use the name of the object',
              'values/field-name',
            ),
          );
    }
  }
  return out;
}

/** The problems of a ConfigMap or Secret key reference (env valueFrom): a name and a valid key. */
function keyRefProblems(ref: JsonObject, field: FieldPath): Problem[] {
  const out: Problem[] = [];
  const refName = asString(ref.name);
  if (refName === undefined || refName.length === 0)
    out.push(required(field.child('name'), 'the reference names no object', 'set the name of the object'));
  else
    for (const p of dns1123SubdomainProblems(refName))
      out.push(invalid(field.child('name'), `'${refName}' ${p}`, 'use the name of the object', 'values/field-name'));
  const key = asString(ref.key);
  if (key === undefined || key.length === 0)
    out.push(required(field.child('key'), 'the reference names no key', 'set the key'));
  else
    for (const p of configMapKeyProblems(key))
      out.push(invalid(field.child('key'), `key '${key}' ${p}`, 'use an existing, valid key', 'values/config-key'));
  return out;
}

/** The problems of a downward API fieldRef (`validateObjectFieldSelector`): env and volumes support different paths. */
export function fieldRefProblems(ref: JsonObject, field: FieldPath, volume: boolean): Problem[] {
  const path = asString(ref.fieldPath);
  if (path === undefined || path.length === 0)
    return [required(field.child('fieldPath'), 'fieldRef has no fieldPath', 'set fieldPath')];
  const out: Problem[] = [];
  const supported = volume ? VOLUME_FIELD_PATHS : ENV_FIELD_PATHS;
  const sub = SUBSCRIPTED_FIELD_PATH.exec(path);
  if (sub) {
    const key = sub[1] === 'annotations' ? sub[2].toLowerCase() : sub[2];
    for (const p of labelKeyProblems(key))
      out.push(
        invalid(
          field.child('fieldPath'),
          `fieldPath '${path}': key ${p}`,
          'subscript a valid label or annotation key',
          'values/field-ref',
        ),
      );
    return out;
  }
  if (!supported.has(path))
    out.push(
      invalid(
        field.child('fieldPath'),
        `fieldPath '${path}' is not supported ${volume ? 'in a downward API volume' : 'in env'} (supported: ${[...supported].join(', ')}, metadata.labels['key'], metadata.annotations['key'])`,
        volume
          ? 'expose spec and status fields through env instead'
          : "subscript labels and annotations, e.g. metadata.labels['app']",
        'values/field-ref',
      ),
    );
  return out;
}

/** The problems of a downward API resourceFieldRef: a container resource, and (in volumes) the container named. */
export function resourceFieldRefProblems(ref: JsonObject, field: FieldPath, volume: boolean): Problem[] {
  const out: Problem[] = [];
  const resource = asString(ref.resource);
  if (resource === undefined || resource.length === 0)
    out.push(required(field.child('resource'), 'resourceFieldRef names no resource', "set e.g. 'limits.memory'"));
  else if (!RESOURCE_FIELD.test(resource))
    out.push(
      invalid(
        field.child('resource'),
        `resource '${resource}' is not limits.* or requests.* of cpu, memory, ephemeral-storage or hugepages-<size>`,
        "use e.g. 'limits.cpu' or 'requests.memory'",
        'values/resource-name',
      ),
    );
  if (volume && (asString(ref.containerName) ?? '').length === 0)
    out.push(
      required(
        field.child('containerName'),
        'a downward API volume resourceFieldRef must name its container',
        'set containerName',
      ),
    );
  return out;
}

function mountProblems(c: JsonObject, at: FieldPath, container?: string): Problem[] {
  const out: Problem[] = [];
  for (const { path: mount, name: path, repeated } of namedList(
    c.volumeMounts,
    at.child('volumeMounts'),
    'mountPath',
  )) {
    if (path === undefined) continue;
    if (repeated)
      out.push(
        duplicate(
          mount.child('mountPath'),
          `mount path '${path}' is used more than once in container '${container ?? '?'}'`,
          'mount each path once',
        ),
      );
  }
  return out;
}

/** Whether a resource name is one a container may request (`validateContainerResourceName`). */
export function containerResourceNameProblems(resource: string): string[] {
  if (resource.includes('/')) {
    const problems = labelKeyProblems(resource);
    return problems.length > 0 ? [`must be a qualified name: ${problems.join('; ')}`] : [];
  }
  if (STANDARD_CONTAINER_RESOURCES.has(resource) || /^hugepages-./.test(resource)) return [];
  return [
    'is not a standard container resource (cpu, memory, ephemeral-storage, hugepages-<size>) nor fully qualified (example.com/gpu)',
  ];
}

function resourceProblems(c: JsonObject, at: FieldPath): Problem[] {
  const out: Problem[] = [];
  const resources = asObject(c.resources);
  if (!resources) return out;
  for (const section of ['requests', 'limits'] as const) {
    const values = asObject(resources[section]);
    if (!values) continue;
    for (const [resource, q] of Object.entries(values)) {
      const field = at.child('resources').child(section).field(resource);
      for (const p of containerResourceNameProblems(resource))
        out.push(
          invalid(
            field,
            `resource '${resource}' ${p}`,
            "use 'cpu', 'memory' or a domain-qualified name",
            'values/resource-name',
          ),
        );
      if (typeof q !== 'string' && typeof q !== 'number') continue;
      for (const prob of quantityProblems(q))
        out.push(
          invalid(
            field,
            `'${display(q)}' ${prob}`,
            "use a quantity such as '250m' (CPU) or '128Mi' (memory)",
            'values/quantity',
          ),
        );
    }
  }
  const requests = asObject(resources.requests) ?? {};
  const limits = asObject(resources.limits) ?? {};
  for (const [resource, req] of Object.entries(requests)) {
    const lim = limits[resource];
    if ((typeof req !== 'string' && typeof req !== 'number') || (typeof lim !== 'string' && typeof lim !== 'number'))
      continue;
    const r = parseQuantity(req);
    const l = parseQuantity(lim);
    if (r !== undefined && l !== undefined && r > l)
      out.push(
        invalid(
          at.child('resources').child('requests').field(resource),
          `request ${display(req)} is greater than limit ${display(lim)}`,
          `lower the ${resource} request or raise the limit`,
          'values/requests-limits',
        ),
      );
  }
  return out;
}

function probeAndLifecycleProblems(
  loc: ContainerLocation,
  at: FieldPath,
  version: KubernetesVersion,
  name?: string,
): Problem[] {
  const out: Problem[] = [];
  const c = loc.container;
  const restartPolicy = c.restartPolicy;
  const sidecarsOn = atLeast(version, FEATURE_SINCE.nativeSidecars);
  const sidecar = loc.init && restartPolicy === 'Always' && sidecarsOn;
  if (isSet(restartPolicy)) {
    if (loc.init && restartPolicy !== 'Always')
      out.push(
        invalid(
          at.child('restartPolicy'),
          `an init container's restartPolicy can only be Always (is ${JSON.stringify(restartPolicy)})`,
          'remove restartPolicy, or set Always to make it a native sidecar',
          'values/init-container',
        ),
      );
    else if (!loc.init && !atLeast(version, FEATURE_SINCE.containerRestartRules))
      out.push(
        invalid(
          at.child('restartPolicy'),
          `restartPolicy may not be set on a regular container before Kubernetes ${FEATURE_SINCE.containerRestartRules} (container '${name ?? '?'}')`,
          'remove it; the pod restartPolicy applies',
          'values/init-container',
        ),
      );
  }
  const lifecycle = asObject(c.lifecycle);
  for (const probeKey of PROBES) {
    if (!isSet(c[probeKey])) continue;
    if (loc.init && !sidecar) {
      out.push(
        invalid(
          at.child(probeKey),
          `init container '${name ?? '?'}' may not have a ${probeKey}${sidecarsOn ? ' unless it is a native sidecar (restartPolicy: Always)' : ''}`,
          sidecarsOn ? 'remove the probe or set restartPolicy: Always on the init container' : 'remove the probe',
          'values/init-container',
        ),
      );
      continue;
    }
    const probe = asObject(c[probeKey]);
    if (probe) out.push(...probeProblems(probe, at.child(probeKey), probeKey));
  }
  if (!lifecycle) return out;
  if (loc.init && !sidecar) {
    out.push(
      invalid(
        at.child('lifecycle'),
        `init container '${name ?? '?'}' may not have lifecycle hooks${sidecarsOn ? ' unless it is a native sidecar (restartPolicy: Always)' : ''}`,
        'remove the lifecycle hooks',
        'values/init-container',
      ),
    );
    return out;
  }
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = asObject(lifecycle[hook]);
    if (!handler) continue;
    const field = at.child('lifecycle').child(hook);
    const handlers = setKeys(handler, LIFECYCLE_HANDLERS);
    if (handlers.length === 0)
      out.push(required(field, `the ${hook} hook has no handler`, 'set one of exec, httpGet, tcpSocket, sleep'));
    if (handlers.length > 1)
      out.push(oneOf(field, `the ${hook} hook has several handlers (${handlers.join(', ')})`, 'keep one handler'));
    out.push(...execProblems(handler, field));
  }
  return out;
}

function execProblems(handler: JsonObject, field: FieldPath): Problem[] {
  const exec = asObject(handler.exec);
  if (exec && asArray(exec.command).length === 0)
    return [
      required(field.child('exec').child('command'), 'an exec handler has no command', 'give the command to run'),
    ];
  return [];
}

function probeProblems(probe: JsonObject, field: FieldPath, kind: (typeof PROBES)[number]): Problem[] {
  const out: Problem[] = [];
  const handlers = setKeys(probe, PROBE_HANDLERS);
  if (handlers.length !== 1)
    out.push(
      invalid(
        field,
        `a probe needs exactly one handler of exec, httpGet, tcpSocket, grpc (has ${handlers.length === 0 ? 'none' : handlers.join(', ')})`,
        handlers.length === 0 ? 'add a handler' : 'keep one handler',
        'values/probe',
      ),
    );
  out.push(...execProblems(probe, field));
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    const v = asNumber(probe[key]);
    if (v === undefined) continue;
    if (v < 0)
      out.push(
        invalid(field.child(key), `${key} must not be negative (is ${v})`, `set ${key} to 0 or more`, 'values/probe'),
      );
    else if (!isInt32(v))
      out.push(
        outOfRange(field.child(key), `${key} ${v} does not fit an int32 (at most ${INT32_MAX})`, `lower ${key}`),
      );
  }
  const success = asNumber(probe.successThreshold);
  if (kind !== 'readinessProbe' && success !== undefined && success !== 0 && success !== 1)
    out.push(
      invalid(
        field.child('successThreshold'),
        `successThreshold must be 1 for ${kind === 'livenessProbe' ? 'liveness' : 'startup'} probes (is ${success})`,
        'remove successThreshold or set it to 1',
        'values/probe',
      ),
    );
  for (const h of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const port = asObject(probe[h])?.port;
    if (typeof port === 'number') {
      for (const p of portNumberProblems(port))
        out.push(invalid(field.child(h).child('port'), `probe port ${p}`, 'use a port from 1 to 65535', 'values/port'));
    } else if (typeof port === 'string') {
      for (const p of ianaSvcNameProblems(port))
        out.push(
          invalid(
            field.child(h).child('port'),
            `probe port name '${port}' ${p}`,
            'use a port number or a valid port name',
            'values/port-name',
          ),
        );
    }
  }
  return out;
}
