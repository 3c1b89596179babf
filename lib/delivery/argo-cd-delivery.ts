import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Environment } from '../app/environment';
import { requestArgoCdSyncWaves } from '../app/gitops-annotations';
import { apiGroupOf, checkKnownProps, ConstructError, isClusterScoped, knownProps } from '../core';
import { External } from '../validation/external';
import { ArgoCdAppProject, ArgoCdGroupKind } from './argo-cd/app-project';
import { ArgoCdApplicationSet, ArgoCdGenerator } from './argo-cd/application-set';
import { ArgoCdDestination, ArgoCdSyncPolicy } from './argo-cd/application-spec';
import { ClusterSpec, Clusters, ENVIRONMENT_LABEL } from './clusters';
import { DeliveryFolder, outputFolderName } from './delivery-folder';

/** How an `ArgoCdDelivery`'s ApplicationSet finds the clusters. */
export enum ArgoCdClusterSelection {
  /** A list generator with an element per declared cluster: Argo CD needs no labels on its cluster Secrets. */
  LIST = 'list',
  /**
   * A cluster generator per environment, selecting Argo CD's cluster Secrets labelled
   * `kubecraft.io/environment: <environment>` (and the declared clusters must be labelled so, too).
   */
  CLUSTER_LABELS = 'clusters',
}

/** Properties of `ArgoCdDelivery`. */
export interface ArgoCdDeliveryProps {
  /**
   * The clusters to deliver to.
   *
   * @default - the `Clusters` the app declares
   */
  readonly clusters?: Clusters;
  /** The git repository holding the synthesized output (committed by CI). */
  readonly repoURL: string;
  /**
   * The branch, tag or commit Argo CD syncs.
   *
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * The output folder's path in the repository: each cluster syncs `<outputPath>/<environment>`.
   *
   * @default 'dist'
   */
  readonly outputPath?: string;
  /**
   * The name of the AppProject and the ApplicationSet, and the prefix of each Application (`<appName>-<cluster>`).
   *
   * @default - the construct's id
   */
  readonly appName?: string;
  /**
   * Argo CD's namespace, where the AppProject and ApplicationSet live.
   *
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * How the ApplicationSet finds the clusters.
   *
   * @default ArgoCdClusterSelection.LIST
   */
  readonly clusterSelection?: ArgoCdClusterSelection;
  /**
   * The Applications' sync policy.
   *
   * @default - automated, with prune and self-heal, server-side apply
   */
  readonly syncPolicy?: ArgoCdSyncPolicy;
  /**
   * The output folder of the Argo CD objects (applied to the cluster Argo CD runs in).
   *
   * @default 'argocd'
   */
  readonly folder?: string;
}

const ARGO_CD_DELIVERY_PROPS = knownProps<ArgoCdDeliveryProps>('ArgoCdDeliveryProps')([
  'clusters',
  'repoURL',
  'targetRevision',
  'outputPath',
  'appName',
  'namespace',
  'clusterSelection',
  'syncPolicy',
  'folder',
]);

/**
 * Delivers the app's environments to its clusters with Argo CD: in `dist/argocd/` (applied once
 * to the cluster Argo CD runs in), an `AppProject` that allows exactly the repository, the
 * declared clusters and the cluster-scoped kinds the app's output has, and one `ApplicationSet`
 * that gives every cluster an Application syncing `<outputPath>/<environment>` of the repository
 * (automated, pruned, self-healed, server-side). The environments' setup phase (CRDs,
 * Namespaces) is written as sync wave -1, so Argo CD applies it first.
 *
 * ```ts
 * new ArgoCdDelivery(app, 'shop', { repoURL: 'https://github.com/acme/shop.git', targetRevision: 'main' });
 * ```
 *
 * Adding a cluster to `Clusters` adds one element to the ApplicationSet; moving a cluster to
 * another environment changes only its element.
 */
export class ArgoCdDelivery extends Construct {
  /** The AppProject. */
  public readonly project: ArgoCdAppProject;
  /** The ApplicationSet. */
  public readonly applicationSet: ArgoCdApplicationSet;

  constructor(scope: Construct, id: string, props: ArgoCdDeliveryProps) {
    super(scope, id);
    checkKnownProps(this, props, ARGO_CD_DELIVERY_PROPS);
    const clusters = props.clusters ?? Clusters.of(this);
    if (!clusters) {
      throw new ConstructError(this, 'the app declares no clusters', {
        prop: 'clusters',
        hint: "declare them once: new Clusters(app, 'clusters', { clusters: [{ name, environment, server }] })",
      });
    }
    const appName = props.appName ?? id;
    const namespace = props.namespace ?? 'argocd';
    const outputPath = (props.outputPath ?? 'dist').replace(/\/+$/, '');
    const folder = props.folder ?? 'argocd';
    const chart = DeliveryFolder.obtain(this, folder).chart(appName);
    const byServer = clusters.clusters.every((c) => c.server !== undefined);
    const destinationOf = (c: ClusterSpec): ArgoCdDestination =>
      byServer ? { server: c.server } : { name: c.argoCdName ?? c.name };
    requestArgoCdSyncWaves(this, new Set(clusters.clusters.map((c) => c.environment)));
    External.namespace(chart, namespace, 'Argo CD is installed in it: its AppProjects and ApplicationSets live there');

    const deliveryFolder = DeliveryFolder.obtain(this, folder);
    this.node.addValidation({
      validate: () => {
        // the AppProject lists the cluster-scoped kinds of every environment the clusters run
        if (!deliveryFolder.isSelected()) return [];
        const present = new Set(
          this.node.root.node
            .findAll()
            .filter((c): c is Environment<unknown> => c instanceof Environment && !(c instanceof DeliveryFolder))
            .map((e) => e.envName),
        );
        const missing = [...new Set(clusters.clusters.map((c) => c.environment))].filter((e) => !present.has(e));
        return missing.length > 0
          ? [
              `dist/${folder}/ is written without environment${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, whose cluster-scoped kinds its AppProject allows. Fix: synthesize ${folder} with every environment (--env ${[folder, ...new Set(clusters.clusters.map((c) => c.environment))].join(',')}, or no --env)`,
            ]
          : [];
      },
    });

    this.project = new ArgoCdAppProject(chart, 'project', {
      metadata: { name: appName, namespace },
      description: `${appName}: delivered by kubecraft to ${clusters.clusters.map((c) => c.name).join(', ')}`,
      sourceRepos: [props.repoURL],
      destinations: clusters.clusters.map((c) => ({ ...destinationOf(c), namespace: '*' })),
      clusterResourceWhitelist: () => clusterScopedKindsOf(this, new Set(clusters.clusters.map((c) => c.environment))),
    });

    const selection = props.clusterSelection ?? ArgoCdClusterSelection.LIST;
    const environments = [...new Set(clusters.clusters.map((c) => c.environment))];
    const generators =
      selection === ArgoCdClusterSelection.LIST
        ? [
            ArgoCdGenerator.list(
              clusters.clusters.map((c) => ({
                cluster: c.name,
                environment: c.environment,
                ...(byServer ? { server: c.server as string } : { destination: c.argoCdName ?? c.name }),
              })),
            ),
          ]
        : environments.map((env) =>
            ArgoCdGenerator.clusters({ matchLabels: { [ENVIRONMENT_LABEL]: env }, values: { environment: env } }),
          );
    const list = selection === ArgoCdClusterSelection.LIST;
    this.applicationSet = new ArgoCdApplicationSet(chart, 'application-set', {
      metadata: { name: appName, namespace },
      generators,
      template: {
        name: list ? `${appName}-{{.cluster}}` : `${appName}-{{.nameNormalized}}`,
        labels: { 'app.kubernetes.io/part-of': appName },
        spec: {
          project: appName,
          source: {
            repoURL: props.repoURL,
            targetRevision: props.targetRevision ?? 'HEAD',
            path: `${outputPath}/${list ? '{{.environment}}' : '{{.values.environment}}'}`,
          },
          destination: list
            ? byServer
              ? { server: '{{.server}}' }
              : { name: '{{.destination}}' }
            : { server: '{{.server}}' },
          syncPolicy: props.syncPolicy,
        },
      },
    });
  }
}

/**
 * The cluster-scoped kinds of the output folders `environments` (what the Applications create:
 * CRDs, Namespaces, ClusterRoles, ...), sorted by group and kind.
 */
function clusterScopedKindsOf(scope: Construct, environments: ReadonlySet<string>): ArgoCdGroupKind[] {
  const kinds = new Map<string, ArgoCdGroupKind>();
  for (const c of scope.node.root.node.findAll()) {
    if (!(c instanceof ApiObject) || !environments.has(outputFolderName(c))) continue;
    if (!isClusterScoped(c.kind, c.apiVersion)) continue;
    const group = apiGroupOf(c.apiVersion);
    kinds.set(`${group}/${c.kind}`, { group, kind: c.kind });
  }
  return [...kinds.values()].sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
}
