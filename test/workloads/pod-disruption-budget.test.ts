import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, PodDisruptionBudget, PodCount, UnhealthyPodEvictionPolicy } from '../../lib';
import { synth } from '../support/manifests';

function setup() {
  const chart = new KubecraftChart(Testing.app(), 'test');
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.25.3' }] });
  return { chart, web };
}

describe('PodDisruptionBudget', () => {
  test('selects the workload pods with minAvailable', () => {
    const { chart, web } = setup();
    new PodDisruptionBudget(chart, 'web-pdb', { selector: web, minAvailable: 1 });
    const manifests = synth(chart) as any[];
    const pdb = manifests.find((m) => m.kind === 'PodDisruptionBudget');
    const deployment = manifests.find((m) => m.kind === 'Deployment');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.metadata.name).toBe('web-pdb');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(pdb.spec.maxUnavailable).toBeUndefined();
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
  });

  test('percentages and eviction policy', () => {
    const { chart, web } = setup();
    new PodDisruptionBudget(chart, 'pdb', {
      selector: web,
      maxUnavailable: '25%',
      unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW,
    });
    const pdb = (synth(chart) as any[]).find((m) => m.kind === 'PodDisruptionBudget');
    expect(pdb.spec).toMatchObject({ maxUnavailable: '25%', unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  test.each<[string, { minAvailable?: PodCount; maxUnavailable?: PodCount }, RegExp]>([
    ['neither', {}, /exactly one of minAvailable and maxUnavailable/],
    ['both', { minAvailable: 1, maxUnavailable: 1 }, /exactly one of minAvailable and maxUnavailable/],
    ['negative', { minAvailable: -1 }, /\(minAvailable\): must be a non-negative integer/],
    ['fraction', { maxUnavailable: 0.5 }, /\(maxUnavailable\): must be a non-negative integer/],
    ['over 100%', { minAvailable: '150%' }, /percentage from '0%' to '100%'/],
  ])('rejects %s', (_name, props, error) => {
    const { chart, web } = setup();
    expect(() => new PodDisruptionBudget(chart, 'pdb', { selector: web, ...props })).toThrow(error);
  });
});
