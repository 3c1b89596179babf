/**
 * The index of one deployment unit that the `refs/*` rules look objects up in: names, pod
 * templates by namespace and label, namespaces, external declarations, and which autoscalers
 * target which workload.
 */
import {
  containersOf,
  Manifest,
  namespaceOf,
  objectIdentity,
  podLabelsOf,
  PodSpecLocation,
  podSpecOf,
} from '../../../core';
import { Selector, SelectorSpec } from '../../../selectors/selector';
import { asNumber, asObject, asString, display, objectsIn, stringEntries } from '../../checks/shape';
import { ClusterDeclaration } from '../../declared-clusters';
import { BUILT_IN_NAMESPACES, ExternalObject } from '../../external';
import type { ObjectToValidate } from '../../validation-context';
import { ReferenceRule, UnitIndex } from '../rule';

/** The pod template of a workload (or a Pod), as selectors and Service ports see it. */
export interface PodTemplate {
  /** The object that has it. */
  readonly obj: ObjectToValidate;
  /** Its namespace. */
  readonly namespace: string;
  /** The pod labels. */
  readonly labels: Record<string, string>;
  /** The ports of its regular containers. */
  readonly ports: { number?: number; name?: string }[];
}

/** What a Service selects: its pod templates and external pods (undefined: it selects by no label, or is ExternalName). */
export interface ServiceSelection {
  /** The selector's labels. */
  readonly matchLabels: Record<string, string>;
  /** The pod templates of the app it selects. */
  readonly templates: readonly PodTemplate[];
  /** Whether it selects pods declared with External.pods. */
  readonly externalPods: boolean;
}

/** The objects of one deployment unit and the externals, indexed for the reference rules. */
export class AppIndex implements UnitIndex {
  private readonly names = new Map<string, ObjectToValidate[]>();
  /** The list of `names` each manifest is in. */
  private readonly namesakes = new Map<Manifest, ObjectToValidate[]>();
  /** First object per `kind|namespace|name`, for O(1) lookups. */
  private readonly byKindNsName = new Map<string, Manifest>();
  /** Every pod template of the unit. */
  public readonly templates: PodTemplate[] = [];
  /** Pod templates per namespace, and per namespace and `key=value` label, so selectors look only at candidates. */
  private readonly templatesByNs = new Map<string, PodTemplate[]>();
  private readonly templatesByLabel = new Map<string, PodTemplate[]>();
  /** Namespaces that exist: the app's, the declared ones, the built-in ones. */
  public readonly namespaces = new Set<string>();
  private readonly external: ExternalObject[];
  private readonly objectsByManifest = new Map<unknown, ObjectToValidate>();
  /** The HorizontalPodAutoscalers targeting each workload of the unit. */
  private readonly scalers = new Map<Manifest, ObjectToValidate[]>();
  private readonly selections = new Map<Manifest, ServiceSelection | undefined>();

  /**
   * Indexes `objects` and `externals`; `podOf` reads an object's pod spec (the validation run
   * passes the one its checks share, read once per object); `clusters` are the app's declared ones.
   */
  constructor(
    objects: readonly ObjectToValidate[],
    externals: readonly ExternalObject[],
    podOf: (obj: ObjectToValidate) => PodSpecLocation | undefined = (obj) => podSpecOf(obj.manifest),
    /** The clusters the app declares it delivers to, if it does. */
    public readonly clusters?: ClusterDeclaration,
  ) {
    this.external = [...externals];
    for (const obj of objects) {
      const m = obj.manifest;
      const identity = objectIdentity(m);
      push(this.names, identity, obj);
      this.namesakes.set(m, this.names.get(identity)!);
      this.objectsByManifest.set(m, obj);
      const name = asString(asObject(m.metadata)?.name);
      const short = `${m.kind}|${namespaceOf(m)}|${name ?? ''}`;
      if (!this.byKindNsName.has(short)) this.byKindNsName.set(short, m);
      if (m.kind === 'Namespace' && name) this.namespaces.add(name);
      const pod = podOf(obj);
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
    for (const obj of objects) {
      if (obj.manifest.kind !== 'HorizontalPodAutoscaler') continue;
      const target = this.scaleTargetOf(obj.manifest);
      if (target) push(this.scalers, target, obj);
    }
  }

  /** The construct path of the object whose manifest is `manifest`. */
  public pathOf(manifest: Manifest): string | undefined {
    return this.objectsByManifest.get(manifest)?.path;
  }

  /** Objects with the same group, kind, namespace and name. */
  public sameName(m: Manifest): readonly ObjectToValidate[] {
    return this.namesakes.get(m) ?? this.names.get(objectIdentity(m)) ?? [];
  }

  /** The object of `kind` named `name` in `ns`, from the app. */
  public find(kind: string, ns: string, name: string): Manifest | undefined {
    return this.byKindNsName.get(`${kind}|${ns}|${name}`);
  }

  /** The workload of the app an autoscaler's scaleTargetRef names (same apiVersion), if any. */
  public scaleTargetOf(hpa: Manifest): Manifest | undefined {
    const ref = asObject(asObject(hpa.spec)?.scaleTargetRef);
    if (!ref) return undefined;
    const target = this.find(display(ref.kind), namespaceOf(hpa), display(ref.name));
    return target && target.apiVersion === ref.apiVersion ? target : undefined;
  }

  /** The HorizontalPodAutoscalers of the unit that target `workload`. */
  public scalersOf(workload: Manifest): readonly ObjectToValidate[] {
    return this.scalers.get(workload) ?? [];
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

  /** What the Service `service` selects (read once per Service); undefined for ExternalName or label-less selectors. */
  public serviceSelection(service: Manifest): ServiceSelection | undefined {
    if (this.selections.has(service)) return this.selections.get(service);
    const spec = asObject(service.spec) ?? {};
    const matchLabels = Object.fromEntries(stringEntries(spec.selector));
    let selection: ServiceSelection | undefined;
    if (spec.type !== 'ExternalName' && Object.keys(matchLabels).length > 0) {
      const ns = namespaceOf(service);
      const selector = { matchLabels };
      selection = {
        matchLabels,
        templates: this.selectTemplates(ns, selector),
        externalPods: this.externalPods(ns).some((e) => Selector.matches(selector, e.labels ?? {})),
      };
    }
    this.selections.set(service, selection);
    return selection;
  }

  /** The external declaration of `kind` named `name` in `ns`. */
  public findExternal(kind: string, ns: string, name: string): ExternalObject | undefined {
    return this.external.find((e) => e.kind === kind && e.name === name && (e.namespace ?? '') === ns);
  }

  /** Whether an object of `kind` named `name` exists in `ns`: in the app, or declared external. */
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

  /** Pods declared with External.pods in `ns`. */
  public externalPods(ns: string): ExternalObject[] {
    return this.external.filter((e) => e.kind === 'Pod' && (e.namespace ?? '') === ns);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `ns`, or `<unset>` when empty, for messages. */
export function namespaceLabel(ns: string): string {
  return ns || '<unset>';
}

/** Declares a `refs/*` rule, judged against the index of the object's deployment unit. */
export function referenceRule<const Id extends string>(rule: ReferenceRule<Id, AppIndex>): ReferenceRule<Id, AppIndex> {
  return rule;
}
