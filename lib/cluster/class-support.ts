/**
 * What the cluster-wide classes of this folder share: references to classes that exist outside
 * the app, the "default class" annotations, assigning a class to the pods of cdk8s-plus
 * workloads, and the name formats the API server checks for their fields.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { podSpecPath } from '../core/kinds';
import { assertValid } from '../values/assert-valid';
import { dns1123SubdomainProblems } from '../values/dns-name';

/** The API version and kind of a class. */
export interface ClassKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * A class that exists in the cluster but is not created by the app (`StorageClass.fromStorageClassName`
 * and the like): it renders nothing and only lends its name.
 */
export abstract class ImportedClass extends Construct implements kplus.IResource {
  /** The REST resource name. */
  public abstract readonly resourceType: string;
  /** The class name. */
  public readonly name: string;
  /** The API version. */
  public readonly apiVersion: string;
  /** The API group ('' for the core group). */
  public readonly apiGroup: string;
  /** The kind. */
  public readonly kind: string;
  /** The resource name (the class name). */
  public readonly resourceName: string;

  protected constructor(scope: Construct, id: string, kind: ClassKind, name: string) {
    super(scope, id);
    assertValid(this, 'name', name, dns1123SubdomainProblems(name));
    this.name = name;
    this.apiVersion = kind.apiVersion;
    this.apiGroup = kind.apiVersion.includes('/') ? kind.apiVersion.split('/')[0] : '';
    this.kind = kind.kind;
    this.resourceName = name;
  }
}

/** The default classes declared so far, per chart: `<kind>/<group>` → construct path. */
const defaults = new WeakMap<Chart, Map<string, string>>();

/**
 * Records that `scope` is the default class of its kind (within `group`, e.g. a snapshot
 * driver) and throws if another class of the same chart already is: the cluster would have two
 * defaults, and which one wins depends on which was created last (or, for PriorityClasses and
 * VolumeSnapshotClasses, the second is refused).
 */
export function claimDefault(scope: IConstruct, kind: string, prop: string, group: string = ''): void {
  let chart: Chart;
  try {
    chart = Chart.of(scope);
  } catch {
    return;
  }
  let seen = defaults.get(chart);
  if (!seen) {
    seen = new Map();
    defaults.set(chart, seen);
  }
  const key = `${kind}/${group}`;
  const other = seen.get(key);
  if (other !== undefined) {
    throw new ConstructError(
      scope,
      `${other} is already the default ${kind}${group ? ` for ${group}` : ''} of this chart; a cluster has one`,
      { prop, hint: `mark only one ${kind} as the default` },
    );
  }
  seen.set(key, scope.node.path);
}

/** The pod spec fields each workload got from a class (`assignToPods`), to refuse a second, different one. */
const assigned = new WeakMap<ApiObject, Map<string, string>>();

/**
 * Sets `field` (e.g. `priorityClassName`) to `value` in the pod spec of each workload (a Pod,
 * Deployment, StatefulSet, DaemonSet, Job, CronJob or kubecraft ReplicaSet), with a JSON patch
 * that kubecraft charts apply to the final JSON. cdk8s-plus-27 has no prop for these fields.
 */
export function assignToPods(
  scope: IConstruct,
  field: string,
  value: string,
  workloads: readonly kplus.AbstractPod[],
): void {
  workloads.forEach((workload, i) => {
    const prop = `assignTo[${i}]`;
    let apiObject: ApiObject;
    try {
      apiObject = ApiObject.of(workload);
    } catch (err) {
      throw new ConstructError(scope, `${workload.node.path} renders no object to set ${field} on`, {
        prop,
        cause: err,
      });
    }
    const path = podSpecPath(apiObject.kind);
    if (!path) {
      throw new ConstructError(scope, `${apiObject.kind} ${workload.node.path} has no pod spec to set ${field} on`, {
        prop,
      });
    }
    let fields = assigned.get(apiObject);
    if (!fields) {
      fields = new Map();
      assigned.set(apiObject, fields);
    }
    const previous = fields.get(field);
    if (previous !== undefined && previous !== value) {
      throw new ConstructError(
        scope,
        `${workload.node.path} already has ${field} '${previous}'; a pod has one (cannot also set '${value}')`,
        { prop },
      );
    }
    if (previous === value) return;
    fields.set(field, value);
    apiObject.addJsonPatch(JsonPatch.add(`/${[...path, field].join('/')}`, value));
  });
}

/** A CSI driver name (`ValidateCSIDriverName`): at most 63 characters, a DNS-1123 subdomain once lowercased. */
export function csiDriverNameProblems(name: string): string[] {
  if (name.length === 0) return ['must not be empty'];
  const problems: string[] = [];
  if (name.length > 63) problems.push(`must be no more than 63 characters (is ${name.length})`);
  problems.push(...dns1123SubdomainProblems(name.toLowerCase()));
  return problems;
}

const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/**
 * A domain-prefixed path (`IsDomainPrefixedPath`, e.g. `k8s.io/ingress-nginx`): a DNS-1123
 * subdomain, '/', then at least one character allowed in an HTTP path.
 */
export function domainPrefixedPathProblems(value: string): string[] {
  if (value.length === 0) return ['must not be empty'];
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1)
    return ["must be a domain-prefixed path such as 'example.com/my-controller'"];
  const problems = dns1123SubdomainProblems(value.slice(0, slash)).map((p) => `domain part ${p}`);
  if (!HTTP_PATH.test(value.slice(slash + 1)))
    problems.push("path part must consist of characters allowed in an HTTP path ([A-Za-z0-9/-._~%!$&'()*+,;=:])");
  return problems;
}

/** A path with a `..` element (`validatePathNoBacksteps`). */
export function hasBacksteps(path: string): boolean {
  return path.replace(/\\/g, '/').split('/').includes('..');
}

/**
 * Throws a `ConstructError` naming `prop` when `value` is set but not one of `values` (the
 * members of a string enum): the types say so, but JavaScript callers and casts do not.
 */
export function checkOneOf(
  scope: IConstruct,
  prop: string,
  value: string | undefined,
  values: Readonly<Record<string, string>>,
): void {
  if (value === undefined) return;
  const allowed = Object.values(values);
  if (!allowed.includes(value))
    throw new ConstructError(scope, `must be one of ${allowed.join(', ')} (is ${JSON.stringify(value)})`, { prop });
}
