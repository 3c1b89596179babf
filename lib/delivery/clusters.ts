import { Construct, IConstruct } from 'constructs';
import { Environments } from '../app/environment';
import { checkKnownProps, ConstructError, knownProps } from '../core';
import { declareClusters } from '../validation/declared-clusters';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems, labelKeyProblems, labelValueProblems } from '../values/dns-name';

/**
 * The label that says which environment a cluster runs: `Clusters.labelsOf` gives it to every
 * declared cluster, and `ArgoCdClusterSelection.CLUSTER_LABELS` selects Argo CD's cluster Secrets by it.
 */
export const ENVIRONMENT_LABEL = 'kubecraft.io/environment';

/** One cluster the app is delivered to, and the environment it runs. */
export interface ClusterSpec {
  /**
   * The cluster's name: unique among the clusters, a DNS-1123 label. It names the cluster's Flux
   * output folder (`flux-<name>/`) and its Argo CD Application (`<app>-<name>`).
   */
  readonly name: string;

  /** The environment the cluster runs: one defined with `Environments.define`. */
  readonly environment: string;

  /**
   * The cluster's API server URL, as its Argo CD cluster Secret gives it (Argo CD's
   * `destination.server`; `https://kubernetes.default.svc` is the cluster Argo CD runs in).
   * Either every cluster gives one or none does.
   *
   * @default - Argo CD finds the cluster by name (`destination.name`, see `argoCdName`)
   */
  readonly server?: string;

  /**
   * The name of the cluster in Argo CD (its cluster Secret's `name`).
   *
   * @default - `name`
   */
  readonly argoCdName?: string;

  /**
   * Labels of the cluster (region, tier, ...): parameters of the Argo CD ApplicationSet's
   * elements, and what its cluster generator selects by.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const CLUSTER_SPEC = knownProps<ClusterSpec>('ClusterSpec')(['name', 'environment', 'server', 'argoCdName', 'labels']);

/** Properties of `Clusters`. */
export interface ClustersProps {
  /** The clusters, one line each. At least one. */
  readonly clusters: readonly ClusterSpec[];
}

const CLUSTERS_PROPS = knownProps<ClustersProps>('ClustersProps')(['clusters']);

/**
 * The clusters an app is delivered to, declared once: each runs one of the app's environments.
 * `ArgoCdDelivery` and `FluxDelivery` write, per cluster, the objects that deliver its
 * environment's output folder (`dist/<environment>/`) to it.
 *
 * ```ts
 * const clusters = new Clusters(app, 'clusters', {
 *   clusters: [
 *     { name: 'dev', environment: 'dev', server: 'https://dev.k8s.example.com' },
 *     { name: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com', labels: { region: 'eu' } },
 *   ],
 * });
 * ```
 *
 * At synth, every cluster's environment must be defined (`Environments.define`, selected or
 * not): a cluster running an environment the app does not define is an error naming both.
 */
export class Clusters extends Construct {
  /** The clusters declared in the app of `scope` (in declaration order), or undefined when none are. */
  public static of(scope: IConstruct): Clusters | undefined {
    return scope.node.root.node.findAll().find((c): c is Clusters => c instanceof Clusters);
  }

  /** The clusters, in declaration order. */
  public readonly clusters: readonly ClusterSpec[];

  constructor(scope: Construct, id: string, props: ClustersProps) {
    super(scope, id);
    checkKnownProps(this, props, CLUSTERS_PROPS);
    const declared = Clusters.of(this);
    if (declared !== this) {
      throw new ConstructError(this, `the app already declares its clusters at '${declared?.node.path}'`, {
        hint: 'declare every cluster in one Clusters construct',
      });
    }
    if (!Array.isArray(props.clusters) || props.clusters.length === 0) {
      throw new ConstructError(this, 'no clusters given', { prop: 'clusters', hint: 'declare at least one cluster' });
    }
    const names = new Map<string, number>();
    props.clusters.forEach((c, i) => {
      const at = `clusters[${i}]`;
      checkKnownProps(this, c, CLUSTER_SPEC, at);
      assertValid(
        this,
        `${at}.name`,
        c.name,
        typeof c.name === 'string' ? dns1123LabelProblems(c.name) : ['must be a string'],
      );
      const first = names.get(c.name);
      if (first !== undefined) {
        throw new ConstructError(this, `cluster '${c.name}' is declared twice (clusters[${first}] and ${at})`, {
          prop: `${at}.name`,
          hint: 'give every cluster its own name',
        });
      }
      names.set(c.name, i);
      if (typeof c.environment !== 'string' || c.environment === '') {
        throw new ConstructError(this, `cluster '${c.name}' names no environment`, {
          prop: `${at}.environment`,
          hint: 'name the environment (defined with Environments.define) the cluster runs',
        });
      }
      if (c.server !== undefined) assertValid(this, `${at}.server`, c.server, serverProblems(c.server));
      if (c.argoCdName !== undefined) {
        assertValid(this, `${at}.argoCdName`, c.argoCdName, c.argoCdName === '' ? ['must not be empty'] : []);
      }
      for (const [key, value] of Object.entries<unknown>(c.labels ?? {})) {
        assertValid(this, `${at}.labels`, key, labelKeyProblems(key));
        assertValid(
          this,
          `${at}.labels['${key}']`,
          value,
          typeof value === 'string' ? labelValueProblems(value) : ['must be a string'],
        );
      }
    });
    const withServer = props.clusters.filter((c) => c.server !== undefined);
    if (withServer.length > 0 && withServer.length < props.clusters.length) {
      const without = props.clusters.find((c) => c.server === undefined);
      throw new ConstructError(
        this,
        `cluster '${without?.name}' gives no server while '${withServer[0].name}' does: Argo CD's destination is either every cluster's server or every cluster's name`,
        {
          prop: `clusters[${props.clusters.indexOf(without as ClusterSpec)}].server`,
          hint: "give every cluster its API server URL (https://kubernetes.default.svc for Argo CD's own), or none",
        },
      );
    }
    this.clusters = props.clusters.map((c) => ({ ...c }));
    // what validation judges Argo CD destinations and generators against (refs/argocd-*)
    declareClusters(
      this,
      this.clusters.map((c) => ({
        name: c.name,
        ...(c.server !== undefined ? { server: c.server } : {}),
        argoCdName: c.argoCdName ?? c.name,
        labels: this.labelsOf(c),
      })),
    );
    this.node.addValidation({ validate: () => this.undefinedEnvironments() });
  }

  /** The clusters that run `environment`, in declaration order. */
  public running(environment: string): ClusterSpec[] {
    return this.clusters.filter((c) => c.environment === environment);
  }

  /** The labels of `cluster`: its own, and `kubecraft.io/environment: <environment>`. */
  public labelsOf(cluster: ClusterSpec): Record<string, string> {
    return { ...cluster.labels, [ENVIRONMENT_LABEL]: cluster.environment };
  }

  /** The cluster named `name`, if declared. */
  public named(name: string): ClusterSpec | undefined {
    return this.clusters.find((c) => c.name === name);
  }

  private undefinedEnvironments(): string[] {
    const defined = Environments.definedIn(this);
    return this.clusters
      .filter((c) => !defined.includes(c.environment))
      .map(
        (c) =>
          `clusters[${this.clusters.indexOf(c)}].environment: cluster '${c.name}' runs environment '${c.environment}', which the app does not define (defined: ${defined.length > 0 ? defined.join(', ') : 'none'}). Fix: define it with Environments.define, or name a defined one`,
      );
  }
}

/** What is wrong with an API server URL: it must be an absolute http(s) URL. */
function serverProblems(server: unknown): string[] {
  if (typeof server !== 'string') return ['must be a string'];
  try {
    const url = new URL(server);
    return url.protocol === 'https:' || url.protocol === 'http:' ? [] : ['must be an http(s) URL'];
  } catch {
    return ['must be an absolute URL such as https://k8s.example.com:6443'];
  }
}
