import { Testing } from 'cdk8s';
import {
  KubecraftChart,
  LimitRange,
  LimitRangeItem,
  LimitType,
  QuotaScope,
  ResourceQuota,
  ResourceQuotaProps,
} from '../../lib';
import { synth } from '../support/manifests';

describe('LimitRange', () => {
  test('renders container defaults and bounds', () => {
    const chart = new KubecraftChart(Testing.app(), 'test', { namespace: 'team' });
    new LimitRange(chart, 'limits', {
      limits: [
        {
          type: LimitType.CONTAINER,
          default: { cpu: '500m' },
          defaultRequest: { cpu: '100m' },
          max: { cpu: '2' },
          min: { cpu: '10m' },
        },
        { type: LimitType.PERSISTENT_VOLUME_CLAIM, max: { storage: '10Gi' } },
      ],
    });
    const [m] = synth(chart) as any[];
    expect(m).toMatchObject({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'team' } });
    expect(m.spec.limits).toEqual([
      {
        type: 'Container',
        default: { cpu: '500m' },
        defaultRequest: { cpu: '100m' },
        max: { cpu: '2' },
        min: { cpu: '10m' },
      },
      { type: 'PersistentVolumeClaim', max: { storage: '10Gi' } },
    ]);
  });

  test.each<[string, LimitRangeItem[], RegExp]>([
    ['no items', [], /test\/l \(limits\): must not be empty/],
    [
      'bad quantity',
      [{ type: LimitType.CONTAINER, max: { memory: '1GB' } }],
      /\(limits\[0\]\.max\.memory\): '1GB' must be a quantity/,
    ],
    [
      'min over max',
      [{ type: LimitType.CONTAINER, min: { cpu: '2' }, max: { cpu: '1' } }],
      /min\.cpu \(2\) must not be greater than max\.cpu \(1\)/,
    ],
    [
      'default over max',
      [{ type: LimitType.CONTAINER, default: { memory: '1Gi' }, max: { memory: '512Mi' } }],
      /default\.memory \(1Gi\) must not be greater than max\.memory/,
    ],
    [
      'defaultRequest over default',
      [{ type: LimitType.CONTAINER, defaultRequest: { cpu: '1' }, default: { cpu: '500m' } }],
      /defaultRequest\.cpu \(1\) must not be greater than default\.cpu/,
    ],
    ['defaults on Pod type', [{ type: LimitType.POD, default: { cpu: '1' } }], /only allowed for type Container/],
    ['negative', [{ type: LimitType.CONTAINER, min: { cpu: '-1' } }], /must not be negative/],
  ])('rejects %s', (_name, limits, error) => {
    expect(() => new LimitRange(new KubecraftChart(Testing.app(), 'test'), 'l', { limits })).toThrow(error);
  });
});

describe('ResourceQuota', () => {
  test('renders hard limits and scopes', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    new ResourceQuota(chart, 'quota', {
      hard: { 'requests.cpu': '4', pods: '10' },
      scopes: [QuotaScope.NOT_BEST_EFFORT],
    });
    const [m] = synth(chart) as any[];
    expect(m).toMatchObject({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota' } });
    expect(m.spec).toEqual({ hard: { 'requests.cpu': '4', pods: '10' }, scopes: ['NotBestEffort'] });
  });

  test.each<[string, ResourceQuotaProps, RegExp]>([
    ['empty', { hard: {} }, /test\/q \(hard\): must not be empty/],
    ['bad quantity', { hard: { 'limits.memory': '8 Gi' } }, /\(hard\.limits\.memory\): '8 Gi' must be a quantity/],
    ['bad resource name', { hard: { 'requests cpu': '1' } }, /resource name 'requests cpu'/],
  ])('rejects %s', (_name, props, error) => {
    expect(() => new ResourceQuota(new KubecraftChart(Testing.app(), 'test'), 'q', props)).toThrow(error);
  });
});
