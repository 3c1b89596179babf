import {
  containersOf,
  Manifest,
  namespaceOf,
  objectIdentity,
  podLabelsOf,
  PodReference,
  podReferencesOf,
  podSpecOf,
  REPLICATED_KINDS,
} from '../../core';
import { Selector, SelectorSpec } from '../../selectors/selector';
import { BUILT_IN_NAMESPACES, ExternalObject } from '../external';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { isHeadless } from './service-checks';
import { asArray, asNumber, asObject, asString, display, objectsIn, selectorShape, stringEntries } from './shape';

interface PodTemplate {
  readonly obj: ObjectToValidate;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly ports: { number?: number; name?: string }[];
}

/** Checks references across the app: selectors, ports, backends, targets, config, RBAC, names, namespaces. */
export function checkReferences(ctx: ValidationContext): void {
  const index = new AppIndex(ctx.objects, ctx.externals);
  for (const obj of ctx.objects) ctx.guard(obj, 'reference', () => checkObjectReferences(ctx, index, obj));
}

function checkObjectReferences(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate): void {
  const m = obj.manifest;
  const ns = namespaceOf(m);
  checkUniqueAndNamespace(ctx, index, obj);
  const selector = asObject(m.spec)?.selector;
  const workloadSelector = REPLICATED_KINDS.has(m.kind) ? selectorShape(selector) : undefined;
  if (workloadSelector && workloadSelector.problems.length === 0) {
    const labels = podLabelsOf(m) ?? {};
    if (!Selector.matches(workloadSelector.spec, labels)) {
      ctx.report(
        obj,
        'refs/selector-template',
        'spec.selector',
        `selector ${JSON.stringify(selector)} does not match the pod template labels ${JSON.stringify(labels)}`,
        'add the selected labels to the pod template (podMetadata) or select the labels it has',
      );
    }
  }
  switch (m.kind) {
    case 'Service':
      checkService(ctx, index, obj, ns);
      break;
    case 'Ingress':
      checkIngress(ctx, index, obj, ns);
      break;
    case 'HorizontalPodAutoscaler':
      checkScaleTarget(ctx, index, obj, ns);
      break;
    case 'StatefulSet':
      checkStatefulSetService(ctx, index, obj, ns);
      break;
    case 'PodDisruptionBudget':
      checkPdb(ctx, index, obj, ns);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      checkBinding(ctx, index, obj, ns);
      break;
    default:
      break;
  }
  checkPodReferences(ctx, index, obj, ns);
}

class AppIndex {
  private readonly names = new Map<string, ObjectToValidate[]>();
  /** First object per `kind|namespace|name`, for O(1) lookups. */
  private readonly byKindNsName = new Map<string, Manifest>();
  public readonly templates: PodTemplate[] = [];
  /** Pod templates per namespace, and per namespace and `key=value` label, so selectors look only at candidates. */
  private readonly templatesByNs = new Map<string, PodTemplate[]>();
  private readonly templatesByLabel = new Map<string, PodTemplate[]>();
  public readonly namespaces = new Set<string>();
  private readonly external: ExternalObject[];
  private readonly objectsByManifest = new Map<unknown, ObjectToValidate>();

  constructor(objects: readonly ObjectToValidate[], externals: readonly ExternalObject[]) {
    this.external = [...externals];
    for (const obj of objects) {
      const m = obj.manifest;
      push(this.names, objectIdentity(m), obj);
      this.objectsByManifest.set(m, obj);
      const name = asString(asObject(m.metadata)?.name);
      const short = `${m.kind}|${namespaceOf(m)}|${name ?? ''}`;
      if (!this.byKindNsName.has(short)) this.byKindNsName.set(short, m);
      if (m.kind === 'Namespace' && name) this.namespaces.add(name);
      const pod = podSpecOf(m);
      if (pod) {
        const ports = containersOf(pod)
          .filter((c) => !c.init)
          .flatMap((c) =>
            objectsIn(c.container.ports).map(([p]) => ({
              number: asNumber(p.containerPort),
              name: asString(p.name),
            })),
          );
        const t: PodTemplate = { obj, namespace: namespaceOf(m), labels: podLabelsOf(m) ?? {}, ports };
        this.templates.push(t);
        push(this.templatesByNs, t.namespace, t);
        for (const [k, v] of Object.entries(t.labels)) push(this.templatesByLabel, `${t.namespace}|${k}=${v}`, t);
      }
    }
    for (const e of externals) if (e.kind === 'Namespace' && e.name) this.namespaces.add(e.name);
    for (const ns of BUILT_IN_NAMESPACES) this.namespaces.add(ns); // every cluster has them
  }

  /** Objects with the same group, kind, namespace and name. */
  public sameName(m: Manifest): ObjectToValidate[] {
    return this.names.get(objectIdentity(m)) ?? [];
  }

  /** The object to validate whose manifest is `manifest`. */
  public objectOf(manifest: unknown): ObjectToValidate | undefined {
    return this.objectsByManifest.get(manifest);
  }

  /** The object of `kind` named `name` in `ns`, from the app. */
  public find(kind: string, ns: string, name: string): Manifest | undefined {
    return this.byKindNsName.get(`${kind}|${ns}|${name}`);
  }

  /** Pod templates in `ns` that `selector` selects; looks only at templates carrying one of its labels. */
  public selectTemplates(ns: string, selector: SelectorSpec): PodTemplate[] {
    let candidates = this.templatesByNs.get(ns) ?? [];
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
      const withLabel = this.templatesByLabel.get(`${ns}|${k}=${v}`) ?? [];
      if (withLabel.length < candidates.length) candidates = withLabel;
    }
    return candidates.filter((t) => Selector.matches(selector, t.labels));
  }

  /** The external declaration of `kind` named `name` in `ns`. */
  public findExternal(kind: string, ns: string, name: string): ExternalObject | undefined {
    return this.external.find((e) => e.kind === kind && e.name === name && (e.namespace ?? '') === ns);
  }

  public exists(kind: string, ns: string, name: string): boolean {
    return this.find(kind, ns, name) !== undefined || this.findExternal(kind, ns, name) !== undefined;
  }

  /** Keys of a ConfigMap/Secret, or undefined when unknown (external without keys). */
  public keysOf(kind: 'ConfigMap' | 'Secret', ns: string, name: string): string[] | undefined {
    const obj = this.find(kind, ns, name);
    if (obj)
      return [
        ...Object.keys(asObject(obj.data) ?? {}),
        ...Object.keys(asObject(obj.stringData) ?? {}),
        ...Object.keys(asObject(obj.binaryData) ?? {}),
      ];
    return this.findExternal(kind, ns, name)?.keys?.slice();
  }

  public externalPods(ns: string): ExternalObject[] {
    return this.external.filter((e) => e.kind === 'Pod' && (e.namespace ?? '') === ns);
  }
}

function checkUniqueAndNamespace(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate): void {
  const m = obj.manifest;
  const same = index.sameName(m);
  if (same.length > 1 && same[0] !== obj) {
    ctx.report(
      obj,
      'refs/unique-name',
      'metadata.name',
      `another ${m.kind} named '${display(asObject(m.metadata)?.name)}' in the same namespace is defined at ${same[0].path}`,
      'rename one of them',
    );
  }
  const ns = asString(asObject(m.metadata)?.namespace);
  if (ns && namespaceOf(m) && !index.namespaces.has(ns)) {
    ctx.report(
      obj,
      'refs/namespace',
      'metadata.namespace',
      `namespace '${ns}' is neither created by the app nor declared as existing`,
      `create it (new kplus.Namespace(...)) or declare it: External.namespace(scope, '${ns}', reason)`,
    );
  }
}

function selectsTemplates(index: AppIndex, ns: string, selector: SelectorSpec): PodTemplate[] {
  return index.selectTemplates(ns, selector);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function checkService(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const spec = asObject(obj.manifest.spec) ?? {};
  const matchLabels = Object.fromEntries(stringEntries(spec.selector));
  if (spec.type === 'ExternalName' || Object.keys(matchLabels).length === 0) return;
  const selector = { matchLabels };
  const templates = selectsTemplates(index, ns, selector);
  const externalPods = index.externalPods(ns).filter((e) => Selector.matches(selector, e.labels ?? {}));
  if (templates.length === 0 && externalPods.length === 0) {
    ctx.report(
      obj,
      'refs/service-selector',
      'spec.selector',
      `selector ${JSON.stringify(matchLabels)} selects no pod template in namespace '${ns || '<unset>'}'`,
      'label the pod template with the selector, fix the selector, or declare operator-created pods with External.pods(...)',
    );
    return;
  }
  if (templates.length === 0) return; // only external pods: their ports are unknown
  objectsIn(spec.ports).forEach(([p, i]) => {
    const target = p.targetPort ?? p.port;
    const matches = (t: PodTemplate) =>
      t.ports.some((cp) =>
        typeof target === 'number' ? cp.number === target : cp.name === target || String(cp.number) === target,
      );
    if (!templates.some(matches)) {
      const offered = [
        ...new Set(
          templates.flatMap((t) => t.ports.map((cp) => (cp.name ? `${cp.number} (${cp.name})` : display(cp.number)))),
        ),
      ];
      ctx.report(
        obj,
        'refs/service-target-port',
        `spec.ports[${i}].targetPort`,
        `targetPort ${JSON.stringify(target)} is not a port of any selected container (selected pods expose: ${offered.join(', ') || 'no ports'})`,
        'set targetPort to a containerPort number or name of the selected pods',
      );
    }
  });
}

function checkIngress(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const spec = asObject(obj.manifest.spec) ?? {};
  const backends: { backend: unknown; field: string }[] = [];
  if (asObject(spec.defaultBackend)) backends.push({ backend: spec.defaultBackend, field: 'spec.defaultBackend' });
  for (const [r, i] of objectsIn(spec.rules))
    for (const [p, j] of objectsIn(asObject(r.http)?.paths))
      backends.push({ backend: p.backend, field: `spec.rules[${i}].http.paths[${j}].backend` });
  for (const { backend, field } of backends) {
    const ref = asObject(asObject(backend)?.service);
    const name = asString(ref?.name);
    if (!ref || name === undefined) continue;
    const svc = index.find('Service', ns, name);
    if (!svc) {
      ctx.report(
        obj,
        'refs/ingress-backend',
        `${field}.service.name`,
        `Service '${name}' does not exist in namespace '${ns || '<unset>'}'`,
        'route to a Service of the app in the same namespace',
      );
      continue;
    }
    const ports = objectsIn(asObject(svc.spec)?.ports).map(([p]) => p);
    const port = asObject(ref.port);
    const ok =
      port?.number !== undefined ? ports.some((p) => p.port === port.number) : ports.some((p) => p.name === port?.name);
    if (!ok) {
      ctx.report(
        obj,
        'refs/ingress-backend',
        `${field}.service.port`,
        `Service '${name}' has no port ${JSON.stringify(ref.port)} (it has ${ports.map((p) => (p.name ? `${display(p.port)} (${display(p.name)})` : display(p.port))).join(', ')})`,
        "use one of the Service's port numbers or names",
      );
    }
  }
}

function checkScaleTarget(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const ref = asObject(asObject(obj.manifest.spec)?.scaleTargetRef);
  if (!ref) return;
  const target = index.find(display(ref.kind), ns, display(ref.name));
  if (!target || target.apiVersion !== ref.apiVersion) {
    ctx.report(
      obj,
      'refs/scale-target',
      'spec.scaleTargetRef',
      `${display(ref.apiVersion)} ${display(ref.kind)} '${display(ref.name)}' does not exist in namespace '${ns || '<unset>'}'`,
      'target a workload of the app',
    );
    return;
  }
  const targetObj = index.objectOf(target);
  const replicas = asObject(target.spec)?.replicas;
  if (targetObj && typeof replicas === 'number')
    ctx.report(
      targetObj,
      'refs/autoscaled-replicas',
      'spec.replicas',
      `${display(target.kind)} '${display(asObject(target.metadata)?.name)}' sets replicas ${replicas} ` +
        `but is scaled by the HorizontalPodAutoscaler at ${obj.path}: every apply resets the count the autoscaler chose`,
      'remove replicas from the workload (cdk8s-plus does this when the autoscaler is created from the workload)',
    );
}

function checkStatefulSetService(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const m = obj.manifest;
  const serviceName = asString(asObject(m.spec)?.serviceName);
  if (serviceName === undefined || serviceName.length === 0) {
    ctx.report(
      obj,
      'refs/stateful-set-service',
      'spec.serviceName',
      'the StatefulSet names no governing Service: its pods get no stable DNS names',
      'create a headless Service selecting the pods and set serviceName to its name',
    );
    return;
  }
  if (index.findExternal('Service', ns, serviceName)) return;
  const svc = index.find('Service', ns, serviceName);
  const hint =
    `create a headless Service (clusterIP: None) named '${serviceName}' that selects the pods, ` +
    `or declare it with External.object(scope, { kind: 'Service', name: '${serviceName}', namespace, reason })`;
  if (!svc) {
    ctx.report(
      obj,
      'refs/stateful-set-service',
      'spec.serviceName',
      `Service '${serviceName}' does not exist in namespace '${ns || '<unset>'}'`,
      hint,
    );
    return;
  }
  const svcSpec = asObject(svc.spec) ?? {};
  if (!isHeadless(svcSpec)) {
    ctx.report(
      obj,
      'refs/stateful-set-service',
      'spec.serviceName',
      `Service '${serviceName}' is not headless (clusterIP: None), so the pods get no per-pod DNS names`,
      hint,
    );
    return;
  }
  const matchLabels = Object.fromEntries(stringEntries(svcSpec.selector));
  if (Object.keys(matchLabels).length === 0 || !Selector.matches({ matchLabels }, podLabelsOf(m) ?? {}))
    ctx.report(
      obj,
      'refs/stateful-set-service',
      'spec.serviceName',
      `Service '${serviceName}' does not select the pods of the StatefulSet`,
      hint,
    );
}

function checkPdb(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const shape = selectorShape(asObject(obj.manifest.spec)?.selector);
  if (!shape || shape.problems.length > 0) return;
  const selector = shape.spec;
  const selected = selectsTemplates(index, ns, selector).filter((t) => REPLICATED_KINDS.has(t.obj.manifest.kind));
  if (selected.length === 0 && index.externalPods(ns).every((e) => !Selector.matches(selector, e.labels ?? {}))) {
    ctx.report(
      obj,
      'refs/pdb-selector',
      'spec.selector',
      `selector ${JSON.stringify(selector)} selects the pods of no workload in namespace '${ns || '<unset>'}'`,
      'select the pod template labels of a Deployment, StatefulSet, ReplicaSet or DaemonSet',
    );
  }
}

function checkBinding(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const ref = asObject(obj.manifest.roleRef);
  // a roleRef of the wrong shape is the schema check's to report
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  if (kind !== undefined && name !== undefined) {
    const exists = kind === 'ClusterRole' ? index.exists('ClusterRole', '', name) : index.exists('Role', ns, name);
    if (!exists)
      ctx.report(
        obj,
        'refs/role',
        'roleRef',
        `${kind} '${name}' does not exist${kind === 'Role' ? ` in namespace '${ns}'` : ''}`,
        'bind a Role/ClusterRole of the app, or import it with Role.fromRoleName / ClusterRole.fromClusterRoleName',
      );
  }
  objectsIn(obj.manifest.subjects).forEach(([s, i]) => {
    if (s.kind !== 'ServiceAccount') return;
    const name = asString(s.name);
    const sns = asString(s.namespace) ?? ns;
    if (name !== undefined && name !== 'default' && !index.exists('ServiceAccount', sns, name)) {
      ctx.report(
        obj,
        'refs/role',
        `subjects[${i}]`,
        `ServiceAccount '${name}' does not exist in namespace '${sns}'`,
        'bind a ServiceAccount of the app, or import it with ServiceAccount.fromServiceAccountName',
      );
    }
  });
}

function checkPodReferences(ctx: ValidationContext, index: AppIndex, obj: ObjectToValidate, ns: string): void {
  const pod = podSpecOf(obj.manifest);
  if (!pod) return;
  for (const ref of podReferencesOf(pod)) checkPodReference(ctx, index, obj, ns, ref);
  const volumeNames = new Set<unknown>(objectsIn(pod.spec.volumes).map(([v]) => v.name));
  for (const [t] of objectsIn(asObject(obj.manifest.spec)?.volumeClaimTemplates))
    volumeNames.add(asObject(t.metadata)?.name);
  for (const { container, field: cField } of containersOf(pod)) {
    asArray(container.volumeMounts).forEach((mount, i) => {
      const vm = asObject(mount);
      if (!volumeNames.has(vm?.name))
        ctx.report(
          obj,
          'refs/volume-mount',
          `${cField}.volumeMounts[${i}].name`,
          `volume '${display(vm?.name)}' is not a volume of the pod`,
          "add the volume to the pod or fix the mount's name",
        );
    });
  }
}

/** Checks that one object a pod references exists (and has the key it uses), unless optional. */
function checkPodReference(
  ctx: ValidationContext,
  index: AppIndex,
  obj: ObjectToValidate,
  ns: string,
  ref: PodReference,
): void {
  if (ref.optional || ref.via === 'imagePullSecrets') return;
  const where = `namespace '${ns || '<unset>'}'`;
  switch (ref.kind) {
    case 'ServiceAccount':
      if (ref.name !== 'default' && !index.exists('ServiceAccount', ns, ref.name))
        ctx.report(
          obj,
          'refs/service-account',
          ref.field,
          `ServiceAccount '${ref.name}' does not exist in ${where}`,
          'create the ServiceAccount in the app or import it with ServiceAccount.fromServiceAccountName',
        );
      return;
    case 'PersistentVolumeClaim':
      if (!index.exists('PersistentVolumeClaim', ns, ref.name))
        ctx.report(
          obj,
          'refs/config',
          ref.field,
          `PersistentVolumeClaim '${ref.name}' does not exist in ${where}`,
          'create the claim in the app or import it with PersistentVolumeClaim.fromClaimName',
        );
      return;
    default: {
      const kind = ref.kind;
      if (!index.exists(kind, ns, ref.name)) {
        const declare = kind === 'Secret' ? 'secret' : 'configMap';
        ctx.report(
          obj,
          'refs/config',
          ref.field,
          `${kind} '${ref.name}' does not exist in ${where}`,
          `create it in the app, or import it by name (${kind}.from${kind}Name) / declare it with External.${declare}(...)`,
        );
        return;
      }
      if (ref.key === undefined) return;
      const keys = index.keysOf(kind, ns, ref.name);
      if (keys && !keys.includes(ref.key))
        ctx.report(
          obj,
          'refs/config',
          ref.field,
          `${kind} '${ref.name}' has no key '${ref.key}' (it has ${keys.join(', ') || 'none'})`,
          'use an existing key',
        );
    }
  }
}
