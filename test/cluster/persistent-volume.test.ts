import { App, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, synthValidated } from '../../lib';
import { PersistentVolume, PersistentVolumeSource, ReclaimPolicy, StorageClass } from '../../lib/cluster';
import { find, podSpec } from '../support/manifests';
import { chartOf, webDeployment } from './support';

describe('PersistentVolume', () => {
  test('a local disk on one node, in a StorageClass, reserved by a claim a pod mounts (snapshot)', () => {
    const chart = chartOf('cassandra');
    const localSsd = new StorageClass(chart, 'local-ssd', {
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: undefined,
    });
    const pv = new PersistentVolume(chart, 'cassandra-0', {
      source: PersistentVolumeSource.local({ path: '/mnt/disks/ssd1', node: 'worker-1', fsType: 'xfs' }),
      storage: Size.gibibytes(100),
      storageClass: localSsd,
      mountOptions: ['noatime'],
    });
    const claim = pv.reserve();
    const web = webDeployment(chart);
    web.addVolume(kplus.Volume.fromPersistentVolumeClaim(chart, 'data', claim, { name: 'data' }));
    const manifests = synthValidated(chart);
    expect(manifests).toMatchSnapshot();

    const volume = find(manifests, 'PersistentVolume', 'cassandra-0');
    expect(volume.metadata).toEqual({ name: 'cassandra-0' }); // cluster-scoped: no namespace
    // (volumeMode Filesystem, the server's default, is the chart's to write or leave out)
    expect(volume.spec.volumeMode ?? 'Filesystem').toBe('Filesystem');
    expect(volume.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '100Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'pvc-cassandra-0', namespace: 'cassandra' },
      local: { path: '/mnt/disks/ssd1', fsType: 'xfs' },
      mountOptions: ['noatime'],
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1'] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'local-ssd',
    });
    // the reserved claim asks for what the volume offers, so the two bind both ways
    expect(find(manifests, 'PersistentVolumeClaim', 'pvc-cassandra-0')).toMatchObject({
      metadata: { namespace: 'cassandra' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '100Gi' } },
        storageClassName: 'local-ssd',
        volumeName: 'cassandra-0',
      },
    });
    expect(podSpec(find(manifests, 'Deployment', 'web')).volumes).toMatchObject([
      { name: 'data', persistentVolumeClaim: { claimName: 'pvc-cassandra-0' } },
    ]);
    expect([pv.source.type, pv.storageClass?.name, pv.reclaimPolicy]).toEqual(['local', 'local-ssd', 'Retain']);
  });

  test('NFS, read-write-many, bound to a claim of another chart: claimRef carries its namespace', () => {
    const storage = chartOf(); // cluster-wide objects, no namespace
    const media = new KubecraftChart(App.of(storage) as App, 'media', { namespace: 'media' });
    new kplus.Namespace(media, 'ns', { metadata: { name: 'media' } });
    const claim = new kplus.PersistentVolumeClaim(media, 'shared', {
      storage: Size.gibibytes(2),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY],
      storageClassName: '',
    });
    const pv = new PersistentVolume(storage, 'exports', {
      source: PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: '/exports/media', readOnly: true }),
      storage: Size.gibibytes(2),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY],
      reclaimPolicy: ReclaimPolicy.DELETE,
      claim,
    });
    claim.bind(pv);
    expect(find(synthValidated(storage), 'PersistentVolume', 'exports').spec).toMatchObject({
      accessModes: ['ReadWriteMany'],
      capacity: { storage: '2Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'shared', namespace: 'media' },
      nfs: { server: 'nfs.example.com', path: '/exports/media', readOnly: true },
      persistentVolumeReclaimPolicy: 'Delete',
    });
    expect(find(synthValidated(media), 'PersistentVolumeClaim', 'shared').spec).toMatchObject({
      storageClassName: '',
      volumeName: 'exports',
    });
  });

  test('an existing CSI volume, with Secrets, zone affinity in both syntaxes, and an existing class', () => {
    const chart = chartOf();
    const gp3 = StorageClass.fromStorageClassName(chart, 'gp3', 'gp3');
    new PersistentVolume(chart, 'restored', {
      source: PersistentVolumeSource.csi({
        driver: 'ebs.csi.aws.com',
        volumeHandle: 'vol-0123456789abcdef0',
        fsType: 'ext4',
        volumeAttributes: { partition: '1' },
        nodeStageSecretRef: { name: 'ebs-keys', namespace: 'kube-system' },
      }),
      storage: Size.tebibytes(1),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
      volumeMode: kplus.PersistentVolumeMode.BLOCK,
      storageClass: gp3,
      nodeAffinity: [
        'topology.kubernetes.io/zone in (eu-west-1a), !node-role.kubernetes.io/control-plane',
        { matchLabels: { 'topology.kubernetes.io/zone': 'eu-west-1b' } },
      ],
    });
    const pv = find(synthValidated(chart), 'PersistentVolume', 'restored');
    expect(pv.spec).toEqual({
      accessModes: ['ReadWriteOncePod'],
      capacity: { storage: '1Ti' },
      csi: {
        driver: 'ebs.csi.aws.com',
        volumeHandle: 'vol-0123456789abcdef0',
        fsType: 'ext4',
        volumeAttributes: { partition: '1' },
        nodeStageSecretRef: { name: 'ebs-keys', namespace: 'kube-system' },
      },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] },
                { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' },
              ],
            },
            { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1b'] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'gp3',
      volumeMode: 'Block',
    });
  });

  test('reserve() asks for sizes that are not whole GiB too (cdk8s-plus-27 claims take whole GiB only)', () => {
    const chart = chartOf('shop');
    const pv = new PersistentVolume(chart, 'small', {
      source: PersistentVolumeSource.nfs({ server: '10.0.0.5', path: '/srv/small' }),
      storage: Size.mebibytes(1536),
    });
    const claim = pv.reserve();
    expect(claim.storageClassName).toBe('');
    const manifests = synthValidated(chart);
    expect(find(manifests, 'PersistentVolume', 'small').spec.capacity).toEqual({ storage: '1536Mi' });
    expect(find(manifests, 'PersistentVolumeClaim', 'pvc-small').spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1536Mi' } },
      storageClassName: '',
      volumeName: 'small',
    });
  });

  test('a host path, with its type', () => {
    const chart = chartOf();
    new PersistentVolume(chart, 'scratch', {
      source: PersistentVolumeSource.hostPath('/data/scratch', { type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }),
      storage: Size.gibibytes(5),
    });
    const pv = find(synthValidated(chart), 'PersistentVolume', 'scratch');
    expect(pv.spec.hostPath).toEqual({ path: '/data/scratch', type: 'DirectoryOrCreate' });
    expect(pv.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(pv.spec.storageClassName).toBeUndefined();
  });

  test('a claim given as cdk8s-plus `volume` binds it too (the volume is a cdk8s-plus PersistentVolume)', () => {
    const chart = chartOf('shop');
    const pv = new PersistentVolume(chart, 'pv', {
      source: PersistentVolumeSource.nfs({ server: '10.0.0.5', path: '/srv' }),
      storage: Size.gibibytes(1),
    });
    expect(pv).toBeInstanceOf(kplus.PersistentVolume);
    new kplus.PersistentVolumeClaim(chart, 'claim', {
      volume: pv,
      storage: Size.gibibytes(1),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storageClassName: '',
    });
    pv.bind(kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim-ref', 'claim'));
    const manifests = synthValidated(chart);
    expect(find(manifests, 'PersistentVolumeClaim', 'claim').spec.volumeName).toBe('pv');
    expect(find(manifests, 'PersistentVolume', 'pv').spec.claimRef).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: 'claim',
      namespace: 'shop',
    });
  });
});
