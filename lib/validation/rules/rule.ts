/**
 * The shape of a rule module (`rules/policy/<name>.ts`, `rules/refs/<name>.ts`): its id, its
 * metadata (`RuleInfo`: severity, what, why, relaxable), the kinds it applies to and its check, a
 * pure function from the object (and, for `refs/*`, the index of its deployment unit) to
 * problems. `rules/index.ts` registers every module; `RULES` is derived from it.
 */
import {
  asObject,
  ContainerLocation,
  containersOf,
  JsonObject,
  KubernetesVersion,
  Manifest,
  PodReference,
  podReferencesOf,
  podSpecOf,
  PodSpecLocation,
} from '../../core';
import type { AppliedChanges } from '../applied-changes';
import { display } from '../checks/shape';
import { FieldPath } from '../field-path';
import { Problem } from '../problem';
import type { RuleInfo } from '../rules';
import type { UpstreamOrigin } from '../upstream-origin';

/** A rule declared once: its id and metadata. */
export interface RuleDefinition<Id extends string = string> {
  /** The rule id, e.g. `policy/run-as-non-root`; its module is `rules/<id>.ts`. */
  readonly id: Id;
  /** What it checks, why, its severity and whether it can be relaxed. */
  readonly info: RuleInfo;
}

/** The kinds a rule applies to: a list of kinds, every kind with a pod spec, or every object. */
export type AppliesTo = readonly string[] | 'pods' | 'all';

/** What the check of one object reads: the manifest, the target version, where the object comes from. */
export class CheckInput {
  private podView: PodView | null | undefined;
  private references: readonly PodReference[] | undefined;
  private originOf: UpstreamOrigin | (() => UpstreamOrigin | undefined) | undefined;

  constructor(
    /** The object. */
    public readonly manifest: Manifest,
    /** The Kubernetes version validated for. */
    public readonly kubernetesVersion: KubernetesVersion,
    /**
     * Where the object comes from when it is included as upstream wrote it (fixes name it), or
     * how to find out (asked only when a fix needs it).
     */
    origin?: UpstreamOrigin | (() => UpstreamOrigin | undefined),
    /** What kubecraft changed on the object on request (read from its construct). */
    public readonly appliedChanges?: AppliedChanges,
  ) {
    this.originOf = origin;
  }

  /** Where the object comes from when it is included as upstream wrote it. */
  public get origin(): UpstreamOrigin | undefined {
    if (typeof this.originOf === 'function') this.originOf = this.originOf();
    return this.originOf;
  }

  /** The pod spec of the object (read once), or undefined when its kind has none. */
  public get pod(): PodView | undefined {
    if (this.podView === undefined) {
      const location = podSpecOf(this.manifest);
      this.podView = location ? podView(location) : null;
    }
    return this.podView ?? undefined;
  }

  /** Everything the pod spec references by name (core's `podReferencesOf`, read once); none without a pod spec. */
  public get podReferences(): readonly PodReference[] {
    if (this.references === undefined) {
      const pod = this.pod;
      this.references = pod ? podReferencesOf(pod.location) : [];
    }
    return this.references;
  }
}

/** A pod spec as checks read it, with field paths. */
export interface PodView {
  /** Where the pod spec is (core's `podSpecOf`). */
  readonly location: PodSpecLocation;
  /** The pod spec. */
  readonly spec: JsonObject;
  /** Its path, e.g. `spec.template.spec`. */
  readonly path: FieldPath;
  /** The pod (template) metadata, when present. */
  readonly metadata: JsonObject | undefined;
  /** Its path, e.g. `spec.template.metadata`. */
  readonly metadataPath: FieldPath;
  /** The pod security context (`{}` when unset). */
  readonly securityContext: JsonObject;
  /** Its path. */
  readonly securityContextPath: FieldPath;
  /** Whether the pod runs on Windows (`spec.os.name: windows`). */
  readonly windows: boolean;
  /** Init containers, then containers (core's `containersOf`). */
  readonly containers: readonly ContainerView[];
}

/** A container as checks read it, with field paths. */
export interface ContainerView {
  /** Where it is (core's `containersOf`). */
  readonly location: ContainerLocation;
  /** The container. */
  readonly container: JsonObject;
  /** Its path, e.g. `spec.template.spec.containers[0]`. */
  readonly path: FieldPath;
  /** Whether it is an init container (native sidecars included). */
  readonly init: boolean;
  /** `container '<name>'`, for messages. */
  readonly label: string;
  /** Its security context (`{}` when unset). */
  readonly securityContext: JsonObject;
  /** Its path. */
  readonly securityContextPath: FieldPath;
}

/** An empty object, for a security context that is not set (read, never written). */
const UNSET: JsonObject = Object.freeze({});

/** A container view: the paths and the label are made when a check asks for them (mostly for a problem). */
class LazyContainerView implements ContainerView {
  private pathMemo: FieldPath | undefined;
  private securityContextMemo: JsonObject | undefined;

  constructor(public readonly location: ContainerLocation) {}

  public get container(): JsonObject {
    return this.location.container;
  }

  public get init(): boolean {
    return this.location.init;
  }

  public get path(): FieldPath {
    return (this.pathMemo ??= FieldPath.root(this.location.field));
  }

  public get label(): string {
    return `container '${display(this.location.container.name)}'`;
  }

  public get securityContext(): JsonObject {
    return (this.securityContextMemo ??= asObject(this.location.container.securityContext) ?? UNSET);
  }

  public get securityContextPath(): FieldPath {
    return this.path.child('securityContext');
  }
}

/** A pod view: the containers and paths are made once, when a check first asks. */
class LazyPodView implements PodView {
  public readonly securityContext: JsonObject;
  public readonly windows: boolean;
  private containersMemo: readonly ContainerView[] | undefined;
  private pathMemo: FieldPath | undefined;

  constructor(public readonly location: PodSpecLocation) {
    this.securityContext = asObject(location.spec.securityContext) ?? UNSET;
    this.windows = asObject(location.spec.os)?.name === 'windows';
  }

  public get spec(): JsonObject {
    return this.location.spec;
  }

  public get metadata(): JsonObject | undefined {
    return this.location.metadata;
  }

  public get path(): FieldPath {
    return (this.pathMemo ??= FieldPath.root(this.location.field));
  }

  public get metadataPath(): FieldPath {
    return FieldPath.root(this.location.metadataField);
  }

  public get securityContextPath(): FieldPath {
    return this.path.child('securityContext');
  }

  public get containers(): readonly ContainerView[] {
    return (this.containersMemo ??= containersOf(this.location).map((loc) => new LazyContainerView(loc)));
  }
}

function podView(location: PodSpecLocation): PodView {
  return new LazyPodView(location);
}

/** A rule judged on one object at a time (the `policy/*` rules). */
export interface ObjectRule<Id extends string = string> extends RuleDefinition<Id> {
  /** The kinds it applies to. */
  readonly appliesTo: AppliesTo;
  /** The problems of one object. */
  readonly check: (input: CheckInput) => readonly Problem[];
}

/** Declares a rule judged on one object at a time. */
export function objectRule<const Id extends string>(rule: ObjectRule<Id>): ObjectRule<Id> {
  return rule;
}

/** No problem (one shared empty list: most checks of most objects find nothing). */
const NONE: readonly Problem[] = Object.freeze([]);

/** A check of every pod spec: the looping (and the reading of the pod spec) done once, here. */
export function perPodSpec(
  check: (pod: PodView, input: CheckInput) => readonly Problem[],
): (input: CheckInput) => readonly Problem[] {
  return (input) => {
    const pod = input.pod;
    return pod ? check(pod, input) : NONE;
  };
}

/** A check of every container (init containers first) of every pod spec. */
export function perContainer(
  check: (container: ContainerView, pod: PodView, input: CheckInput) => readonly Problem[],
): (input: CheckInput) => readonly Problem[] {
  return perPodSpec((pod, input) => {
    let out: Problem[] | undefined;
    for (const c of pod.containers) {
      const problems = check(c, pod, input);
      if (problems.length > 0) (out ??= []).push(...problems);
    }
    return out ?? NONE;
  });
}

/**
 * Whether a rule that applies to `appliesTo` applies to an object of `kind` with a pod spec or
 * not (`hasPods`, or a function that finds out, asked only for a rule of the kinds with pods).
 */
export function appliesToKind(appliesTo: AppliesTo, kind: string, hasPods: boolean | (() => boolean)): boolean {
  if (appliesTo === 'all') return true;
  if (appliesTo === 'pods') return typeof hasPods === 'boolean' ? hasPods : hasPods();
  return appliesTo.includes(kind);
}

/** What a reference rule reads besides the object: the objects of its deployment unit, indexed. */
export interface UnitIndex {
  /** The construct path of the object whose manifest is `manifest`, when it is one of the unit's. */
  pathOf(manifest: Manifest): string | undefined;
}

/** A rule judged on one object against the other objects of its deployment unit (the `refs/*` rules). */
export interface ReferenceRule<
  Id extends string = string,
  Index extends UnitIndex = UnitIndex,
> extends RuleDefinition<Id> {
  /** The kinds it applies to. */
  readonly appliesTo: AppliesTo;
  /** The problems of one object, given the index of its unit. */
  readonly check: (input: CheckInput, index: Index) => readonly Problem[];
}

/** Declares a rule whose check lives elsewhere (the `schema/*` and `values/*` rules, checked by kind). */
export function defineRule<const Id extends string>(rule: RuleDefinition<Id>): RuleDefinition<Id> {
  return rule;
}
