import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubecraftChart, Policy, Probes } from '../lib';

/**
 * Scenario 5 (seed 003): the `fluentd-elasticsearch` log agent, a DaemonSet in `kube-system`
 * that tolerates the control-plane taints (so it runs on every node), reads the node's
 * /var/log through a hostPath volume, requests cpu 100m / memory 200Mi, is limited to 200Mi of
 * memory (and, as kubecraft's policy requires a CPU limit, 500m of CPU), with a 30 s
 * termination grace period.
 *
 * Policy exceptions, each explicit with its reason: a log collector must read the node's
 * logs (`policy/host-path`), and those files are owned by root with mode 0640, so the agent
 * runs as root (`policy/run-as-non-root`). It keeps every other restriction: no privilege
 * escalation, all capabilities dropped, read-only root filesystem, RuntimeDefault seccomp.
 */
export class FluentdDaemonSetChart extends KubecraftChart {
  public readonly daemonSet: kplus.DaemonSet;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'kube-system' }); // every cluster has kube-system: no External.namespace needed
    this.daemonSet = new kplus.DaemonSet(this, 'fluentd-elasticsearch', {
      metadata: { labels: { 'k8s-app': 'fluentd-logging' } },
      select: false,
      podMetadata: { labels: { name: 'fluentd-elasticsearch' } },
      terminationGracePeriod: Duration.seconds(30),
      securityContext: { ensureNonRoot: false, user: 0, group: 0 },
    });
    this.daemonSet.select(kplus.LabelSelector.of({ labels: { name: 'fluentd-elasticsearch' } }));
    for (const key of ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']) {
      this.daemonSet.scheduling.tolerate(
        kplus.Node.tainted(kplus.NodeTaintQuery.exists(key, { effect: kplus.TaintEffect.NO_SCHEDULE })),
      );
    }
    const fluentd = this.daemonSet.addContainer({
      name: 'fluentd-elasticsearch',
      image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      securityContext: { ensureNonRoot: false, user: 0, group: 0 },
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(200), limit: Size.mebibytes(200) },
      },
      liveness: Probes.exec(['sh', '-c', 'pgrep -f fluentd > /dev/null'], {
        periodSeconds: Duration.seconds(30),
        initialDelaySeconds: Duration.seconds(30),
      }),
      readiness: Probes.exec(['sh', '-c', 'pgrep -f fluentd > /dev/null'], { periodSeconds: Duration.seconds(30) }),
    });
    const varlog = kplus.Volume.fromHostPath(this, 'varlog', 'varlog', { path: '/var/log' });
    fluentd.mount('/var/log', varlog);
    fluentd.mount('/tmp', kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp'));

    Policy.relax(
      this.daemonSet,
      'policy/host-path',
      "a node log collector reads every container's logs from the node's /var/log",
    );
    Policy.relax(
      this.daemonSet,
      'policy/run-as-non-root',
      'node log files are root-owned with mode 0640; the agent must read them as root',
    );
  }
}
