import { IConstruct } from 'constructs';

/**
 * A cluster the app declares it delivers to (kubecraft's `Clusters`), as the Argo CD rules judge
 * an Application's destination and an ApplicationSet's generators against it.
 */
export interface DeclaredCluster {
  /** Its name. */
  readonly name: string;
  /**
   * Its API server URL (an Argo CD destination's `server`).
   *
   * @default - none: destinations name the cluster instead
   */
  readonly server?: string;
  /** Its name in Argo CD (a destination's `name`). */
  readonly argoCdName: string;
  /** Its labels, as its Argo CD cluster Secret carries them (what a cluster generator selects). */
  readonly labels: Readonly<Record<string, string>>;
}

/** The clusters an app declares, and where. */
export interface ClusterDeclaration {
  /** The clusters, in declaration order. */
  readonly clusters: readonly DeclaredCluster[];
  /** The construct path of the declaration. */
  readonly declaredAt: string;
}

const METADATA = 'kubecraft:declared-clusters';

/**
 * Records the clusters the app of `scope` delivers to, for validation (`declaredClustersIn`): on
 * the app itself (an app declares them once), so finding them walks no tree.
 */
export function declareClusters(scope: IConstruct, clusters: readonly DeclaredCluster[]): void {
  const declaration: ClusterDeclaration = { clusters: clusters.map((c) => ({ ...c })), declaredAt: scope.node.path };
  scope.node.root.node.addMetadata(METADATA, declaration);
}

/** The clusters declared in the app of `scope`, or undefined. */
export function declaredClustersIn(scope: IConstruct): ClusterDeclaration | undefined {
  return scope.node.root.node.metadata.find((m) => m.type === METADATA)?.data as ClusterDeclaration | undefined;
}
