import { atLeast, ContainerLocation, FEATURE_SINCE } from '../../core';
import { configMapKeyProblems, envVarNameProblems, ianaSvcNameProblems, INT32_MAX } from '../../values/api-names';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  portNumberProblems,
} from '../../values/dns-name';
import { parseQuantity, quantityProblems } from '../../values/quantity';
import { ObjectToValidate, ValidationContext } from '../validation-context';
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

/** Checks one container: name, image, ports, env, mounts, resources, probes, lifecycle, restartPolicy. */
export function checkContainer(ctx: ValidationContext, obj: ObjectToValidate, loc: ContainerLocation): void {
  const c = loc.container;
  const at = loc.field;
  const name = asString(c.name);
  if (name !== undefined)
    for (const p of dns1123LabelProblems(name))
      ctx.report(
        obj,
        'values/field-name',
        `${at}.name`,
        `container name '${name}' ${p}`,
        "use a DNS-1123 label such as 'web'",
      );
  const image = c.image;
  if (!isSet(image) || (typeof image === 'string' && image.trim().length === 0))
    ctx.report(
      obj,
      'values/required',
      `${at}.image`,
      `container '${name ?? '?'}' has no image`,
      'set the image, e.g. nginx:1.25.3',
    );
  checkPorts(ctx, obj, c, at);
  checkEnv(ctx, obj, c, at, name);
  checkMounts(ctx, obj, c, at, name);
  checkResources(ctx, obj, c, at);
  checkProbesAndLifecycle(ctx, obj, loc, name);
}

function checkPorts(ctx: ValidationContext, obj: ObjectToValidate, c: JsonObject, at: string): void {
  const names = new Set<string>();
  for (const [p, i] of objectsIn(c.ports)) {
    const pField = `${at}.ports[${i}]`;
    const containerPort = asNumber(p.containerPort);
    if (containerPort !== undefined)
      for (const prob of portNumberProblems(containerPort))
        ctx.report(
          obj,
          'values/port',
          `${pField}.containerPort`,
          `containerPort ${prob}`,
          'use a port from 1 to 65535',
        );
    const hostPort = asNumber(p.hostPort);
    if (hostPort !== undefined && hostPort !== 0)
      for (const prob of portNumberProblems(hostPort))
        ctx.report(obj, 'values/port', `${pField}.hostPort`, `hostPort ${prob}`, 'use a port from 1 to 65535');
    const portName = asString(p.name);
    if (portName === undefined) continue;
    for (const prob of ianaSvcNameProblems(portName))
      ctx.report(
        obj,
        'values/port-name',
        `${pField}.name`,
        `port name '${portName}' ${prob}`,
        "use a short lowercase name such as 'http' or 'metrics'",
      );
    if (names.has(portName))
      ctx.report(
        obj,
        'values/port-name',
        `${pField}.name`,
        `port name '${portName}' is used more than once in the container`,
        'give every port of the container a unique name',
      );
    names.add(portName);
  }
}

function checkEnv(ctx: ValidationContext, obj: ObjectToValidate, c: JsonObject, at: string, container?: string): void {
  const relaxed = atLeast(ctx.kubernetesVersion, FEATURE_SINCE.relaxedEnvNames);
  const envNameHint = relaxed
    ? "use printable ASCII characters other than '='"
    : "use letters, digits, '_', '-' or '.', not starting with a digit (Kubernetes 1.32+ relaxes this)";
  const seen = new Set<string>();
  for (const [e, i] of objectsIn(c.env)) {
    const eField = `${at}.env[${i}]`;
    const name = asString(e.name);
    if (name !== undefined) {
      for (const p of envVarNameProblems(name, relaxed))
        ctx.report(obj, 'values/env-name', `${eField}.name`, `env variable name '${name}' ${p}`, envNameHint);
      if (seen.has(name))
        ctx.report(
          obj,
          'policy/duplicate-env',
          `${eField}.name`,
          `env variable '${name}' is defined more than once in container '${container ?? '?'}' (the last one wins)`,
          'define each variable once',
        );
      seen.add(name);
    }
    if (!isSet(e.valueFrom)) continue;
    const valueFrom = asObject(e.valueFrom);
    if (!valueFrom) continue;
    const sources = setKeys(valueFrom, VALUE_FROM_SOURCES);
    if (sources.length === 0)
      ctx.report(
        obj,
        'values/required',
        `${eField}.valueFrom`,
        `env variable '${name ?? '?'}' has a valueFrom with no source`,
        'set one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef',
      );
    if (sources.length > 1)
      ctx.report(
        obj,
        'values/one-of',
        `${eField}.valueFrom`,
        `env variable '${name ?? '?'}' takes its value from ${sources.join(' and ')}`,
        'keep one source',
      );
    if (sources.length > 0 && typeof e.value === 'string' && e.value.length > 0)
      ctx.report(
        obj,
        'values/one-of',
        `${eField}.value`,
        `env variable '${name ?? '?'}' sets both value and valueFrom`,
        'keep value or valueFrom',
      );
    const fieldRef = asObject(valueFrom.fieldRef);
    if (fieldRef) checkFieldRef(ctx, obj, fieldRef, `${eField}.valueFrom.fieldRef`, false);
    const resourceFieldRef = asObject(valueFrom.resourceFieldRef);
    if (resourceFieldRef)
      checkResourceFieldRef(ctx, obj, resourceFieldRef, `${eField}.valueFrom.resourceFieldRef`, false);
    for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const keyRef = asObject(valueFrom[ref]);
      if (keyRef) checkKeyRef(ctx, obj, keyRef, `${eField}.valueFrom.${ref}`);
    }
  }
  for (const [e, i] of objectsIn(c.envFrom)) {
    const eField = `${at}.envFrom[${i}]`;
    const sources = setKeys(e, ['configMapRef', 'secretRef']);
    if (sources.length === 0)
      ctx.report(obj, 'values/required', eField, 'an envFrom entry has no source', 'set configMapRef or secretRef');
    if (sources.length > 1)
      ctx.report(obj, 'values/one-of', eField, 'an envFrom entry sets both configMapRef and secretRef', 'keep one');
    const prefix = asString(e.prefix);
    if (prefix !== undefined && prefix.length > 0)
      for (const p of envVarNameProblems(prefix, relaxed))
        ctx.report(obj, 'values/env-name', `${eField}.prefix`, `envFrom prefix '${prefix}' ${p}`, envNameHint);
    for (const ref of sources) {
      const refName = asString(asObject(e[ref])?.name);
      if (refName === undefined || refName.length === 0)
        ctx.report(obj, 'values/required', `${eField}.${ref}.name`, `envFrom ${ref} names nothing`, 'set the name');
      else
        for (const p of dns1123SubdomainProblems(refName))
          ctx.report(
            obj,
            'values/field-name',
            `${eField}.${ref}.name`,
            `'${refName}' ${p}`,
            'use the name of the object',
          );
    }
  }
}

/** Checks a ConfigMap or Secret key reference (env valueFrom): a name and a valid key. */
function checkKeyRef(ctx: ValidationContext, obj: ObjectToValidate, ref: JsonObject, field: string): void {
  const refName = asString(ref.name);
  if (refName === undefined || refName.length === 0)
    ctx.report(obj, 'values/required', `${field}.name`, 'the reference names no object', 'set the name of the object');
  else
    for (const p of dns1123SubdomainProblems(refName))
      ctx.report(obj, 'values/field-name', `${field}.name`, `'${refName}' ${p}`, 'use the name of the object');
  const key = asString(ref.key);
  if (key === undefined || key.length === 0)
    ctx.report(obj, 'values/required', `${field}.key`, 'the reference names no key', 'set the key');
  else
    for (const p of configMapKeyProblems(key))
      ctx.report(obj, 'values/config-key', `${field}.key`, `key '${key}' ${p}`, 'use an existing, valid key');
}

/** Checks a downward API fieldRef (`validateObjectFieldSelector`): env and volumes support different paths. */
export function checkFieldRef(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  ref: JsonObject,
  field: string,
  volume: boolean,
): void {
  const path = asString(ref.fieldPath);
  if (path === undefined || path.length === 0) {
    ctx.report(obj, 'values/required', `${field}.fieldPath`, 'fieldRef has no fieldPath', 'set fieldPath');
    return;
  }
  const supported = volume ? VOLUME_FIELD_PATHS : ENV_FIELD_PATHS;
  const sub = SUBSCRIPTED_FIELD_PATH.exec(path);
  if (sub) {
    const key = sub[1] === 'annotations' ? sub[2].toLowerCase() : sub[2];
    for (const p of labelKeyProblems(key))
      ctx.report(
        obj,
        'values/field-ref',
        `${field}.fieldPath`,
        `fieldPath '${path}': key ${p}`,
        'subscript a valid label or annotation key',
      );
    return;
  }
  if (!supported.has(path))
    ctx.report(
      obj,
      'values/field-ref',
      `${field}.fieldPath`,
      `fieldPath '${path}' is not supported ${volume ? 'in a downward API volume' : 'in env'} (supported: ${[...supported].join(', ')}, metadata.labels['key'], metadata.annotations['key'])`,
      volume
        ? 'expose spec and status fields through env instead'
        : "subscript labels and annotations, e.g. metadata.labels['app']",
    );
}

/** Checks a downward API resourceFieldRef: a container resource, and (in volumes) the container named. */
export function checkResourceFieldRef(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  ref: JsonObject,
  field: string,
  volume: boolean,
): void {
  const resource = asString(ref.resource);
  if (resource === undefined || resource.length === 0)
    ctx.report(
      obj,
      'values/required',
      `${field}.resource`,
      'resourceFieldRef names no resource',
      "set e.g. 'limits.memory'",
    );
  else if (!RESOURCE_FIELD.test(resource))
    ctx.report(
      obj,
      'values/resource-name',
      `${field}.resource`,
      `resource '${resource}' is not limits.* or requests.* of cpu, memory, ephemeral-storage or hugepages-<size>`,
      "use e.g. 'limits.cpu' or 'requests.memory'",
    );
  if (volume && (asString(ref.containerName) ?? '').length === 0)
    ctx.report(
      obj,
      'values/required',
      `${field}.containerName`,
      'a downward API volume resourceFieldRef must name its container',
      'set containerName',
    );
}

function checkMounts(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  c: JsonObject,
  at: string,
  container?: string,
): void {
  const paths = new Set<string>();
  for (const [m, i] of objectsIn(c.volumeMounts)) {
    const path = asString(m.mountPath);
    if (path === undefined) continue;
    if (paths.has(path))
      ctx.report(
        obj,
        'values/duplicate',
        `${at}.volumeMounts[${i}].mountPath`,
        `mount path '${path}' is used more than once in container '${container ?? '?'}'`,
        'mount each path once',
      );
    paths.add(path);
  }
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

function checkResources(ctx: ValidationContext, obj: ObjectToValidate, c: JsonObject, at: string): void {
  const resources = asObject(c.resources);
  if (!resources) return;
  for (const section of ['requests', 'limits'] as const) {
    const values = asObject(resources[section]);
    if (!values) continue;
    for (const [resource, q] of Object.entries(values)) {
      const field = `${at}.resources.${section}.${resource}`;
      for (const p of containerResourceNameProblems(resource))
        ctx.report(
          obj,
          'values/resource-name',
          field,
          `resource '${resource}' ${p}`,
          "use 'cpu', 'memory' or a domain-qualified name",
        );
      if (typeof q !== 'string' && typeof q !== 'number') continue;
      for (const prob of quantityProblems(q))
        ctx.report(
          obj,
          'values/quantity',
          field,
          `'${display(q)}' ${prob}`,
          "use a quantity such as '250m' (CPU) or '128Mi' (memory)",
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
      ctx.report(
        obj,
        'values/requests-limits',
        `${at}.resources.requests.${resource}`,
        `request ${display(req)} is greater than limit ${display(lim)}`,
        `lower the ${resource} request or raise the limit`,
      );
  }
}

function checkProbesAndLifecycle(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  loc: ContainerLocation,
  name?: string,
): void {
  const c = loc.container;
  const at = loc.field;
  const restartPolicy = c.restartPolicy;
  const sidecarsOn = atLeast(ctx.kubernetesVersion, FEATURE_SINCE.nativeSidecars);
  const sidecar = loc.init && restartPolicy === 'Always' && sidecarsOn;
  if (isSet(restartPolicy)) {
    if (loc.init && restartPolicy !== 'Always')
      ctx.report(
        obj,
        'values/init-container',
        `${at}.restartPolicy`,
        `an init container's restartPolicy can only be Always (is ${JSON.stringify(restartPolicy)})`,
        'remove restartPolicy, or set Always to make it a native sidecar',
      );
    else if (!loc.init && !atLeast(ctx.kubernetesVersion, FEATURE_SINCE.containerRestartRules))
      ctx.report(
        obj,
        'values/init-container',
        `${at}.restartPolicy`,
        `restartPolicy may not be set on a regular container before Kubernetes ${FEATURE_SINCE.containerRestartRules} (container '${name ?? '?'}')`,
        'remove it; the pod restartPolicy applies',
      );
  }
  const lifecycle = asObject(c.lifecycle);
  for (const probeKey of PROBES) {
    if (!isSet(c[probeKey])) continue;
    if (loc.init && !sidecar) {
      ctx.report(
        obj,
        'values/init-container',
        `${at}.${probeKey}`,
        `init container '${name ?? '?'}' may not have a ${probeKey}${sidecarsOn ? ' unless it is a native sidecar (restartPolicy: Always)' : ''}`,
        sidecarsOn ? 'remove the probe or set restartPolicy: Always on the init container' : 'remove the probe',
      );
      continue;
    }
    const probe = asObject(c[probeKey]);
    if (probe) checkProbe(ctx, obj, probe, `${at}.${probeKey}`, probeKey, c, name);
  }
  if (!lifecycle) return;
  if (loc.init && !sidecar) {
    ctx.report(
      obj,
      'values/init-container',
      `${at}.lifecycle`,
      `init container '${name ?? '?'}' may not have lifecycle hooks${sidecarsOn ? ' unless it is a native sidecar (restartPolicy: Always)' : ''}`,
      'remove the lifecycle hooks',
    );
    return;
  }
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = asObject(lifecycle[hook]);
    if (!handler) continue;
    const field = `${at}.lifecycle.${hook}`;
    const handlers = setKeys(handler, LIFECYCLE_HANDLERS);
    if (handlers.length === 0)
      ctx.report(
        obj,
        'values/required',
        field,
        `the ${hook} hook has no handler`,
        'set one of exec, httpGet, tcpSocket, sleep',
      );
    if (handlers.length > 1)
      ctx.report(
        obj,
        'values/one-of',
        field,
        `the ${hook} hook has several handlers (${handlers.join(', ')})`,
        'keep one handler',
      );
    checkExec(ctx, obj, handler, field);
  }
}

function checkExec(ctx: ValidationContext, obj: ObjectToValidate, handler: JsonObject, field: string): void {
  const exec = asObject(handler.exec);
  if (exec && asArray(exec.command).length === 0)
    ctx.report(
      obj,
      'values/required',
      `${field}.exec.command`,
      'an exec handler has no command',
      'give the command to run',
    );
}

function checkProbe(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  probe: JsonObject,
  field: string,
  kind: (typeof PROBES)[number],
  container: JsonObject,
  containerName?: string,
): void {
  const handlers = setKeys(probe, PROBE_HANDLERS);
  if (handlers.length !== 1)
    ctx.report(
      obj,
      'values/probe',
      field,
      `a probe needs exactly one handler of exec, httpGet, tcpSocket, grpc (has ${handlers.length === 0 ? 'none' : handlers.join(', ')})`,
      handlers.length === 0 ? 'add a handler' : 'keep one handler',
    );
  checkExec(ctx, obj, probe, field);
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
      ctx.report(
        obj,
        'values/probe',
        `${field}.${key}`,
        `${key} must not be negative (is ${v})`,
        `set ${key} to 0 or more`,
      );
    else if (!isInt32(v))
      ctx.report(
        obj,
        'values/range',
        `${field}.${key}`,
        `${key} ${v} does not fit an int32 (at most ${INT32_MAX})`,
        `lower ${key}`,
      );
  }
  const success = asNumber(probe.successThreshold);
  if (kind !== 'readinessProbe' && success !== undefined && success !== 0 && success !== 1)
    ctx.report(
      obj,
      'values/probe',
      `${field}.successThreshold`,
      `successThreshold must be 1 for ${kind === 'livenessProbe' ? 'liveness' : 'startup'} probes (is ${success})`,
      'remove successThreshold or set it to 1',
    );
  const named = new Set(objectsIn(container.ports).map(([p]) => asString(p.name)));
  for (const h of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const port = asObject(probe[h])?.port;
    if (typeof port === 'number') {
      for (const p of portNumberProblems(port))
        ctx.report(obj, 'values/port', `${field}.${h}.port`, `probe port ${p}`, 'use a port from 1 to 65535');
    } else if (typeof port === 'string') {
      const problems = ianaSvcNameProblems(port);
      for (const p of problems)
        ctx.report(
          obj,
          'values/port-name',
          `${field}.${h}.port`,
          `probe port name '${port}' ${p}`,
          'use a port number or a valid port name',
        );
      if (problems.length === 0 && !named.has(port))
        ctx.report(
          obj,
          'refs/probe-port',
          `${field}.${h}.port`,
          `probe port '${port}' is not a named port of container '${containerName ?? '?'}'`,
          `name a port '${port}' on the container or use its number`,
        );
    }
  }
}
