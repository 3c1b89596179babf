import { ApiObjectMetadata } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError } from '../../core/errors';
import { assertValid } from '../../values/assert-valid';
import { dns1123SubdomainProblems } from '../../values/dns-name';
import { PodCount, PodDisruptionBudget } from '../../workloads/pod-disruption-budget';
import { DEFAULT_PATTERN_USER } from '../pattern-container';
import { PatternIdentity, resolveIdentity } from '../pattern-identity';
import { dropConstructPathLabel, recommendedLabels, selectorLabels } from '../recommended-labels';
import { connect, ConnectOptions, IServiceClient, IServiceEndpoint } from '../service-endpoint';
import { validateAdoption } from './adoption';
import { applyPodOptions } from './apply-pod-options';
import { addMainContainer, MainContainerOptions } from './main-container';
import { checkPatternProps, PatternBaseOptions, PatternProps } from './pattern-props';
import { PodUser } from './pod-user';
import { resolveRoot } from './reasoned-exceptions';

/** How a pattern hands its workload over to the base (`PatternBase.handOver`). */
export interface HandOverOptions extends MainContainerOptions {
  /**
   * Select the pods by `podSelector`. Jobs and CronJobs pass false: Kubernetes generates
   * their selector.
   *
   * @default true
   */
  readonly select?: boolean;
}

/**
 * The base of every pattern (`WebService`, `StatefulService`, `Worker`, `NodeAgent`, `BatchJob`,
 * `ScheduledJob`), as aws-cdk's `ApplicationLoadBalancedServiceBase` is for its service patterns.
 * It does, once for all of them:
 *
 * - the props: unknown ones refused with a "did you mean" hint;
 * - identity: `name`, `instance`, `component`, `partOf`, with their defaults, validated;
 * - labels: the recommended labels on every object (`labels`), and the pod selector
 *   (`podSelector`: name, instance and component, never the construct path);
 * - the pod security context: the non-root `user` (default `DEFAULT_PATTERN_USER`) as UID, GID
 *   and fsGroup, or root only with a written reason;
 * - the ServiceAccount, the pod options, the main container, the disruption budget; `connectTo`.
 *
 * A concrete pattern creates its workload from `workloadProps()` and hands it over with one call,
 * `handOver(workload, props, options)`, which does the rest in the only correct order. Every error
 * names the construct path and the prop.
 */
export abstract class PatternBase extends Construct implements IServiceClient, PodUser {
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
  public readonly user: number;
  /** Whether the pods run as root (`runAsRootReason`, or `user: 0` under a relaxation). */
  public readonly asRoot: boolean;
  /** The workload's name. */
  protected readonly workloadName: string;
  private readonly props: PatternProps;

  protected constructor(scope: Construct, id: string, props: PatternProps, options: PatternBaseOptions) {
    super(scope, id);
    checkPatternProps(this, props, options.knownProps);
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
   * The props every pattern workload is created with: metadata (`workloadName` and the
   * recommended labels), the recommended labels on the pods, the pod security context, the
   * ServiceAccount. Pods are not selected by the construct path (`select: false`): `handOver`
   * selects them.
   */
  protected workloadProps(): Required<
    Pick<kplus.WorkloadProps, 'metadata' | 'select' | 'podMetadata' | 'securityContext'>
  > &
    Pick<kplus.WorkloadProps, 'serviceAccount' | 'automountServiceAccountToken' | 'terminationGracePeriod'> {
    const p = this.props;
    return {
      metadata: { name: this.workloadName, labels: { ...this.labels } },
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
   * Hands the pattern's workload (created from `workloadProps()`) over, in the only correct
   * order: selects its pods by `podSelector` (unless `options.select` is false), drops
   * cdk8s-plus's construct-path label from the pod template, applies the pod options
   * (`PatternPodOptions`), then adds the main container running `main` with `options` (ports,
   * probes, default resources) and the extra containers. Returns the main container.
   */
  protected handOver(workload: kplus.Workload, main: PatternProps, options: HandOverOptions = {}): kplus.Container {
    const { select = true, ...container } = options;
    if (select) workload.select(kplus.LabelSelector.of({ labels: { ...this.podSelector } }));
    dropConstructPathLabel(workload);
    applyPodOptions(this, workload, this.props, this, this.podSelector);
    return addMainContainer(
      {
        scope: this,
        name: this.name,
        user: this.user,
        asRoot: this.asRoot,
        extraContainers: this.props.extraContainers,
      },
      workload,
      main,
      container,
    );
  }

  /** The pattern's PodDisruptionBudget: its pods (by `podSelector`) with at most `maxUnavailable` down. */
  protected disruptionBudgetOf(maxUnavailable: PodCount): PodDisruptionBudget {
    return new PodDisruptionBudget(this, 'DisruptionBudget', {
      metadata: this.objectMetadata(),
      selector: kplus.Pods.select(this, 'Pods', { labels: { ...this.podSelector } }),
      maxUnavailable,
    });
  }
}
