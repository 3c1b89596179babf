import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ConstructError } from '../core/errors';
import { checkKnownProps } from '../core/known-props';
import { EGRESS_CIDR_PROPS, IsolationOptions, ISOLATION_PROPS, PodGroup } from './network-options';
import { MANAGED_BY } from './recommended-labels';

const ID = 'kubecraft-network';

/** Labels on every NetworkPolicy the patterns write. */
const POLICY_LABELS = { 'app.kubernetes.io/managed-by': MANAGED_BY, 'app.kubernetes.io/component': 'network-policy' };

/**
 * The network model of the patterns, per chart (one namespace).
 *
 * **Nothing is isolated unless you say so.** `connectTo`, exposures and a `StatefulService`'s
 * `peerPorts` only *record* which traffic the app needs; without isolation, Kubernetes' default
 * (everything may talk to everything) holds and no NetworkPolicy is written.
 *
 * `AppNetwork.isolate(chart, options)` makes isolation an explicit choice for the chart's
 * namespace: every pattern pod (`app.kubernetes.io/managed-by: kubecraft`; other pods are not
 * affected) is denied all ingress and egress (`kubecraft-default-deny`) except DNS
 * (`kubecraft-allow-dns`) and exactly what was recorded, before or after the call:
 * - `a.connectTo(b)`: `allow-<a>-to-<b>` (ingress on b) and `allow-<a>-egress-to-<b>` (egress from a), on b's port;
 * - an external exposure: `allow-outside-to-<b>`, from the ingress controller's namespace for an
 *   Ingress (`ingressControllerNamespace`), from anywhere for a LoadBalancer or NodePort;
 * - a StatefulService's `peerPorts`: `allow-<b>-peers`, its replicas to each other (gossip, replication);
 * - `egress`: `kubecraft-allow-egress` to outside CIDRs (or the internet).
 *
 * Each side of a connection across namespaces is written by its own namespace's network, so
 * isolating one namespace never cuts traffic inside another.
 */
export class AppNetwork extends Construct {
  /** The network of the chart `scope` belongs to, created on first use (not isolated). */
  public static of(scope: IConstruct): AppNetwork {
    const chart = Chart.of(scope);
    return (chart.node.tryFindChild(ID) as AppNetwork | undefined) ?? new AppNetwork(chart, ID);
  }

  /**
   * Isolates the pattern pods of the chart `scope` belongs to: default deny, DNS, and the
   * traffic the app declares (see the class). Call it once per chart.
   */
  public static isolate(scope: IConstruct, options: IsolationOptions = {}): AppNetwork {
    const network = AppNetwork.of(scope);
    network.enableIsolation(options);
    return network;
  }

  /** The default-deny policy, once isolated. */
  public defaultDeny?: kplus.NetworkPolicy;
  /** The policy allowing DNS lookups, once isolated. */
  public allowDns?: kplus.NetworkPolicy;
  private options?: IsolationOptions;
  private readonly rules = new Set<string>();
  private readonly pending: (() => void)[] = [];

  private constructor(scope: Chart, id: string) {
    super(scope, id);
  }

  /** Whether the namespace is isolated (`AppNetwork.isolate`). */
  public get isolated(): boolean {
    return this.options !== undefined;
  }

  /** Lets pods of `from` reach pods of `to` (in this network's namespace) on TCP `port`. Idempotent. */
  public allowIngress(from: PodGroup, to: PodGroup, port: number): void {
    if (!this.once(`in:${from.namespace}/${from.name}->${to.name}:${port}`)) return;
    this.whenIsolated(() => {
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
    });
  }

  /** Lets pods of `from` (in this network's namespace) send to pods of `to` on TCP `port`. Idempotent. */
  public allowEgress(from: PodGroup, to: PodGroup, port: number): void {
    if (!this.once(`out:${from.name}->${to.namespace}/${to.name}:${port}`)) return;
    this.whenIsolated(() => {
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
    });
  }

  /**
   * Lets the pods of `group` reach each other on `ports` (a ring's gossip, a primary's
   * replication), in and out. Idempotent.
   */
  public allowPeers(group: PodGroup, ports: readonly number[]): void {
    if (ports.length === 0 || !this.once(`peers:${group.name}`)) return;
    this.whenIsolated(() => {
      const id = `${group.name}-peers`;
      const tcp = ports.map((p) => kplus.NetworkPolicyPort.tcp(p));
      new kplus.NetworkPolicy(this, id, {
        metadata: { name: `allow-${group.name}-peers`, labels: { ...POLICY_LABELS } },
        selector: this.pods(`${id}-self`, group, group.namespace),
        ingress: { rules: [{ peer: this.pods(`${id}-in`, group, group.namespace), ports: tcp }] },
        egress: { rules: [{ peer: this.pods(`${id}-out`, group, group.namespace), ports: tcp }] },
      });
    });
  }

  /**
   * Allows traffic from outside the cluster to pods labelled `to` on TCP `port`: from the
   * ingress controller's namespace when `viaIngress` and the isolation names it, else from
   * anywhere. Idempotent.
   */
  public allowFromOutside(to: PodGroup, port: number, options: { readonly viaIngress?: boolean } = {}): void {
    if (!this.once(`outside->${to.name}:${port}`)) return;
    this.whenIsolated(() => {
      const controller = options.viaIngress ? this.options?.ingressControllerNamespace : undefined;
      const first = `outside-to-${to.name}`;
      const unique = this.node.tryFindChild(first) ? `${first}-${port}` : first;
      new kplus.NetworkPolicy(this, unique, {
        metadata: { name: `allow-${unique}`, labels: { ...POLICY_LABELS } },
        selector: kplus.Pods.select(this, `${unique}-dst`, { labels: { ...to.labels } }),
        ingress: {
          rules: [
            {
              peer: controller
                ? kplus.Namespaces.select(this, `${unique}-controller`, { names: [controller] })
                : kplus.NetworkPolicyIpBlock.anyIpv4(this, `${unique}-any`),
              ports: [kplus.NetworkPolicyPort.tcp(port)],
            },
          ],
        },
      });
    });
  }

  private enableIsolation(options: IsolationOptions): void {
    if (this.options !== undefined)
      throw new ConstructError(this, 'the namespace is already isolated', {
        hint: 'call AppNetwork.isolate once per chart, with all its options',
      });
    checkKnownProps(this, options, ISOLATION_PROPS);
    (options.egress ?? []).forEach((e, i) => checkKnownProps(this, e, EGRESS_CIDR_PROPS, `egress[${i}]`));
    (options.egress ?? []).forEach((e, i) => {
      if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(e.cidr))
        throw new ConstructError(this, `'${e.cidr}' is not an IPv4 CIDR`, { prop: `egress[${i}].cidr` });
    });
    this.options = options;
    const managedPods = kplus.Pods.select(this, 'managed-pods', {
      labels: { 'app.kubernetes.io/managed-by': MANAGED_BY },
    });
    this.defaultDeny = new kplus.NetworkPolicy(this, 'default-deny', {
      metadata: { name: 'kubecraft-default-deny', labels: { ...POLICY_LABELS } },
      selector: managedPods,
      ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    });
    const kubeDns = kplus.Pods.select(this, 'kube-dns', {
      labels: { 'k8s-app': 'kube-dns' },
      namespaces: kplus.Namespaces.select(this, 'kube-system', { names: ['kube-system'] }),
    });
    this.allowDns = new kplus.NetworkPolicy(this, 'allow-dns', {
      metadata: { name: 'kubecraft-allow-dns', labels: { ...POLICY_LABELS } },
      selector: managedPods,
      egress: { rules: [{ peer: kubeDns, ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)] }] },
    });
    const egress = options.egress ?? [];
    if (egress.length > 0) {
      new kplus.NetworkPolicy(this, 'allow-egress', {
        metadata: { name: 'kubecraft-allow-egress', labels: { ...POLICY_LABELS } },
        selector: managedPods,
        egress: {
          rules: egress.map((e, i) => ({
            peer: kplus.NetworkPolicyIpBlock.ipv4(this, `egress-${i}`, e.cidr, e.except ? [...e.except] : undefined),
            ports: e.ports?.map((p) => kplus.NetworkPolicyPort.tcp(p)),
          })),
        },
      });
    }
    for (const render of this.pending.splice(0)) render();
  }

  private whenIsolated(render: () => void): void {
    if (this.isolated) render();
    else this.pending.push(render);
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
}
