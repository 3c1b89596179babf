import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, ReplicaSet } from '../../lib';
import { synth } from '../support/manifests';

describe('ReplicaSet', () => {
  test('renders replicas, selector and template like a Deployment', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    const rs = new ReplicaSet(chart, 'frontend', {
      replicas: 3,
      select: false,
      podMetadata: { labels: { tier: 'frontend' } },
    });
    rs.select(kplus.LabelSelector.of({ labels: { tier: 'frontend' } }));
    rs.addContainer({ name: 'web', image: 'nginx:1.25.3', portNumber: 8080 });
    const [m] = synth(chart) as any[];
    expect(m).toMatchObject({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'frontend' } });
    expect(m.spec.replicas).toBe(3);
    expect(m.spec).not.toHaveProperty('minReadySeconds'); // 0, the server's default: a KubecraftChart leaves it out
    expect(m.spec.selector).toEqual({ matchLabels: { tier: 'frontend' } });
    expect(m.spec.template.metadata.labels.tier).toBe('frontend');
    expect(m.spec.template.spec.containers[0].name).toBe('web');
  });

  test('defaults to 1 replica and selects its own pods', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    new ReplicaSet(chart, 'rs', { containers: [{ image: 'nginx:1.25.3' }] });
    const [m] = synth(chart) as any[];
    expect(m.spec.replicas).toBe(1);
    expect(m.spec.template.metadata.labels).toEqual(expect.objectContaining(m.spec.selector.matchLabels));
  });

  test('an autoscaler owns the replica count', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    const rs = new ReplicaSet(chart, 'rs', { containers: [{ image: 'nginx:1.25.3' }] });
    new kplus.HorizontalPodAutoscaler(chart, 'hpa', { target: rs, maxReplicas: 4 });
    const manifests = synth(chart) as any[];
    expect(manifests.find((m) => m.kind === 'ReplicaSet').spec.replicas).toBeUndefined();
    expect(manifests.find((m) => m.kind === 'HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'rs',
    });
  });

  test.each([-1, 1.5])('rejects replicas %p', (replicas) => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    expect(() => new ReplicaSet(chart, 'rs', { replicas })).toThrow(
      /test\/rs \(replicas\): must be a non-negative integer/,
    );
  });

  test('rejects a probe on an init container (cdk8s-plus rule, kept)', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    const rs = new ReplicaSet(chart, 'rs');
    expect(() => rs.addInitContainer({ image: 'busybox:1.28', readiness: kplus.Probe.fromCommand(['true']) })).toThrow(
      /Init containers must not have a readiness probe/,
    );
  });
});
