import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DownwardApiFile, DownwardApiVolume, KubecraftChart } from '../../lib';
import { synth } from '../support/manifests';

describe('DownwardApiVolume', () => {
  test('renders a downwardAPI volume with field and resource items, mountable like any volume', () => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    const pod = new kplus.Pod(chart, 'pod');
    const c = pod.addContainer({ name: 'app', image: 'busybox:1.36' });
    c.mount(
      '/etc/podinfo',
      DownwardApiVolume.fromItems(
        chart,
        'podinfo',
        'podinfo',
        [
          { path: 'labels', fieldPath: 'metadata.labels' },
          { path: 'team', fieldPath: "metadata.labels['team']" },
          { path: 'mem', resource: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
        ],
        { defaultMode: 0o444 },
      ),
    );
    const spec = (synth(chart) as any[])[0].spec;
    expect(spec.volumes).toEqual([
      {
        name: 'podinfo',
        downwardAPI: {
          defaultMode: 0o444,
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'team', fieldRef: { fieldPath: "metadata.labels['team']" } },
            { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
          ],
        },
      },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'podinfo', mountPath: '/etc/podinfo' }]);
  });

  test.each<[string, DownwardApiFile[], RegExp]>([
    ['no items', [], /test\/v \(items\): must not be empty/],
    [
      'both sources',
      [{ path: 'x', fieldPath: 'metadata.name', resource: { containerName: 'a', resource: 'limits.cpu' } }],
      /exactly one of fieldPath and resource/,
    ],
    ['absolute path', [{ path: '/x', fieldPath: 'metadata.name' }], /must be relative/],
    ['dot-dot path', [{ path: 'a/../b', fieldPath: 'metadata.name' }], /must not contain '..'/],
    [
      'duplicate path',
      [
        { path: 'x', fieldPath: 'metadata.name' },
        { path: 'x', fieldPath: 'metadata.uid' },
      ],
      /duplicate item path 'x'/,
    ],
    [
      'unsupported field',
      [{ path: 'x', fieldPath: 'status.podIP' }],
      /\(items\[0\]\.fieldPath\): 'status.podIP' is not supported in volumes/,
    ],
  ])('rejects %s', (_name, items, error) => {
    const chart = new KubecraftChart(Testing.app(), 'test');
    expect(() => DownwardApiVolume.fromItems(chart, 'v', 'v', items)).toThrow(error);
  });
});
