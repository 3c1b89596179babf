import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import {
  DEFAULT_PATTERN_RESOURCES,
  DEFAULT_PATTERN_USER,
  DEFAULT_WRITABLE_PATHS,
  PatternContainerOptions,
} from './pattern-container';
import { PatternIdentity, PatternIdentityProps, resolveIdentity } from './pattern-identity';
import { dropConstructPathLabel, recommendedLabels, selectorLabels } from './recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint } from './service-endpoint';

/** The props every pattern takes: who it is (identity) and what its main container runs. */
export interface PatternProps extends PatternIdentityProps, PatternContainerOptions {}

/** What a pattern tells its base. */
export interface PatternBaseOptions {
  /** The `app.kubernetes.io/component` when the props give none, e.g. `web`. */
  readonly defaultComponent: string;
}

/** What a pattern adds to its main container besides `PatternContainerOptions`. */
export interface MainContainerOptions {
  /**
   * The ports the container listens on.
   *
   * @default - none
   */
  readonly ports?: kplus.ContainerPort[];
  /**
   * Liveness probe.
   *
   * @default - none
   */
  readonly liveness?: kplus.Probe;
  /**
   * Readiness probe.
   *
   * @default - none
   */
  readonly readiness?: kplus.Probe;
  /**
   * The container's security context.
   *
   * @default - runs as the pattern's `user` and group, never as root
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
}

/**
 * The base of every pattern (`WebService`, `StatefulService`, `NodeAgent`, `BatchJob`,
 * `ScheduledJob`), as aws-cdk's `ApplicationLoadBalancedServiceBase` is for its service patterns.
 * It does, once for all of them:
 *
 * - identity: `name`, `instance`, `component`, `partOf`, with their defaults, validated;
 * - labels: the recommended labels on every object (`labels`), and the pod selector
 *   (`podSelector`: name, instance and component, never the construct path);
 * - the pod security context: the non-root `user` (default `DEFAULT_PATTERN_USER`) as UID, GID
 *   and fsGroup;
 * - the main container: image, command, args, env, resources, non-root security context, an
 *   `emptyDir` per writable path, files from ConfigMaps and Secrets, `envFrom`;
 * - `connectTo`.
 *
 * A pattern creates its workload with `workloadProps()`, calls `ownPods` on it, and adds its main
 * container with `addMainContainer`. Every error names the construct path and the prop.
 */
export abstract class PatternBase extends Construct implements IServiceClient {
  /** The name (`app.kubernetes.io/name`), also the name of every object the pattern creates. */
  public readonly name: string;
  /** The identity, with defaults applied. */
  public readonly identity: PatternIdentity;
  /** The recommended labels on every object. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The labels selecting the pattern's pods: name, instance and component. */
  public readonly podSelector: Readonly<Record<string, string>>;
  /** The main container. */
  public abstract readonly container: kplus.Container;
  /** The UID, GID and fsGroup the pods run as. */
  protected readonly user: number;

  protected constructor(scope: Construct, id: string, props: PatternProps, options: PatternBaseOptions) {
    super(scope, id);
    this.identity = resolveIdentity(this, props, options.defaultComponent);
    this.name = this.identity.name;
    this.labels = recommendedLabels(this.identity);
    this.podSelector = selectorLabels(this.identity);
    this.user = props.user ?? DEFAULT_PATTERN_USER;
    if (!Number.isInteger(this.user) || this.user <= 0) {
      throw new ConstructError(this, `must be a positive, non-root UID (is ${this.user})`, {
        prop: 'user',
        hint: `omit it to run as ${DEFAULT_PATTERN_USER}; patterns never run as root, except a NodeAgent given a runAsRootReason`,
      });
    }
  }

  /**
   * Gives this pattern's container the address of `endpoint` (`<NAME>_HOST`, `<NAME>_PORT`,
   * `<NAME>_ADDR`, by Service DNS name) and allows exactly that traffic with NetworkPolicies.
   */
  public connectTo(endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
    connect(this, endpoint, options);
  }

  /** The metadata of every object the pattern creates: its name and the recommended labels. */
  protected objectMetadata(): ApiObjectMetadata {
    return { name: this.name, labels: { ...this.labels } };
  }

  /** The pod security context: runs as `user` (UID, GID and fsGroup), plus `extra`. */
  protected podSecurityContext(extra: kplus.PodSecurityContextProps = {}): kplus.PodSecurityContextProps {
    return { user: this.user, group: this.user, fsGroup: this.user, ...extra };
  }

  /**
   * The props every pattern workload shares: metadata, the recommended labels on the pods, and
   * the pod security context. Pods are not selected by the construct path (`select: false`);
   * call `ownPods` once the workload exists.
   */
  protected workloadProps(): Required<
    Pick<kplus.WorkloadProps, 'metadata' | 'select' | 'podMetadata' | 'securityContext'>
  > {
    return {
      metadata: this.objectMetadata(),
      select: false,
      podMetadata: { labels: { ...this.labels } },
      securityContext: this.podSecurityContext(),
    };
  }

  /**
   * Makes `workload`'s pods independent of the construct path: drops cdk8s-plus's path label
   * from the pod template and, when `select` is true, selects the pods by `podSelector` (Jobs
   * pass false: Kubernetes generates their selector).
   */
  protected ownPods(workload: kplus.Workload, select = true): void {
    if (select) workload.select(kplus.LabelSelector.of({ labels: { ...this.podSelector } }));
    dropConstructPathLabel(workload);
  }

  /**
   * Adds the main container to `workload`: named after the pattern, running `props` with the
   * pattern defaults (resources, non-root user), with `options` (ports, probes); mounts an
   * `emptyDir` at each writable path and each file, and copies `envFrom`.
   */
  protected addMainContainer(
    workload: kplus.AbstractPod,
    props: PatternContainerOptions,
    options: MainContainerOptions = {},
  ): kplus.Container {
    const env: Record<string, kplus.EnvValue> = {};
    for (const [k, v] of Object.entries(props.env ?? {}))
      env[k] = typeof v === 'string' ? kplus.EnvValue.fromValue(v) : v;
    const container = inScope(this, undefined, () =>
      workload.addContainer({
        name: this.name,
        image: props.image,
        command: props.command ? [...props.command] : undefined,
        args: props.args ? [...props.args] : undefined,
        envVariables: env,
        resources: props.resources ?? DEFAULT_PATTERN_RESOURCES,
        securityContext: options.securityContext ?? { user: this.user, group: this.user, ensureNonRoot: true },
        ports: options.ports,
        liveness: options.liveness,
        readiness: options.readiness,
      }),
    );
    this.mountVolumes(container, props);
    return container;
  }

  private mountVolumes(container: kplus.Container, props: PatternContainerOptions): void {
    const paths = props.writablePaths ?? DEFAULT_WRITABLE_PATHS;
    paths.forEach((path, i) => {
      if (!path.startsWith('/'))
        throw new ConstructError(this, `must be absolute (is '${path}')`, { prop: `writablePaths[${i}]` });
      container.mount(path, kplus.Volume.fromEmptyDir(this, `writable-${i}`, `writable-${i}`));
    });
    (props.files ?? []).forEach((f, i) => {
      if (!f.path.startsWith('/'))
        throw new ConstructError(this, `must be absolute (is '${f.path}')`, { prop: `files[${i}].path` });
      const volume = isSecret(f.from)
        ? kplus.Volume.fromSecret(this, `files-${i}`, f.from, { name: `files-${i}` })
        : kplus.Volume.fromConfigMap(this, `files-${i}`, f.from, { name: `files-${i}` });
      container.mount(f.path, volume, { readOnly: true });
    });
    for (const source of props.envFrom ?? []) {
      container.env.copyFrom(isSecret(source) ? kplus.Env.fromSecret(source) : kplus.Env.fromConfigMap(source));
    }
  }
}

function isSecret(x: kplus.IConfigMap | kplus.ISecret): x is kplus.ISecret {
  return x.resourceType === 'secrets';
}
