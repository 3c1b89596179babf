import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKnownProps, ConstructError, knownProps } from '../core';
import { External } from '../validation/external';
import { ClusterSpec, Clusters } from './clusters';
import { DeliveryFolder } from './delivery-folder';
import { IFluxSource } from './flux/flux-source';
import { FluxGitReference, FluxGitRepository } from './flux/git-repository';
import { FluxDependencyReference, FluxKustomization } from './flux/kustomization';
import { FluxOciRepository } from './flux/oci-repository';
import { includeGitOpsCrds } from './gitops-crds';

/** Options of `FluxDeliverySource.git`. */
export interface FluxGitDeliveryOptions {
  /** The git repository holding the synthesized output (committed by CI). */
  readonly url: string;
  /** What to follow, e.g. `{ branch: 'main' }`. */
  readonly ref: FluxGitReference;
  /**
   * The Secret with the repository's credentials.
   *
   * @default - none (a public repository)
   */
  readonly secretName?: string;
  /**
   * The output folder's path in the repository: each cluster applies `<outputPath>/<environment>`.
   *
   * @default 'dist'
   */
  readonly outputPath?: string;
}

/** Options of `FluxDeliverySource.oci`. */
export interface FluxOciDeliveryOptions {
  /** The artifact repository, `oci://REGISTRY/REPOSITORY`, where `kubecraft publish --env <environment>` pushes each environment. */
  readonly url: string;
  /**
   * The tag each environment's artifact is published under.
   *
   * @default - the environment's name (`kubecraft publish oci://REGISTRY/REPOSITORY:prod --env prod`)
   */
  readonly tagOf?: (environment: string) => string;
  /**
   * The `kubernetes.io/dockerconfigjson` Secret with the registry's credentials.
   *
   * @default - none (a public repository)
   */
  readonly secretName?: string;
}

/** Where the clusters' Flux takes the app's output from. */
export abstract class FluxDeliverySource {
  /** The git repository CI commits `dist/` to. */
  public static git(options: FluxGitDeliveryOptions): FluxDeliverySource {
    return new GitDeliverySource(options);
  }

  /** The OCI artifacts `kubecraft publish` pushes, one per environment. */
  public static oci(options: FluxOciDeliveryOptions): FluxDeliverySource {
    return new OciDeliverySource(options);
  }

  /** @internal The source object for `environment` in `chart`, and the path of its folder in it. */
  public abstract _create(
    chart: Chart,
    name: string,
    namespace: string,
    environment: string,
  ): { source: IFluxSource; path: string };
}

class GitDeliverySource extends FluxDeliverySource {
  constructor(private readonly options: FluxGitDeliveryOptions) {
    super();
  }

  public _create(chart: Chart, name: string, namespace: string, environment: string) {
    const source = new FluxGitRepository(chart, 'source', {
      metadata: { name, namespace },
      url: this.options.url,
      ref: this.options.ref,
      secretName: this.options.secretName,
    });
    const outputPath = (this.options.outputPath ?? 'dist').replace(/^\.?\/+|\/+$/g, '');
    return { source, path: `./${outputPath}/${environment}` };
  }
}

class OciDeliverySource extends FluxDeliverySource {
  constructor(private readonly options: FluxOciDeliveryOptions) {
    super();
  }

  public _create(chart: Chart, name: string, namespace: string, environment: string) {
    const source = new FluxOciRepository(chart, 'source', {
      metadata: { name, namespace },
      url: this.options.url,
      ref: { tag: this.options.tagOf ? this.options.tagOf(environment) : environment },
      secretName: this.options.secretName,
    });
    return { source, path: './' };
  }
}

/** Properties of `FluxDelivery`. */
export interface FluxDeliveryProps {
  /**
   * The clusters to deliver to.
   *
   * @default - the `Clusters` the app declares
   */
  readonly clusters?: Clusters;
  /** Where Flux takes the output from: `FluxDeliverySource.git(...)` or `FluxDeliverySource.oci(...)`. */
  readonly source: FluxDeliverySource;
  /**
   * The name of each cluster's source and Kustomization.
   *
   * @default - the construct's id
   */
  readonly appName?: string;
  /**
   * Flux's namespace, where the source and the Kustomization live.
   *
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * Kustomizations every cluster has (made by `flux bootstrap` or a platform team, e.g. the one
   * installing the operators whose CRDs the app uses) that the app's must wait for. Declared
   * external (`External.object`) by the delivery.
   *
   * @default - none
   */
  readonly dependsOn?: readonly FluxDependencyReference[];
  /**
   * How often Flux applies the folder again (and reverts changes made in the cluster).
   *
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
  /**
   * How long an apply, and the wait for every object to be ready, may take.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * Also write Flux's own CRDs (GitRepository, OCIRepository, Kustomization, HelmRelease, vendored
   * in the package) to every cluster's folder, for clusters where Flux's CRDs are not installed yet.
   *
   * @default false
   */
  readonly includeCrds?: boolean;
}

const FLUX_DELIVERY_PROPS = knownProps<FluxDeliveryProps>('FluxDeliveryProps')([
  'clusters',
  'source',
  'appName',
  'namespace',
  'dependsOn',
  'interval',
  'timeout',
  'includeCrds',
]);

/**
 * Delivers the app's environments to its clusters with Flux: for every cluster, a folder
 * `dist/flux-<cluster>/` (the path that cluster's `flux bootstrap` syncs) with the source (the git
 * repository, or the environment's OCI artifact) and one `Kustomization` that applies the
 * cluster's environment, prunes what leaves it and waits until everything is ready. Flux applies
 * the environment's CRDs and Namespaces (its `setup/` phase) first, in a stage of its own.
 *
 * ```ts
 * new FluxDelivery(app, 'shop', { source: FluxDeliverySource.git({ url: 'https://github.com/acme/shop.git', ref: { branch: 'main' } }) });
 * ```
 *
 * Adding a cluster adds its folder; moving a cluster to another environment changes only its folder.
 */
export class FluxDelivery extends Construct {
  /** The Kustomization of each cluster, by cluster name. */
  public readonly kustomizations: Readonly<Record<string, FluxKustomization>>;

  constructor(scope: Construct, id: string, props: FluxDeliveryProps) {
    super(scope, id);
    checkKnownProps(this, props, FLUX_DELIVERY_PROPS);
    const clusters = props.clusters ?? Clusters.of(this);
    if (!clusters) {
      throw new ConstructError(this, 'the app declares no clusters', {
        prop: 'clusters',
        hint: "declare them once: new Clusters(app, 'clusters', { clusters: [{ name, environment }] })",
      });
    }
    if (!(props.source instanceof FluxDeliverySource)) {
      throw new ConstructError(this, 'source is not a FluxDeliverySource', {
        prop: 'source',
        hint: 'give FluxDeliverySource.git({ url, ref }) or FluxDeliverySource.oci({ url })',
      });
    }
    const appName = props.appName ?? id;
    const namespace = props.namespace ?? 'flux-system';
    const kustomizations: Record<string, FluxKustomization> = {};
    for (const cluster of clusters.clusters)
      kustomizations[cluster.name] = this.deliverTo(cluster, appName, namespace, props);
    this.kustomizations = kustomizations;
  }

  private deliverTo(
    cluster: ClusterSpec,
    appName: string,
    namespace: string,
    props: FluxDeliveryProps,
  ): FluxKustomization {
    const chart = DeliveryFolder.obtain(this, `flux-${cluster.name}`).chart(appName);
    External.namespace(
      chart,
      namespace,
      "Flux is installed in it (flux bootstrap): the cluster's sources and Kustomizations live there",
    );
    const { source, path } = props.source._create(chart, appName, namespace, cluster.environment);
    for (const d of props.dependsOn ?? []) {
      External.object(chart, {
        kind: 'Kustomization',
        name: d.name,
        namespace: d.namespace ?? namespace,
        reason: `a Kustomization of cluster '${cluster.name}' that ${appName} depends on (FluxDelivery dependsOn)`,
      });
    }
    if (props.includeCrds) includeGitOpsCrds(chart, 'flux');
    return new FluxKustomization(chart, 'kustomization', {
      metadata: { name: appName, namespace },
      source,
      path,
      interval: props.interval,
      timeout: props.timeout,
      dependsOn: props.dependsOn,
    });
  }
}
