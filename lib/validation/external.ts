import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructError } from '../core';

/** Construct metadata type under which external objects are declared. */
export const EXTERNAL_METADATA = 'kubecraft:external';

/** An object that exists in the cluster but is not part of the app. */
export interface ExternalObject {
  /** The kind, e.g. `Namespace`, `Secret`, `Pod`. */
  readonly kind: string;
  /** The name; undefined for label-selected pods. */
  readonly name?: string;
  /** The namespace (undefined for cluster-scoped kinds). */
  readonly namespace?: string;
  /** Known keys of a ConfigMap or Secret; undefined when unknown (keys are then not checked). */
  readonly keys?: readonly string[];
  /** Labels of pods created outside the app (by an operator), for Service selection. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Why it is outside the app. */
  readonly reason: string;
}

/** Options for external ConfigMaps and Secrets. */
export interface ExternalDataOptions {
  /**
   * The namespace.
   *
   * @default - the namespace of the enclosing chart
   */
  readonly namespace?: string;
  /**
   * The keys the object is known to hold; references to other keys are then errors.
   *
   * @default - keys are not checked
   */
  readonly keys?: readonly string[];
}

/**
 * The namespaces every cluster has: kube-apiserver's system namespaces controller
 * (kubernetes pkg/controlplane/controller/systemnamespaces, started with
 * `SystemNamespaces` = kube-system, kube-public, kube-node-lease and default) creates them and
 * recreates them within a minute if they are deleted. Objects may go to them without an
 * `External.namespace` declaration.
 */
export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * Declares objects that exist in the cluster but are not created by the app, so that
 * references to them pass validation. Nothing outside the app is ever assumed silently:
 * anything not declared here (or imported with a cdk8s-plus `fromXxxName` call) is an error,
 * except the namespaces every cluster has (`BUILT_IN_NAMESPACES`).
 *
 * ```ts
 * External.namespace(chart, 'monitoring', 'created by the platform team');
 * External.pods(chart, { app: 'rook-ceph-mgr' }, 'created by the Rook operator from the CephCluster');
 * ```
 */
export class External {
  /**
   * A namespace that exists already (created by a platform team, another app, ...). The
   * namespaces every cluster has (`default`, `kube-system`, `kube-public`, `kube-node-lease`)
   * need no declaration.
   */
  public static namespace(scope: IConstruct, name: string, reason: string): void {
    External.declare(scope, { kind: 'Namespace', name, reason });
  }

  /** A Secret that exists already, optionally with its known keys. */
  public static secret(scope: IConstruct, name: string, reason: string, options: ExternalDataOptions = {}): void {
    External.declare(scope, {
      kind: 'Secret',
      name,
      namespace: options.namespace ?? chartNamespace(scope),
      keys: options.keys,
      reason,
    });
  }

  /** A ConfigMap that exists already, optionally with its known keys. */
  public static configMap(scope: IConstruct, name: string, reason: string, options: ExternalDataOptions = {}): void {
    External.declare(scope, {
      kind: 'ConfigMap',
      name,
      namespace: options.namespace ?? chartNamespace(scope),
      keys: options.keys,
      reason,
    });
  }

  /** Pods carrying `labels`, created outside the app (by an operator or controller), that Services may select. */
  public static pods(
    scope: IConstruct,
    labels: Readonly<Record<string, string>>,
    reason: string,
    namespace?: string,
  ): void {
    External.declare(scope, { kind: 'Pod', labels, namespace: namespace ?? chartNamespace(scope), reason });
  }

  /** Any other object that exists already. */
  public static object(scope: IConstruct, object: ExternalObject): void {
    External.declare(scope, object);
  }

  /** Every external object declared anywhere below `root`. */
  public static declaredIn(root: IConstruct): ExternalObject[] {
    const result: ExternalObject[] = [];
    for (const c of root.node.findAll()) {
      for (const entry of c.node.metadata) {
        if (entry.type === EXTERNAL_METADATA) result.push(entry.data as ExternalObject);
      }
    }
    return result;
  }

  private static declare(scope: IConstruct, object: ExternalObject): void {
    if (object.reason.trim().length < 5) {
      throw new ConstructError(
        scope,
        `External ${object.kind} '${object.name ?? JSON.stringify(object.labels)}' needs a reason`,
        { prop: 'reason', hint: 'say in at least 5 characters why it exists outside the app' },
      );
    }
    scope.node.addMetadata(EXTERNAL_METADATA, object);
  }

  private constructor() {}
}

function chartNamespace(scope: IConstruct): string | undefined {
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}

/** Kinds of the objects cdk8s-plus-27 imports by name (`Secret.fromSecretName`, ...), by REST resource. */
const IMPORTABLE_KINDS: Readonly<Record<string, string>> = {
  secrets: 'Secret',
  configmaps: 'ConfigMap',
  serviceaccounts: 'ServiceAccount',
  roles: 'Role',
  clusterroles: 'ClusterRole',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  persistentvolumes: 'PersistentVolume',
};

/**
 * Objects imported by name with cdk8s-plus-27 (`Secret.fromSecretName(scope, id, name)` and
 * the like) anywhere below `root`: the import is an explicit declaration that the object
 * exists outside the app. Recognized as constructs that name a REST resource but render no
 * object of their own.
 */
export function importedObjectsIn(root: IConstruct): ExternalObject[] {
  const result: ExternalObject[] = [];
  for (const c of root.node.findAll()) {
    const candidate = c as unknown as { resourceType?: unknown; name?: unknown };
    if (typeof candidate.resourceType !== 'string') continue;
    const kind = IMPORTABLE_KINDS[candidate.resourceType];
    if (!kind || typeof candidate.name !== 'string') continue;
    if (c.node.findAll().some((x) => x instanceof ApiObject)) continue;
    const namespace = kind === 'ClusterRole' || kind === 'PersistentVolume' ? undefined : chartNamespace(c);
    result.push({ kind, name: candidate.name, namespace, reason: `imported by name at ${c.node.path}` });
  }
  return result;
}
