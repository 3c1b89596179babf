import { IConstruct } from 'constructs';
import { isClusterScoped } from '../app/cluster-scoped-kinds';
import { Manifest, podSpecPath, getPath } from '../workloads/pod-spec-locator';
import { ExternalObject } from './external';
import { Finding } from './finding';
import { Policy, Relaxation } from './policy';
import { RuleId, RULES } from './rules';

/** A synthesized object as validation sees it. */
export interface ObjectToValidate {
  /** The manifest. */
  readonly manifest: Manifest;
  /** Construct path of the object that produced it. */
  readonly path: string;
  /**
   * The construct that produced it, for relaxations.
   *
   * @default - no relaxations apply
   */
  readonly construct?: IConstruct;
}

/** A container of a pod spec, with where it is. */
export interface ContainerAt {
  readonly container: any;
  /** Field path, e.g. `spec.template.spec.containers[1]`. */
  readonly field: string;
  readonly init: boolean;
}

/** Shared state of one validation run: the objects, the external declarations, the findings. */
export class ValidationContext {
  public readonly findings: Finding[] = [];
  private readonly relaxations = new Map<ObjectToValidate, Relaxation[]>();

  constructor(
    public readonly objects: readonly ObjectToValidate[],
    public readonly externals: readonly ExternalObject[],
    private readonly globalRelaxations: readonly Relaxation[] = [],
  ) {}

  /** Records a finding of `rule` on `obj` at `field`. */
  public report(obj: ObjectToValidate, rule: RuleId, field: string, message: string, hint: string): void {
    const info = RULES[rule];
    const relaxedBy = info.relaxable ? this.relaxationsOf(obj).find((r) => r.rule === rule) : undefined;
    this.findings.push({
      rule,
      severity: info.severity,
      message,
      path: obj.path,
      object: describe(obj.manifest),
      field,
      hint,
      relaxedBy,
    });
  }

  private relaxationsOf(obj: ObjectToValidate): Relaxation[] {
    let list = this.relaxations.get(obj);
    if (!list) {
      list = [...(obj.construct ? Policy.relaxationsOf(obj.construct) : []), ...this.globalRelaxations];
      this.relaxations.set(obj, list);
    }
    return list;
  }
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
export function describe(m: Manifest): string {
  const ns = m.metadata?.namespace;
  return `${m.kind} ${ns && !isClusterScoped(m.kind) ? `${ns}/` : ''}${m.metadata?.name ?? '<unnamed>'}`;
}

/** The pod spec of a manifest and its field path, or undefined. */
export function podSpecAt(m: Manifest): { spec: any; field: string } | undefined {
  const path = podSpecPath(m.kind);
  if (!path) return undefined;
  const spec = getPath(m, path);
  return spec && typeof spec === 'object' ? { spec, field: path.join('.') } : undefined;
}

/** Init containers, then containers, of a pod spec. */
export function containersAt(spec: any, field: string): ContainerAt[] {
  const list = (key: string, init: boolean): ContainerAt[] =>
    Array.isArray(spec[key])
      ? spec[key].map((container: any, i: number) => ({ container, field: `${field}.${key}[${i}]`, init }))
      : [];
  return [...list('initContainers', true), ...list('containers', false)];
}

/** The pod template labels of a workload (or a Pod's own labels). */
export function podLabelsOf(m: Manifest): Record<string, string> | undefined {
  if (m.kind === 'Pod') return m.metadata.labels ?? {};
  const path = podSpecPath(m.kind);
  if (!path) return undefined;
  return (getPath(m, [...path.slice(0, -1), 'metadata', 'labels']) as Record<string, string> | undefined) ?? {};
}

/** The effective namespace of a namespaced object ('' when unset). */
export function namespaceOf(m: Manifest): string {
  return isClusterScoped(m.kind) ? '' : (m.metadata?.namespace ?? '');
}
