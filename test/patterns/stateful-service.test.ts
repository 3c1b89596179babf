import { Size } from 'cdk8s';
import { StatefulService, StatefulServiceProps } from '../../lib';
import { chartIn, get, valid } from './support';

describe('StatefulService', () => {
  const base: StatefulServiceProps = {
    image: 'redis:7.2.3',
    port: 6379,
    portName: 'redis',
    storage: Size.gibibytes(2),
    dataPath: '/data',
    user: 999,
  };
  test('StatefulSet, headless Service, claim template, budget; validates', () => {
    const chart = chartIn();
    const r = new StatefulService(chart, 'cache', { ...base, replicas: 3, storageClassName: 'fast' });
    const m = valid(chart);
    const sts = get(m, 'StatefulSet', 'cache');
    expect(sts.spec).toMatchObject({ replicas: 3, serviceName: 'cache' });
    expect(sts.spec.volumeClaimTemplates[0]).toEqual({
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast',
        resources: { requests: { storage: '2Gi' } },
      },
    });
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(sts.spec.template.spec.securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999 });
    expect(get(m, 'Service', 'cache').spec).toMatchObject({
      clusterIP: 'None',
      selector: r.podSelector,
      ports: [{ name: 'redis', port: 6379, targetPort: 6379 }],
    });
    expect(get(m, 'PodDisruptionBudget', 'cache').spec.selector.matchLabels).toEqual(r.podSelector);
    expect(r.dnsName).toBe('cache.shop.svc.cluster.local');
  });
  test.each<[string, Partial<StatefulServiceProps>, RegExp]>([
    ['zero replicas', { replicas: 0 }, /shop\/cache \(replicas\): must be at least 1/],
    ['relative data path', { dataPath: 'data' }, /\(dataPath\): must be absolute/],
    ['port 0', { port: 0 }, /\(port\): 0 is invalid/],
  ])('rejects %s', (_n, props, error) => {
    expect(() => new StatefulService(chartIn(), 'cache', { ...base, ...props })).toThrow(error);
  });
});
