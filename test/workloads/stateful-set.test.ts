import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, StatefulSet, VolumeClaimTemplate } from '../../lib';
import { synth } from '../support/manifests';

function setup(templates: VolumeClaimTemplate[]) {
  const chart = new KubecraftChart(Testing.app(), 'test');
  const service = new kplus.Service(chart, 'db', { clusterIP: 'None', ports: [{ port: 5432 }] });
  const sts = new StatefulSet(chart, 'db-sts', {
    service,
    volumeClaimTemplates: templates,
    containers: [
      { name: 'pg', image: 'postgres:16.1' },
      { name: 'sidecar', image: 'busybox:1.36' },
    ],
  });
  return { chart, sts };
}

describe('StatefulSet volume claim templates', () => {
  test('renders templates and mounts them in every container by default', () => {
    const { chart } = setup([
      { name: 'data', storage: Size.gibibytes(5), mountPath: '/var/lib/postgresql/data', storageClassName: 'fast' },
    ]);
    const sts = (synth(chart) as any[]).find((m) => m.kind === 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast',
          resources: { requests: { storage: '5Gi' } },
        },
      },
    ]);
    for (const c of sts.spec.template.spec.containers) {
      expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    }
    expect(sts.spec.serviceName).toBe('db');
  });

  test('mounts only in the named containers', () => {
    const { chart } = setup([{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data', containers: ['pg'] }]);
    const sts = (synth(chart) as any[]).find((m) => m.kind === 'StatefulSet');
    const [pg, sidecar] = sts.spec.template.spec.containers;
    expect(pg.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(sidecar.volumeMounts ?? []).toEqual([]);
  });

  test('a template naming an unknown container fails at synth', () => {
    const { chart } = setup([{ name: 'data', storage: Size.gibibytes(1), mountPath: '/data', containers: ['nope'] }]);
    expect(() => synth(chart)).toThrow(
      /\(volumeClaimTemplates\[0\]\.containers\): names container 'nope', which does not exist/,
    );
  });

  test.each<[string, VolumeClaimTemplate[], RegExp]>([
    [
      'invalid name',
      [{ name: 'Data', storage: Size.gibibytes(1), mountPath: '/d' }],
      /test\/db-sts \(volumeClaimTemplates\[0\]\.name\): "Data" is invalid/,
    ],
    [
      'duplicate',
      [
        { name: 'd', storage: Size.gibibytes(1), mountPath: '/a' },
        { name: 'd', storage: Size.gibibytes(1), mountPath: '/b' },
      ],
      /duplicate volume claim template 'd'/,
    ],
    [
      'relative mount path',
      [{ name: 'd', storage: Size.gibibytes(1), mountPath: 'data' }],
      /\(volumeClaimTemplates\[0\]\.mountPath\): must be absolute/,
    ],
  ])('rejects %s', (_name, templates, error) => {
    expect(() => setup(templates)).toThrow(error);
  });
});
