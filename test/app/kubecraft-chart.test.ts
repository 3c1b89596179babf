import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubecraftChart } from '../../lib';
import { synth } from '../support/manifests';

describe('KubecraftChart names', () => {
  test('objects are named after their construct path below the chart, without a hash', () => {
    const chart = new KubecraftChart(Testing.app(), 'shop');
    new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.25.3' }] });
    const group = new Construct(chart, 'Payments');
    new kplus.ConfigMap(group, 'Settings_v2');
    const names = synth(chart).map((m) => `${m.kind}/${m.metadata.name}`);
    expect(names).toEqual(['Deployment/web', 'ConfigMap/payments-settings-v2']);
  });

  test('explicit names are kept; hashNames restores cdk8s hashing', () => {
    const chart = new KubecraftChart(Testing.app(), 'shop', { hashNames: true });
    new kplus.ConfigMap(chart, 'a', { metadata: { name: 'explicit' } });
    new kplus.ConfigMap(chart, 'b');
    const [a, b] = synth(chart);
    expect(a.metadata.name).toBe('explicit');
    expect(b.metadata.name).toMatch(/^shop-b-c8[0-9a-f]{6}$/);
  });

  test('CronJob names are cut to 52 characters', () => {
    const chart = new KubecraftChart(Testing.app(), 'c');
    new kplus.CronJob(chart, 'x'.repeat(70), {
      schedule: { expressionString: '0 * * * *' } as any,
      containers: [{ image: 'busybox:1.36' }],
    });
    expect(synth(chart)[0].metadata.name).toHaveLength(52);
  });
});

describe('KubecraftChart secure defaults', () => {
  test('adds RuntimeDefault seccomp and drops all capabilities where unset', () => {
    const chart = new KubecraftChart(Testing.app(), 'c');
    const d = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.25.3' }] });
    d.addInitContainer({ image: 'busybox:1.36' });
    const spec = (synth(chart)[0] as any).spec.template.spec;
    expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(spec.initContainers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('applies to every pod-bearing kind', () => {
    const chart = new KubecraftChart(Testing.app(), 'c');
    const containers = [{ image: 'busybox:1.36' }];
    new kplus.Pod(chart, 'pod', { containers });
    new kplus.Job(chart, 'job', { containers });
    new kplus.CronJob(chart, 'cron', { schedule: { expressionString: '0 * * * *' } as any, containers });
    new kplus.DaemonSet(chart, 'ds', { containers });
    const seccomp = synth(chart).map((m: any) => {
      const spec =
        m.kind === 'Pod' ? m.spec : m.kind === 'CronJob' ? m.spec.jobTemplate.spec.template.spec : m.spec.template.spec;
      return spec.securityContext.seccompProfile?.type;
    });
    expect(seccomp).toEqual(['RuntimeDefault', 'RuntimeDefault', 'RuntimeDefault', 'RuntimeDefault']);
  });

  test('keeps explicit capabilities and can be turned off', () => {
    const chart = new KubecraftChart(Testing.app(), 'c');
    new kplus.Pod(chart, 'pod', {
      containers: [{ image: 'busybox:1.36', securityContext: { capabilities: { drop: [kplus.Capability.NET_RAW] } } }],
    });
    expect((synth(chart)[0] as any).spec.containers[0].securityContext.capabilities).toEqual({ drop: ['CAP_NET_RAW'] });
    const plain = new KubecraftChart(Testing.app(), 'p', { secureDefaults: false });
    new kplus.Pod(plain, 'pod', { containers: [{ image: 'busybox:1.36' }] });
    const spec = (synth(plain)[0] as any).spec;
    expect(spec.securityContext.seccompProfile).toBeUndefined();
    expect(spec.containers[0].securityContext.capabilities).toBeUndefined();
  });
});

test('the chart namespace is not applied to cluster-scoped objects', () => {
  const chart = new KubecraftChart(Testing.app(), 'c', { namespace: 'team' });
  new kplus.Namespace(chart, 'team');
  new kplus.ClusterRole(chart, 'reader');
  new kplus.ConfigMap(chart, 'cm');
  expect(synth(chart).map((m) => m.metadata.namespace)).toEqual([undefined, undefined, 'team']);
});
