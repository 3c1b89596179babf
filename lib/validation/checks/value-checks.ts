import { containersOf, podSpecOf, REPLICATED_KINDS, RUN_TO_COMPLETION_KINDS } from '../../core';
import { Selector, SelectorSpec } from '../../selectors/selector';
import { cronScheduleProblems } from '../../values/cron-schedule';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
  portNameProblems,
  portNumberProblems,
} from '../../values/dns-name';
import { parseQuantity, quantityProblems } from '../../values/quantity';
import { ObjectToValidate, ValidationContext } from '../validation-context';

/** Kinds whose names must be DNS-1123 labels (they become DNS labels or label values). */
const LABEL_NAMED_KINDS = new Set(['Namespace', 'Service']);
/** Kinds whose names are path segments (RBAC). */
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** Checks the values the API server validates beyond the schema: names, labels, ports, quantities, probes, duplicates, selectors, schedules. */
export function checkValues(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    checkMetadata(ctx, obj);
    checkWorkloadSpec(ctx, obj);
    checkPodSpec(ctx, obj);
    checkService(ctx, obj);
    checkSelectors(ctx, obj);
    checkKindSpecific(ctx, obj);
  }
}

function checkMetadata(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  const name = m.metadata?.name;
  if (typeof name !== 'string' || name.length === 0) {
    ctx.report(
      obj,
      'values/name',
      'metadata.name',
      'metadata.name is missing',
      'give the object a name (metadata.name) or let the chart generate one',
    );
  } else {
    const problems = PATH_SEGMENT_KINDS.has(m.kind)
      ? /[/%]/.test(name) || name === '.' || name === '..'
        ? ["must not contain '/' or '%' and must not be '.' or '..'"]
        : []
      : LABEL_NAMED_KINDS.has(m.kind)
        ? dns1123LabelProblems(name)
        : dns1123SubdomainProblems(name);
    for (const p of problems)
      ctx.report(
        obj,
        'values/name',
        'metadata.name',
        `'${name}' ${p}`,
        "use lowercase letters, digits and '-' (e.g. 'my-app')",
      );
  }
  const ns = m.metadata?.namespace;
  if (ns !== undefined) {
    for (const p of dns1123LabelProblems(ns))
      ctx.report(obj, 'values/name', 'metadata.namespace', `'${ns}' ${p}`, 'use a DNS-1123 label as namespace');
  }
  checkLabels(ctx, obj, m.metadata?.labels, 'metadata.labels');
  checkAnnotationKeys(ctx, obj, m.metadata?.annotations, 'metadata.annotations');
  const pod = podSpecOf(m);
  if (pod && m.kind !== 'Pod') {
    const metaField = pod.metadataField;
    const meta: any = pod.metadata;
    checkLabels(ctx, obj, meta?.labels, `${metaField}.labels`);
    checkAnnotationKeys(ctx, obj, meta?.annotations, `${metaField}.annotations`);
  }
}

function checkLabels(ctx: ValidationContext, obj: ObjectToValidate, labels: unknown, field: string): void {
  if (!labels || typeof labels !== 'object') return;
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    for (const p of labelKeyProblems(key))
      ctx.report(
        obj,
        'values/label',
        `${field}['${key}']`,
        `label key '${key}': ${p}`,
        "use an optional DNS prefix and a name of alphanumerics, '-', '_' or '.' (e.g. 'app.kubernetes.io/name')",
      );
    if (typeof value === 'string') {
      for (const p of labelValueProblems(value))
        ctx.report(
          obj,
          'values/label',
          `${field}['${key}']`,
          `label value '${value}': ${p}`,
          'shorten the value or move it to an annotation',
        );
    }
  }
}

function checkAnnotationKeys(ctx: ValidationContext, obj: ObjectToValidate, annotations: unknown, field: string): void {
  if (!annotations || typeof annotations !== 'object') return;
  for (const key of Object.keys(annotations)) {
    for (const p of labelKeyProblems(key))
      ctx.report(
        obj,
        'values/label',
        `${field}['${key}']`,
        `annotation key '${key}': ${p}`,
        'use an optional DNS prefix and a valid name',
      );
  }
}

function checkWorkloadSpec(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest as any;
  const spec = m.spec;
  if (!spec || typeof spec !== 'object') return;
  if (spec.replicas !== undefined && !(Number.isInteger(spec.replicas) && spec.replicas >= 0)) {
    ctx.report(
      obj,
      'values/replicas',
      'spec.replicas',
      `replicas must be a non-negative integer (is ${JSON.stringify(spec.replicas)})`,
      'set replicas to 0 or more',
    );
  }
  if (m.kind === 'Job' || m.kind === 'CronJob') {
    const jobSpec = m.kind === 'Job' ? spec : spec.jobTemplate?.spec;
    const prefix = m.kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec';
    if (jobSpec?.backoffLimit !== undefined && !(Number.isInteger(jobSpec.backoffLimit) && jobSpec.backoffLimit >= 0)) {
      ctx.report(
        obj,
        'values/replicas',
        `${prefix}.backoffLimit`,
        `backoffLimit must be a non-negative integer (is ${JSON.stringify(jobSpec.backoffLimit)})`,
        'set backoffLimit to 0 or more',
      );
    }
  }
  if (m.kind === 'CronJob' && typeof spec.schedule === 'string') {
    for (const p of cronScheduleProblems(spec.schedule))
      ctx.report(
        obj,
        'values/cron',
        'spec.schedule',
        `schedule '${spec.schedule}': ${p}`,
        "use five fields 'minute hour day-of-month month day-of-week', e.g. '*/5 * * * *', or @hourly/@daily/...",
      );
  }
  if (m.kind === 'HorizontalPodAutoscaler') {
    const min = spec.minReplicas ?? 1;
    if (!(Number.isInteger(min) && min >= 1))
      ctx.report(
        obj,
        'values/replicas',
        'spec.minReplicas',
        `minReplicas must be an integer of at least 1 (is ${JSON.stringify(min)})`,
        'set minReplicas to 1 or more',
      );
    if (!(Number.isInteger(spec.maxReplicas) && spec.maxReplicas >= min))
      ctx.report(
        obj,
        'values/replicas',
        'spec.maxReplicas',
        `maxReplicas (${JSON.stringify(spec.maxReplicas)}) must be an integer of at least minReplicas (${min})`,
        'raise maxReplicas or lower minReplicas',
      );
  }
}

function checkPodSpec(ctx: ValidationContext, obj: ObjectToValidate): void {
  const pod = podSpecOf(obj.manifest);
  if (!pod) return;
  const { field } = pod;
  const spec: any = pod.spec;
  const kind = obj.manifest.kind;

  const restart = spec.restartPolicy;
  if (RUN_TO_COMPLETION_KINDS.has(kind) && restart !== 'Never' && restart !== 'OnFailure') {
    ctx.report(
      obj,
      'values/restart-policy',
      `${field}.restartPolicy`,
      `a ${kind} must use restartPolicy Never or OnFailure (is ${JSON.stringify(restart ?? 'Always')})`,
      'set restartPolicy to Never or OnFailure',
    );
  }
  if (REPLICATED_KINDS.has(kind) && restart !== undefined && restart !== 'Always') {
    ctx.report(
      obj,
      'values/restart-policy',
      `${field}.restartPolicy`,
      `a ${kind} must use restartPolicy Always (is ${JSON.stringify(restart)})`,
      'remove restartPolicy or set it to Always',
    );
  }

  const containers: { container: any; field: string; init: boolean }[] = containersOf(pod);
  duplicates(
    containers.map((c) => ({ key: c.container.name, field: `${c.field}.name` })),
    (dup) =>
      ctx.report(
        obj,
        'values/duplicate',
        dup.field,
        `container name '${dup.key}' is used more than once in the pod (init and regular containers share one namespace)`,
        'give every container a unique name',
      ),
  );
  const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  duplicates(
    volumes.map((v, i) => ({ key: v.name, field: `${field}.volumes[${i}].name` })),
    (dup) =>
      ctx.report(
        obj,
        'values/duplicate',
        dup.field,
        `volume name '${dup.key}' is used more than once`,
        'give every volume a unique name',
      ),
  );

  const portNames: { key: string; field: string }[] = [];
  for (const { container, field: cField, init } of containers) {
    const env: any[] = Array.isArray(container.env) ? container.env : [];
    duplicates(
      env.map((e, i) => ({ key: e.name, field: `${cField}.env[${i}].name` })),
      (dup) =>
        ctx.report(
          obj,
          'values/duplicate',
          dup.field,
          `env variable '${dup.key}' is defined more than once in container '${container.name}'`,
          'define each variable once',
        ),
    );
    const mounts: any[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
    duplicates(
      mounts.map((v, i) => ({ key: v.mountPath, field: `${cField}.volumeMounts[${i}].mountPath` })),
      (dup) =>
        ctx.report(
          obj,
          'values/duplicate',
          dup.field,
          `mount path '${dup.key}' is used more than once in container '${container.name}'`,
          'mount each path once',
        ),
    );

    const ports: any[] = Array.isArray(container.ports) ? container.ports : [];
    ports.forEach((p, i) => {
      const pField = `${cField}.ports[${i}]`;
      if (typeof p.containerPort === 'number') {
        for (const prob of portNumberProblems(p.containerPort))
          ctx.report(
            obj,
            'values/port',
            `${pField}.containerPort`,
            `containerPort ${prob}`,
            'use a port from 1 to 65535',
          );
      }
      if (typeof p.hostPort === 'number') {
        for (const prob of portNumberProblems(p.hostPort))
          ctx.report(obj, 'values/port', `${pField}.hostPort`, `hostPort ${prob}`, 'use a port from 1 to 65535');
      }
      if (typeof p.name === 'string') {
        for (const prob of portNameProblems(p.name))
          ctx.report(
            obj,
            'values/port-name',
            `${pField}.name`,
            `port name '${p.name}' ${prob}`,
            "use a short lowercase name such as 'http' or 'metrics'",
          );
        portNames.push({ key: p.name, field: `${pField}.name` });
      }
    });

    for (const section of ['requests', 'limits'] as const) {
      const values = container.resources?.[section];
      if (!values || typeof values !== 'object') continue;
      for (const [resource, q] of Object.entries(values)) {
        for (const prob of quantityProblems(q as string | number))
          ctx.report(
            obj,
            'values/quantity',
            `${cField}.resources.${section}.${resource}`,
            `'${String(q)}' ${prob}`,
            "use a quantity such as '250m' (CPU) or '128Mi' (memory)",
          );
      }
    }
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const [resource, req] of Object.entries(requests)) {
      const lim = (limits as Record<string, unknown>)[resource];
      if (lim === undefined) continue;
      const r = parseQuantity(req as string | number);
      const l = parseQuantity(lim as string | number);
      if (r !== undefined && l !== undefined && r > l) {
        ctx.report(
          obj,
          'values/requests-limits',
          `${cField}.resources.requests.${resource}`,
          `request ${String(req)} is greater than limit ${String(lim)}`,
          `lower the ${resource} request or raise the limit`,
        );
      }
    }

    const namedPorts = new Set(ports.map((p) => p.name).filter((n) => typeof n === 'string'));
    for (const probeKey of PROBES) {
      const probe = container[probeKey];
      if (!probe) continue;
      if (init) continue; // the schema accepts it; cdk8s-plus rejects it at construction
      checkProbe(ctx, obj, probe, `${cField}.${probeKey}`, probeKey, namedPorts, container.name);
    }
  }
  duplicates(portNames, (dup) =>
    ctx.report(
      obj,
      'values/port-name',
      dup.field,
      `port name '${dup.key}' is used more than once in the pod`,
      'give every port of the pod a unique name',
    ),
  );
}

function checkProbe(
  ctx: ValidationContext,
  obj: ObjectToValidate,
  probe: any,
  field: string,
  kind: string,
  namedPorts: Set<string>,
  containerName: string,
): void {
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => probe[h] !== undefined);
  if (handlers.length !== 1) {
    ctx.report(
      obj,
      'values/probe',
      field,
      `a probe needs exactly one handler of exec, httpGet, tcpSocket, grpc (has ${handlers.length === 0 ? 'none' : handlers.join(', ')})`,
      'keep one handler',
    );
  }
  const min = (key: string, lowest: number) => {
    const v = probe[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= lowest))
      ctx.report(
        obj,
        'values/probe',
        `${field}.${key}`,
        `${key} must be an integer of at least ${lowest} (is ${JSON.stringify(v)})`,
        `set ${key} to ${lowest} or more`,
      );
  };
  min('failureThreshold', 1);
  min('successThreshold', 1);
  min('periodSeconds', 1);
  min('timeoutSeconds', 1);
  min('initialDelaySeconds', 0);
  if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    ctx.report(
      obj,
      'values/probe',
      `${field}.successThreshold`,
      `successThreshold must be 1 for ${kind === 'livenessProbe' ? 'liveness' : 'startup'} probes (is ${probe.successThreshold})`,
      'remove successThreshold or set it to 1',
    );
  }
  for (const h of ['httpGet', 'tcpSocket', 'grpc']) {
    const port = probe[h]?.port;
    if (typeof port === 'number') {
      for (const p of portNumberProblems(port))
        ctx.report(obj, 'values/port', `${field}.${h}.port`, `probe port ${p}`, 'use a port from 1 to 65535');
    } else if (typeof port === 'string' && !/^\d+$/.test(port) && !namedPorts.has(port)) {
      ctx.report(
        obj,
        'values/probe',
        `${field}.${h}.port`,
        `probe port '${port}' is not a named port of container '${containerName}'`,
        `name a port '${port}' on the container or use its number`,
      );
    }
  }
}

function checkService(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest as any;
  if (m.kind !== 'Service' || !m.spec) return;
  const ports: any[] = Array.isArray(m.spec.ports) ? m.spec.ports : [];
  ports.forEach((p, i) => {
    const field = `spec.ports[${i}]`;
    if (typeof p.port === 'number')
      for (const prob of portNumberProblems(p.port))
        ctx.report(obj, 'values/port', `${field}.port`, `port ${prob}`, 'use a port from 1 to 65535');
    if (typeof p.targetPort === 'number')
      for (const prob of portNumberProblems(p.targetPort))
        ctx.report(obj, 'values/port', `${field}.targetPort`, `targetPort ${prob}`, 'use a port from 1 to 65535');
    if (typeof p.targetPort === 'string' && !/^\d+$/.test(p.targetPort)) {
      for (const prob of portNameProblems(p.targetPort))
        ctx.report(
          obj,
          'values/port-name',
          `${field}.targetPort`,
          `targetPort name '${p.targetPort}' ${prob}`,
          'use the name of a container port',
        );
    }
    if (p.nodePort !== undefined && !(Number.isInteger(p.nodePort) && p.nodePort >= 30000 && p.nodePort <= 32767)) {
      ctx.report(
        obj,
        'values/port',
        `${field}.nodePort`,
        `nodePort must be from 30000 to 32767, the default node port range (is ${p.nodePort})`,
        'pick a port from 30000 to 32767 or leave nodePort unset',
      );
    }
    if (p.name !== undefined)
      for (const prob of dns1123LabelProblems(p.name))
        ctx.report(
          obj,
          'values/port-name',
          `${field}.name`,
          `port name '${p.name}' ${prob}`,
          "use a short lowercase name such as 'http'",
        );
    if (ports.length > 1 && !p.name)
      ctx.report(
        obj,
        'values/port-name',
        `${field}.name`,
        'every port of a multi-port Service must be named',
        "name each port, e.g. 'http' and 'metrics'",
      );
  });
  duplicates(
    ports.filter((p) => p.name).map((p, i) => ({ key: p.name, field: `spec.ports[${i}].name` })),
    (dup) =>
      ctx.report(
        obj,
        'values/port-name',
        dup.field,
        `port name '${dup.key}' is used more than once`,
        'name each port uniquely',
      ),
  );
  if (m.spec.selector && typeof m.spec.selector === 'object') {
    for (const p of Selector.problems({ matchLabels: m.spec.selector }))
      ctx.report(obj, 'values/selector', 'spec.selector', p, 'fix the selector');
  }
}

function checkSelectors(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest as any;
  const selectors: { spec: SelectorSpec; field: string; mustBeNonEmpty: boolean }[] = [];
  if (REPLICATED_KINDS.has(m.kind) && m.spec?.selector) {
    selectors.push({ spec: m.spec.selector, field: 'spec.selector', mustBeNonEmpty: true });
  }
  if (m.kind === 'PodDisruptionBudget' && m.spec?.selector)
    selectors.push({ spec: m.spec.selector, field: 'spec.selector', mustBeNonEmpty: false });
  if (m.kind === 'NetworkPolicy' && m.spec) {
    if (m.spec.podSelector)
      selectors.push({ spec: m.spec.podSelector, field: 'spec.podSelector', mustBeNonEmpty: false });
    for (const dir of ['ingress', 'egress'] as const) {
      (m.spec[dir] ?? []).forEach((rule: any, i: number) => {
        (rule[dir === 'ingress' ? 'from' : 'to'] ?? []).forEach((peer: any, j: number) => {
          const base = `spec.${dir}[${i}].${dir === 'ingress' ? 'from' : 'to'}[${j}]`;
          if (peer.podSelector)
            selectors.push({ spec: peer.podSelector, field: `${base}.podSelector`, mustBeNonEmpty: false });
          if (peer.namespaceSelector)
            selectors.push({ spec: peer.namespaceSelector, field: `${base}.namespaceSelector`, mustBeNonEmpty: false });
        });
      });
    }
  }
  for (const s of selectors) {
    for (const p of Selector.problems(s.spec))
      ctx.report(
        obj,
        'values/selector',
        s.field,
        p,
        'In/NotIn need values, Exists/DoesNotExist take none; keys and values must be valid labels',
      );
    const empty = Object.keys(s.spec.matchLabels ?? {}).length === 0 && (s.spec.matchExpressions ?? []).length === 0;
    if (s.mustBeNonEmpty && empty)
      ctx.report(
        obj,
        'values/selector',
        s.field,
        'a workload selector must not be empty',
        'select the pod template labels',
      );
  }
}

function checkKindSpecific(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest as any;
  if (m.kind === 'PersistentVolumeClaim') {
    const storage = m.spec?.resources?.requests?.storage;
    if (storage !== undefined)
      for (const p of quantityProblems(storage))
        ctx.report(
          obj,
          'values/quantity',
          'spec.resources.requests.storage',
          `'${String(storage)}' ${p}`,
          "use a quantity such as '10Gi'",
        );
  }
  if (m.kind === 'StatefulSet') {
    (m.spec?.volumeClaimTemplates ?? []).forEach((t: any, i: number) => {
      const storage = t.spec?.resources?.requests?.storage;
      if (storage !== undefined)
        for (const p of quantityProblems(storage))
          ctx.report(
            obj,
            'values/quantity',
            `spec.volumeClaimTemplates[${i}].spec.resources.requests.storage`,
            `'${String(storage)}' ${p}`,
            "use a quantity such as '10Gi'",
          );
    });
  }
  if (m.kind === 'ResourceQuota' || m.kind === 'LimitRange') {
    const maps: [string, unknown][] =
      m.kind === 'ResourceQuota'
        ? [['spec.hard', m.spec?.hard]]
        : (m.spec?.limits ?? []).flatMap((l: any, i: number) =>
            ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'].map(
              (k) => [`spec.limits[${i}].${k}`, l[k]] as [string, unknown],
            ),
          );
    for (const [field, map] of maps) {
      if (!map || typeof map !== 'object') continue;
      for (const [k, q] of Object.entries(map))
        for (const p of quantityProblems(q as string))
          ctx.report(
            obj,
            'values/quantity',
            `${field}.${k}`,
            `'${String(q)}' ${p}`,
            "use a quantity such as '4' or '8Gi'",
          );
    }
  }
}

function duplicates(
  items: { key: unknown; field: string }[],
  onDuplicate: (item: { key: string; field: string }) => void,
): void {
  const seen = new Set<unknown>();
  for (const item of items) {
    if (typeof item.key !== 'string') continue;
    if (seen.has(item.key)) onDuplicate(item as { key: string; field: string });
    seen.add(item.key);
  }
}
