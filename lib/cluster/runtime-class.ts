import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { containerResourceNameProblems } from '../validation/checks/container-checks';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems, labelKeyProblems, labelValueProblems } from '../values/dns-name';
import { quantityProblems } from '../values/quantity';
import { assignToPods, ImportedClass } from './class-support';

/** A RuntimeClass, created by the app or imported by name (`RuntimeClass.fromRuntimeClassName`). */
export interface IRuntimeClass extends kplus.IResource {
  /** The REST resource name, `runtimeclasses`. */
  readonly resourceType: 'runtimeclasses';
  /**
   * Runs the pods of these workloads with this class (`runtimeClassName`, which cdk8s-plus-27
   * has no prop for).
   */
  assignTo(...workloads: kplus.AbstractPod[]): void;
}

/**
 * Properties for `RuntimeClass`.
 */
export interface RuntimeClassProps extends kplus.ResourceProps {
  /**
   * The container runtime handler configured on the nodes (CRI), e.g. `runsc` (gVisor) or
   * `kata`; a DNS-1123 label, immutable once created.
   */
  readonly handler: string;

  /**
   * Resources the runtime itself uses per pod (`overhead.podFixed`), added to the pod's requests
   * for scheduling and quotas, e.g. `{ cpu: '250m', memory: '120Mi' }`.
   *
   * @default - no overhead
   */
  readonly overhead?: Readonly<Record<string, string>>;

  /**
   * Node labels the class's pods are scheduled by (merged into their nodeSelector): the nodes
   * that have the handler.
   *
   * @default - any node
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;

  /**
   * Taints the class's pods tolerate (added to their tolerations), e.g. of dedicated sandbox
   * nodes: `kplus.NodeTaintQuery.is('sandbox', 'gvisor', { effect: kplus.TaintEffect.NO_SCHEDULE })`.
   *
   * @default - none
   */
  readonly tolerations?: readonly kplus.NodeTaintQuery[];
}

/**
 * A RuntimeClass: a container runtime configuration (gVisor, Kata Containers, ...) that pods
 * select by name (`runtimeClassName`), with its per-pod overhead and the nodes that have it.
 *
 * The constructor applies the API server's checks (`ValidateRuntimeClass`): the handler is a
 * DNS-1123 label; overhead names container resources with valid, non-negative quantities; the
 * node selector has valid labels; tolerations are valid and distinct.
 *
 * ```ts
 * const gvisor = new RuntimeClass(chart, 'gvisor', { handler: 'runsc', overhead: { cpu: '100m', memory: '64Mi' } });
 * gvisor.assignTo(untrustedJob);
 * ```
 *
 * @see https://kubernetes.io/docs/concepts/containers/runtime-class/
 */
export class RuntimeClass extends kplus.Resource implements IRuntimeClass {
  /** A RuntimeClass that exists in the cluster (installed with the runtime). */
  public static fromRuntimeClassName(scope: Construct, id: string, name: string): IRuntimeClass {
    return new ImportedRuntimeClass(scope, id, name);
  }

  /** @see base.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The REST resource name. */
  public readonly resourceType = 'runtimeclasses';
  /** The runtime handler. */
  public readonly handler: string;

  constructor(scope: Construct, id: string, props: RuntimeClassProps) {
    super(scope, id);
    assertValid(this, 'handler', props.handler, dns1123LabelProblems(props.handler));
    checkOverhead(this, props.overhead ?? {});
    checkNodeSelector(this, props.nodeSelector ?? {});
    const tolerations = toTolerations(this, props.tolerations ?? []);
    this.handler = props.handler;
    const scheduling =
      props.nodeSelector !== undefined || tolerations.length > 0
        ? {
            nodeSelector: props.nodeSelector ? { ...props.nodeSelector } : undefined,
            tolerations: tolerations.length > 0 ? tolerations : undefined,
          }
        : undefined;
    this.apiObject = new kplus.k8s.KubeRuntimeClass(this, 'Resource', {
      metadata: props.metadata,
      handler: props.handler,
      overhead: props.overhead
        ? {
            podFixed: Object.fromEntries(
              Object.entries(props.overhead).map(([k, v]) => [k, kplus.k8s.Quantity.fromString(v)]),
            ),
          }
        : undefined,
      scheduling,
    });
  }

  /** Runs the pods of these workloads with this class (`runtimeClassName`). */
  public assignTo(...workloads: kplus.AbstractPod[]): void {
    assignToPods(this, 'runtimeClassName', this.name, workloads);
  }
}

class ImportedRuntimeClass extends ImportedClass implements IRuntimeClass {
  public readonly resourceType = 'runtimeclasses';

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id, { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass' }, name);
  }

  public assignTo(...workloads: kplus.AbstractPod[]): void {
    assignToPods(this, 'runtimeClassName', this.name, workloads);
  }
}

function checkOverhead(scope: IConstruct, overhead: Readonly<Record<string, string>>): void {
  for (const [resource, quantity] of Object.entries(overhead)) {
    const prop = `overhead.${resource}`;
    const names = containerResourceNameProblems(resource);
    if (names.length > 0) throw new ConstructError(scope, `resource '${resource}' ${names.join('; ')}`, { prop });
    const problems = quantityProblems(quantity);
    if (problems.length > 0) throw new ConstructError(scope, `'${quantity}' ${problems.join('; ')}`, { prop });
  }
}

function checkNodeSelector(scope: IConstruct, selector: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(selector)) {
    const keyProblems = labelKeyProblems(key);
    if (keyProblems.length > 0)
      throw new ConstructError(scope, `label key '${key}' ${keyProblems.join('; ')}`, { prop: 'nodeSelector' });
    assertValid(scope, `nodeSelector['${key}']`, value, labelValueProblems(value));
  }
}

/** Tolerations as `ValidateTolerations` checks them, and distinct as RuntimeClasses need them. */
function toTolerations(scope: IConstruct, queries: readonly kplus.NodeTaintQuery[]): kplus.k8s.Toleration[] {
  const seen = new Map<string, number>();
  return queries.map((query, i) => {
    const prop = `tolerations[${i}]`;
    const t = query._toKube();
    const key = t.key ?? '';
    if (key !== '') {
      const problems = labelKeyProblems(key);
      if (problems.length > 0) throw new ConstructError(scope, `key '${key}' ${problems.join('; ')}`, { prop });
    }
    if (t.operator === 'Equal') {
      if (key === '')
        throw new ConstructError(
          scope,
          'a toleration with an empty key must use operator Exists (it matches every taint)',
          {
            prop,
            hint: 'use NodeTaintQuery.any() or NodeTaintQuery.exists(key)',
          },
        );
      const problems = labelValueProblems(t.value ?? '');
      if (problems.length > 0) throw new ConstructError(scope, `value '${t.value}' ${problems.join('; ')}`, { prop });
    }
    const identity = JSON.stringify([key, t.operator, t.value ?? '', t.effect ?? '']);
    const first = seen.get(identity);
    if (first !== undefined)
      throw new ConstructError(scope, `is the same toleration as tolerations[${first}]`, { prop });
    seen.set(identity, i);
    return t;
  });
}
