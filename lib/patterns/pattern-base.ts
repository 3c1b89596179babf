import { ApiObject, ApiObjectMetadata, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { KubecraftApp } from '../app/kubecraft-app';
import { ConstructError, inScope } from '../core/errors';
import { FEATURE_SINCE } from '../core/feature-versions';
import { podSpecPath } from '../core/kinds';
import { checkKnownProps, KnownProps, knownProps } from '../core/known-props';
import { atLeast, DEFAULT_KUBERNETES_VERSION } from '../core/kubernetes-version';
import { Policy } from '../validation/policy';
import { assertValid } from '../values/assert-valid';
import { dns1123LabelProblems, dns1123SubdomainProblems, labelValueProblems } from '../values/dns-name';
import {
  DEFAULT_PATTERN_RESOURCES,
  DEFAULT_PATTERN_USER,
  DEFAULT_WRITABLE_PATHS,
  PATTERN_CAPABILITIES_PROPS,
  PATTERN_CONTAINER_PROPS,
  PATTERN_FILE_PROPS,
  PATTERN_LIFECYCLE_PROPS,
  PATTERN_MOUNT_PROPS,
  PatternContainerOptions,
} from './pattern-container';
import { PATTERN_IDENTITY_PROPS, PatternIdentity, PatternIdentityProps, resolveIdentity } from './pattern-identity';
import {
  PATTERN_POD_PROPS,
  PATTERN_SERVICE_ACCOUNT_PROPS,
  PatternPodOptions,
  TOPOLOGY_SPREAD_PROPS,
} from './pod-options';
import { dropConstructPathLabel, recommendedLabels, selectorLabels } from './recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint } from './service-endpoint';

/**
 * Taking over objects that are already installed (the migration path): a Deployment's or
 * StatefulSet's `spec.selector` is immutable, so a pattern adopting one must render the same
 * selector and the same name.
 */
export interface AdoptionOptions {
  /**
   * The pod selector, e.g. `{ app: 'details', version: 'v1' }` to adopt a Deployment installed
   * with that selector; the labels are added to the pod template too. Jobs do not take it
   * (Kubernetes generates their selector).
   *
   * @default - name, instance and component (`app.kubernetes.io/*`)
   */
  readonly selector?: Readonly<Record<string, string>>;
  /**
   * The name of the workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), e.g.
   * `details-v1` to adopt an installed one whose Service is named `details`.
   *
   * @default - the pattern's name
   */
  readonly workloadName?: string;
}

/** The props of `AdoptionOptions`. */
export const ADOPTION_PROPS = knownProps<AdoptionOptions>('AdoptionOptions')(['selector', 'workloadName']);

/** The props every pattern takes: who it is (identity), its pods, and what its main container runs. */
export interface PatternProps
  extends PatternIdentityProps, PatternContainerOptions, PatternPodOptions, AdoptionOptions {}

/** The props of `PatternProps`: a pattern's own list spreads these names. */
export const PATTERN_PROPS = knownProps<PatternProps>('PatternProps')([
  ...PATTERN_IDENTITY_PROPS.names,
  ...PATTERN_CONTAINER_PROPS.names,
  ...PATTERN_POD_PROPS.names,
  ...ADOPTION_PROPS.names,
]);

/** What a pattern tells its base. */
export interface PatternBaseOptions {
  /** The `app.kubernetes.io/component` when the props give none, e.g. `web`. */
  readonly defaultComponent: string;
  /**
   * Every prop the pattern takes (declared with `knownProps`), checked before anything else:
   * any other prop throws a `ConstructError` naming it, with a "did you mean" hint. The nested
   * objects of `PatternProps` (`serviceAccount`, `files`, `mounts`, `lifecycle`, `capabilities`,
   * `topologySpread`) are always checked.
   *
   * @default - the props' own names are not checked
   */
  readonly knownProps?: KnownProps;
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
  /**
   * The resources when the props give none.
   *
   * @default DEFAULT_PATTERN_RESOURCES
   */
  readonly defaultResources?: kplus.ContainerResources;
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
  /** The ServiceAccount the pods run as, when `serviceAccount` is set. */
  public readonly serviceAccount?: kplus.IServiceAccount;
  /** The UID, GID and fsGroup the pods run as (0 when running as root was reasoned). */
  protected readonly user: number;
  /** Whether the pods run as root (`runAsRootReason`, or `user: 0` under a relaxation). */
  protected readonly asRoot: boolean;
  /** The workload's name. */
  protected readonly workloadName: string;
  private readonly props: PatternProps;

  protected constructor(scope: Construct, id: string, props: PatternProps, options: PatternBaseOptions) {
    super(scope, id);
    if (options.knownProps) checkKnownProps(this, props, options.knownProps);
    checkNestedPatternProps(this, props);
    this.props = props;
    this.identity = resolveIdentity(this, props, options.defaultComponent);
    this.name = this.identity.name;
    this.labels = recommendedLabels(this.identity);
    this.podSelector = props.selector !== undefined ? { ...props.selector } : selectorLabels(this.identity);
    this.workloadName = props.workloadName ?? this.name;
    validateAdoption(this, props);
    this.asRoot = resolveRoot(this, props);
    this.user = this.asRoot ? 0 : (props.user ?? DEFAULT_PATTERN_USER);
    if (!this.asRoot && (!Number.isInteger(this.user) || this.user <= 0)) {
      throw new ConstructError(this, `must be a positive, non-root UID (is ${this.user})`, {
        prop: 'user',
        hint: `omit it to run as ${DEFAULT_PATTERN_USER}; to run as root, give runAsRootReason (or relax policy/run-as-non-root on an enclosing scope first)`,
      });
    }
    if (props.serviceAccount !== undefined) {
      const sa = props.serviceAccount;
      const saName = sa.name ?? this.name;
      assertValid(this, 'serviceAccount.name', saName, dns1123SubdomainProblems(saName));
      this.serviceAccount =
        (sa.create ?? true)
          ? new kplus.ServiceAccount(this, 'ServiceAccount', {
              metadata: { name: saName, labels: { ...this.labels } },
              automountToken: false,
            })
          : kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', saName);
    }
  }

  /**
   * Gives this pattern's container the address of `endpoint` (`<NAME>_HOST`, `<NAME>_PORT`,
   * `<NAME>_ADDR`, by Service DNS name) and allows exactly that traffic with NetworkPolicies.
   */
  public connectTo(endpoint: IServiceEndpoint, options: ConnectOptions = {}): void {
    connect(this, endpoint, options);
  }

  /** The metadata of the workload: `workloadName` and the recommended labels. */
  protected workloadMetadata(): ApiObjectMetadata {
    return { name: this.workloadName, labels: { ...this.labels } };
  }

  /** The metadata of every object the pattern creates: its name and the recommended labels. */
  protected objectMetadata(): ApiObjectMetadata {
    return { name: this.name, labels: { ...this.labels } };
  }

  /** The pod security context: runs as `user` (UID, GID and fsGroup), plus `extra`. */
  protected podSecurityContext(extra: kplus.PodSecurityContextProps = {}): kplus.PodSecurityContextProps {
    const sysctls = this.props.bindLowPorts
      ? { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] }
      : {};
    if (this.asRoot) return { user: 0, group: 0, ensureNonRoot: false, ...sysctls, ...extra };
    return { user: this.user, group: this.user, fsGroup: this.user, ...sysctls, ...extra };
  }

  /**
   * The props every pattern workload shares: metadata, the recommended labels on the pods, and
   * the pod security context. Pods are not selected by the construct path (`select: false`);
   * call `ownPods` once the workload exists.
   */
  protected workloadProps(): Required<
    Pick<kplus.WorkloadProps, 'metadata' | 'select' | 'podMetadata' | 'securityContext'>
  > &
    Pick<kplus.WorkloadProps, 'serviceAccount' | 'automountServiceAccountToken' | 'terminationGracePeriod'> {
    const p = this.props;
    return {
      metadata: this.workloadMetadata(),
      select: false,
      podMetadata: {
        labels: { ...this.podSelector, ...this.labels },
        ...(p.podAnnotations ? { annotations: { ...p.podAnnotations } } : {}),
      },
      securityContext: this.podSecurityContext(),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: p.automountServiceAccountToken,
      terminationGracePeriod: p.terminationGracePeriod,
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
    this.applyPodOptions(workload);
  }

  /** `c`, running as the pattern's user unless it sets its own security context. */
  private withPodUser(c: kplus.ContainerProps): kplus.ContainerProps {
    if (c.securityContext !== undefined) return c;
    const context = this.asRoot
      ? { user: 0, group: 0, ensureNonRoot: false }
      : { user: this.user, group: this.user, ensureNonRoot: true };
    return { ...c, securityContext: context };
  }

  /**
   * Applies the pod-level options (`PatternPodOptions`) to `workload`: through cdk8s-plus's API
   * where it has one (init containers, tolerations, node affinity), else added to the rendered
   * pod spec (node selector, priority class, pull secrets, topology spread, native sidecars).
   */
  private applyPodOptions(workload: kplus.Workload): void {
    const p = this.props;
    const apiObject = ApiObject.of(workload);
    const spec = apiObject.kind === 'CronJob' ? '/spec/jobTemplate/spec/template/spec' : '/spec/template/spec';
    const initCount = p.initContainers?.length ?? 0;
    (p.initContainers ?? []).forEach((c, i) => {
      inScope(this, `initContainers[${i}]`, () => workload.addInitContainer(this.withPodUser(c)));
      if (c.imagePullPolicy === undefined) leaveImagePullPolicyUnset(workload, 'initContainers', i);
    });
    const sidecars = p.sidecars ?? [];
    if (sidecars.length > 0) {
      const version = kubernetesVersionOf(this);
      if (!atLeast(version, FEATURE_SINCE.nativeSidecars)) {
        throw new ConstructError(
          this,
          `native sidecars need Kubernetes ${FEATURE_SINCE.nativeSidecars} or later (the app targets ${version})`,
          {
            prop: 'sidecars',
            hint: `raise the app's kubernetesVersion to ${FEATURE_SINCE.nativeSidecars}+, or run it as a regular container (extraContainers); nativeSidecarsSupported(scope) tells which`,
          },
        );
      }
      sidecars.forEach((c, i) => {
        inScope(this, `sidecars[${i}]`, () => workload.addInitContainer(this.withPodUser(c)));
        apiObject.addJsonPatch(JsonPatch.add(`${spec}/initContainers/${initCount + i}/restartPolicy`, 'Always'));
        if (c.imagePullPolicy === undefined) leaveImagePullPolicyUnset(workload, 'initContainers', initCount + i);
      });
    }
    (p.tolerations ?? []).forEach((t, i) => {
      inScope(this, `tolerations[${i}]`, () => workload.scheduling.tolerate(kplus.Node.tainted(t)));
    });
    if (p.nodeAffinity !== undefined && p.nodeAffinity.length > 0) {
      const queries = p.nodeAffinity;
      inScope(this, 'nodeAffinity', () => workload.scheduling.attract(kplus.Node.labeled(...queries)));
    }
    if (p.nodeSelector !== undefined) {
      for (const [k, v] of Object.entries(p.nodeSelector)) {
        assertValid(this, `nodeSelector['${k}']`, v, labelValueProblems(v));
      }
      apiObject.addJsonPatch(JsonPatch.add(`${spec}/nodeSelector`, { ...p.nodeSelector }));
    }
    if (p.priorityClassName !== undefined) {
      assertValid(this, 'priorityClassName', p.priorityClassName, dns1123SubdomainProblems(p.priorityClassName));
      apiObject.addJsonPatch(JsonPatch.add(`${spec}/priorityClassName`, p.priorityClassName));
    }
    if (p.imagePullSecrets !== undefined && p.imagePullSecrets.length > 0) {
      p.imagePullSecrets.forEach((n, i) => assertValid(this, `imagePullSecrets[${i}]`, n, dns1123SubdomainProblems(n)));
      apiObject.addJsonPatch(
        JsonPatch.add(
          `${spec}/imagePullSecrets`,
          p.imagePullSecrets.map((name) => ({ name })),
        ),
      );
    }
    if (p.topologySpread !== undefined && p.topologySpread.length > 0) {
      const constraints = p.topologySpread.map((t, i) => {
        const maxSkew = t.maxSkew ?? 1;
        if (!Number.isInteger(maxSkew) || maxSkew < 1)
          throw new ConstructError(this, `must be a positive integer (is ${maxSkew})`, {
            prop: `topologySpread[${i}].maxSkew`,
          });
        return {
          maxSkew,
          topologyKey: t.topologyKey ?? 'kubernetes.io/hostname',
          whenUnsatisfiable: t.whenUnsatisfiable ?? 'ScheduleAnyway',
          labelSelector: { matchLabels: { ...this.podSelector } },
        };
      });
      apiObject.addJsonPatch(JsonPatch.add(`${spec}/topologySpreadConstraints`, constraints));
    }
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
    const containerName = props.containerName ?? this.name;
    assertValid(this, 'containerName', containerName, dns1123LabelProblems(containerName));
    const container = inScope(this, undefined, () =>
      workload.addContainer({
        name: containerName,
        image: props.image,
        command: props.command ? [...props.command] : undefined,
        args: props.args ? [...props.args] : undefined,
        envVariables: env,
        resources: props.resources ?? options.defaultResources ?? DEFAULT_PATTERN_RESOURCES,
        securityContext: options.securityContext ?? this.containerSecurityContext(props),
        ports: options.ports,
        liveness: options.liveness,
        readiness: options.readiness,
        startup: props.startup,
        imagePullPolicy: props.imagePullPolicy,
        lifecycle: props.lifecycle
          ? { postStart: props.lifecycle.postStart, preStop: props.lifecycle.preStop }
          : undefined,
      }),
    );
    if (props.imagePullPolicy === undefined)
      leaveImagePullPolicyUnset(workload, 'containers', workload.containers.length - 1);
    this.mountVolumes(container, props);
    (this.props.extraContainers ?? []).forEach((c, i) => {
      inScope(this, `extraContainers[${i}]`, () => workload.addContainer(this.withPodUser(c)));
      if (c.imagePullPolicy === undefined)
        leaveImagePullPolicyUnset(workload, 'containers', workload.containers.length - 1);
    });
    return container;
  }

  /**
   * The main container's security context: non-root as `user` (or root when reasoned), a
   * read-only root filesystem unless reasoned otherwise, ALL capabilities dropped plus those
   * `capabilities` adds.
   */
  protected containerSecurityContext(props: PatternContainerOptions): kplus.ContainerSecurityContextProps {
    const base: kplus.ContainerSecurityContextProps = this.asRoot
      ? { user: 0, group: 0, ensureNonRoot: false }
      : { user: this.user, group: this.user, ensureNonRoot: true };
    const writable = resolveWritableRoot(this, props);
    const add = resolveCapabilities(this, props);
    return {
      ...base,
      ...(writable ? { readOnlyRootFilesystem: false } : {}),
      ...(add.length > 0 ? { capabilities: { drop: ['ALL' as kplus.Capability], add } } : {}),
    };
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
    (props.mounts ?? []).forEach((m, i) => {
      if (!m.path.startsWith('/'))
        throw new ConstructError(this, `must be absolute (is '${m.path}')`, { prop: `mounts[${i}].path` });
      inScope(this, `mounts[${i}]`, () =>
        container.mount(m.path, m.volume, { readOnly: m.readOnly, subPath: m.subPath }),
      );
    });
    for (const source of props.envFrom ?? []) {
      container.env.copyFrom(isSecret(source) ? kplus.Env.fromSecret(source) : kplus.Env.fromConfigMap(source));
    }
  }
}

/**
 * Removes the `imagePullPolicy: Always` cdk8s-plus-27 renders on every container it was not
 * given (its `Container` defaults it, with no way to leave it out), so that the API server's
 * own default applies: `IfNotPresent` for an image pinned by a tag or digest, `Always` for
 * `:latest` or no tag. `index` is the container's place in `list` of the workload's pod spec
 * (containers are only ever appended, so it stays right).
 */
function leaveImagePullPolicyUnset(
  workload: kplus.AbstractPod,
  list: 'containers' | 'initContainers',
  index: number,
): void {
  const apiObject = ApiObject.of(workload);
  const spec = podSpecPath(apiObject.kind);
  if (!spec) return;
  apiObject.addJsonPatch(JsonPatch.remove(`/${[...spec, list, String(index), 'imagePullPolicy'].join('/')}`));
}

/** Refuses unknown props in the nested objects of `PatternProps`. */
function checkNestedPatternProps(scope: IConstruct, props: PatternProps): void {
  checkKnownProps(scope, props.serviceAccount, PATTERN_SERVICE_ACCOUNT_PROPS, 'serviceAccount');
  checkKnownProps(scope, props.lifecycle, PATTERN_LIFECYCLE_PROPS, 'lifecycle');
  checkKnownProps(scope, props.capabilities, PATTERN_CAPABILITIES_PROPS, 'capabilities');
  (props.files ?? []).forEach((f, i) => checkKnownProps(scope, f, PATTERN_FILE_PROPS, `files[${i}]`));
  (props.mounts ?? []).forEach((m, i) => checkKnownProps(scope, m, PATTERN_MOUNT_PROPS, `mounts[${i}]`));
  (props.topologySpread ?? []).forEach((t, i) =>
    checkKnownProps(scope, t, TOPOLOGY_SPREAD_PROPS, `topologySpread[${i}]`),
  );
}

function isSecret(x: kplus.IConfigMap | kplus.ISecret): x is kplus.ISecret {
  return x.resourceType === 'secrets';
}

/**
 * Whether the app of `scope` targets a Kubernetes version with native sidecars
 * (`FEATURE_SINCE.nativeSidecars`, 1.29); outside a `KubecraftApp`, the library default's answer.
 */
export function nativeSidecarsSupported(scope: IConstruct): boolean {
  return atLeast(kubernetesVersionOf(scope), FEATURE_SINCE.nativeSidecars);
}

/** The Kubernetes version the app of `scope` targets (the library default outside a KubecraftApp). */
export function kubernetesVersionOf(scope: IConstruct): string {
  const root = scope.node.root;
  return root instanceof KubecraftApp ? root.kubernetesVersion : DEFAULT_KUBERNETES_VERSION;
}

/** Whether `rule` is relaxed on `scope` or an enclosing scope. */
function relaxed(scope: IConstruct, rule: string): boolean {
  return Policy.relaxationsOf(scope).some((r) => r.rule === rule);
}

/** Checks a written reason and records it as a relaxation of `rule` on `scope`. */
function relaxWithReason(scope: IConstruct, prop: string, rule: string, reason: string): void {
  if (reason.trim().length < 10)
    throw new ConstructError(scope, `'${reason}' is not a reason`, {
      prop,
      hint: 'say in at least 10 characters why the pattern needs it',
    });
  Policy.relax(scope, rule, reason);
}

/** Whether the pattern runs as root: reasoned by `runAsRootReason`, or `user: 0` under a relaxation. */
function resolveRoot(scope: IConstruct, props: PatternProps): boolean {
  if (props.runAsRootReason !== undefined) {
    if (props.user !== undefined && props.user !== 0)
      throw new ConstructError(scope, `runAsRootReason runs the pods as root, but user is ${props.user}`, {
        prop: 'user',
        hint: 'remove user, or remove runAsRootReason',
      });
    relaxWithReason(scope, 'runAsRootReason', 'policy/run-as-non-root', props.runAsRootReason);
    return true;
  }
  if (props.user === 0) {
    if (relaxed(scope, 'policy/run-as-non-root')) return true;
    throw new ConstructError(scope, 'running as root (user 0) needs a written reason', {
      prop: 'user',
      hint: "give runAsRootReason: '<why the image needs root>' instead of user: 0, or call Policy.relax(<chart or enclosing scope>, 'policy/run-as-non-root', '<why>') before creating the pattern",
    });
  }
  return false;
}

/** Whether the main container's root filesystem is writable (reasoned, or under a relaxation). */
function resolveWritableRoot(scope: IConstruct, props: PatternContainerOptions): boolean {
  if (props.writableRootFilesystemReason !== undefined) {
    if (props.readOnlyRootFilesystem === true)
      throw new ConstructError(scope, 'writableRootFilesystemReason contradicts readOnlyRootFilesystem: true', {
        prop: 'readOnlyRootFilesystem',
      });
    relaxWithReason(
      scope,
      'writableRootFilesystemReason',
      'policy/read-only-root-fs',
      props.writableRootFilesystemReason,
    );
    return true;
  }
  if (props.readOnlyRootFilesystem === false) {
    if (relaxed(scope, 'policy/read-only-root-fs')) return true;
    throw new ConstructError(scope, 'a writable root filesystem needs a written reason', {
      prop: 'readOnlyRootFilesystem',
      hint: "give writableRootFilesystemReason: '<why>', or relax policy/read-only-root-fs on an enclosing scope first; or keep it read-only and list the paths the process writes in writablePaths",
    });
  }
  return false;
}

/** The capabilities to add, with anything but NET_BIND_SERVICE reasoned or relaxed. */
function resolveCapabilities(scope: IConstruct, props: PatternContainerOptions): kplus.Capability[] {
  const caps = props.capabilities;
  if (caps === undefined) return [];
  caps.add.forEach((c, i) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(c) || c.startsWith('CAP_') || c === 'ALL')
      throw new ConstructError(scope, `'${c}' is not a capability name`, {
        prop: `capabilities.add[${i}]`,
        hint: "give the name Kubernetes uses, without the CAP_ prefix, e.g. 'IPC_LOCK'",
      });
  });
  // cdk8s-plus-27's Capability enum carries a CAP_ prefix and has no ALL; Kubernetes takes the bare names
  const add = caps.add.map((c) => c as kplus.Capability);
  const beyond = caps.add.filter((c) => c !== 'NET_BIND_SERVICE');
  if (caps.reason !== undefined) {
    relaxWithReason(scope, 'capabilities.reason', 'policy/capabilities', caps.reason);
  } else if (beyond.length > 0 && !relaxed(scope, 'policy/capabilities')) {
    throw new ConstructError(scope, `adding ${beyond.join(', ')} breaks the restricted Pod Security Standard`, {
      prop: 'capabilities.reason',
      hint: 'say why in capabilities.reason (recorded as the policy/capabilities relaxation), or relax policy/capabilities on an enclosing scope first',
    });
  }
  return add;
}

/** Checks the adoption options. */
function validateAdoption(scope: IConstruct, props: AdoptionOptions): void {
  if (props.workloadName !== undefined)
    assertValid(scope, 'workloadName', props.workloadName, dns1123SubdomainProblems(props.workloadName));
  if (props.selector !== undefined) {
    if (Object.keys(props.selector).length === 0)
      throw new ConstructError(scope, 'must not be empty (it would select every pod)', {
        prop: 'selector',
        hint: "give the installed object's selector labels, or omit it",
      });
    for (const [k, v] of Object.entries(props.selector))
      assertValid(scope, `selector['${k}']`, v, labelValueProblems(v));
  }
}
