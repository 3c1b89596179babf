import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { MANAGED_BY } from './recommended-labels';

const ID = 'kubecraft-network';

/** Labels on every NetworkPolicy the patterns write. */
const POLICY_LABELS = { 'app.kubernetes.io/managed-by': MANAGED_BY, 'app.kubernetes.io/component': 'network-policy' };

/** A group of pods: a pattern's name, pod labels and namespace. */
export interface PodGroup {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace?: string;
}

/**
 * The NetworkPolicies of the patterns in one chart (one namespace): every pattern pod is
 * isolated (default deny, ingress and egress), may resolve DNS, and receives exactly the
 * traffic that `connectTo` and external exposures allow. Pods not created by patterns are not
 * affected (the policies select `app.kubernetes.io/managed-by: kubecraft`).
 *
 * Created on first use by `AppNetwork.of(scope)`; users rarely touch it directly.
 */
export class AppNetwork extends Construct {
  /** The network of the chart `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): AppNetwork {
    const chart = Chart.of(scope);
    return (chart.node.tryFindChild(ID) as AppNetwork | undefined) ?? new AppNetwork(chart, ID);
  }

  /** The default-deny policy. */
  public readonly defaultDeny: kplus.NetworkPolicy;
  /** The policy allowing DNS lookups. */
  public readonly allowDns: kplus.NetworkPolicy;
  private readonly managedPods: kplus.Pods;
  private readonly rules = new Set<string>();

  private constructor(scope: Chart, id: string) {
    super(scope, id);
    this.managedPods = kplus.Pods.select(this, 'managed-pods', {
      labels: { 'app.kubernetes.io/managed-by': MANAGED_BY },
    });
    this.defaultDeny = new kplus.NetworkPolicy(this, 'default-deny', {
      metadata: { name: 'kubecraft-default-deny', labels: { ...POLICY_LABELS } },
      selector: this.managedPods,
      ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    });
    const kubeDns = kplus.Pods.select(this, 'kube-dns', {
      labels: { 'k8s-app': 'kube-dns' },
      namespaces: kplus.Namespaces.select(this, 'kube-system', { names: ['kube-system'] }),
    });
    this.allowDns = new kplus.NetworkPolicy(this, 'allow-dns', {
      metadata: { name: 'kubecraft-allow-dns', labels: { ...POLICY_LABELS } },
      selector: this.managedPods,
      egress: { rules: [{ peer: kubeDns, ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)] }] },
    });
  }

  /** Lets pods of `from` reach pods of `to` (in this network's namespace) on TCP `port`. Idempotent. */
  public allowIngress(from: PodGroup, to: PodGroup, port: number): void {
    if (!this.once(`in:${from.namespace}/${from.name}->${to.name}:${port}`)) return;
    new kplus.NetworkPolicy(this, `${from.name}-to-${to.name}`, {
      metadata: { name: `allow-${from.name}-to-${to.name}`, labels: { ...POLICY_LABELS } },
      selector: this.pods(`${from.name}-to-${to.name}-dst`, to, to.namespace),
      ingress: {
        rules: [
          {
            peer: this.pods(`${from.name}-to-${to.name}-src`, from, to.namespace),
            ports: [kplus.NetworkPolicyPort.tcp(port)],
          },
        ],
      },
    });
  }

  /** Lets pods of `from` (in this network's namespace) send to pods of `to` on TCP `port`. Idempotent. */
  public allowEgress(from: PodGroup, to: PodGroup, port: number): void {
    if (!this.once(`out:${from.name}->${to.namespace}/${to.name}:${port}`)) return;
    new kplus.NetworkPolicy(this, `${from.name}-egress-to-${to.name}`, {
      metadata: { name: `allow-${from.name}-egress-to-${to.name}`, labels: { ...POLICY_LABELS } },
      selector: this.pods(`${from.name}-egress-to-${to.name}-src`, from, from.namespace),
      egress: {
        rules: [
          {
            peer: this.pods(`${from.name}-egress-to-${to.name}-dst`, to, from.namespace),
            ports: [kplus.NetworkPolicyPort.tcp(port)],
          },
        ],
      },
    });
  }

  private once(key: string): boolean {
    if (this.rules.has(key)) return false;
    this.rules.add(key);
    return true;
  }

  /** A pod selector for `group`, with a namespace selector when it lives in another namespace than `here`. */
  private pods(id: string, group: PodGroup, here: string | undefined): kplus.Pods {
    const other = group.namespace !== undefined && group.namespace !== here;
    return kplus.Pods.select(this, id, {
      labels: { ...group.labels },
      namespaces: other ? kplus.Namespaces.select(this, `${id}-ns`, { names: [group.namespace!] }) : undefined,
    });
  }

  /** Allows traffic from anywhere (ingress controllers, load balancers, node ports) to pods labelled `to` on TCP `port`. */
  public allowFromOutside(to: PodGroup, port: number): void {
    if (!this.once(`outside->${to.name}:${port}`)) return;
    new kplus.NetworkPolicy(this, `outside-to-${to.name}`, {
      metadata: { name: `allow-outside-to-${to.name}`, labels: { ...POLICY_LABELS } },
      selector: kplus.Pods.select(this, `outside-to-${to.name}-dst`, { labels: { ...to.labels } }),
      ingress: {
        rules: [
          {
            peer: kplus.NetworkPolicyIpBlock.anyIpv4(this, `outside-to-${to.name}-any`),
            ports: [kplus.NetworkPolicyPort.tcp(port)],
          },
        ],
      },
    });
  }
}
