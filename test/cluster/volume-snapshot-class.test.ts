import { ApiObject, JsonPatch } from 'cdk8s';
import { synthValidated, validateChart } from '../../lib';
import { SnapshotDeletionPolicy, VolumeSnapshotClass } from '../../lib/cluster';
import { find } from '../support/manifests';
import { chartOf, VOLUME_SNAPSHOT_CLASS_CRD } from './support';

// snapshot.storage.k8s.io is a CRD group (the CSI external-snapshotter), not built into Kubernetes:
// kubecraft validates a custom resource against its CRD, so the app contains the CRD, registers
// it, or says who installed it (`crdInstalledBy`, a relaxation of schema/unknown-kind with that
// reason). Without any of them the synth fails, as `kubectl apply` would on a cluster without it.

describe('VolumeSnapshotClass', () => {
  test('with the CRD installed by other means: a relaxed finding with the reason (snapshot)', () => {
    const chart = chartOf('backups'); // a namespaced chart: the class is cluster-scoped all the same
    const snapshots = new VolumeSnapshotClass(chart, 'ebs-snapshots', {
      driver: 'ebs.csi.aws.com',
      deletionPolicy: SnapshotDeletionPolicy.RETAIN,
      parameters: { tagSpecification_1: 'team=storage' },
      isDefault: true,
      crdInstalledBy: 'the EKS snapshot-controller add-on',
    });
    const manifests = synthValidated(chart);
    expect(manifests).toMatchSnapshot();
    expect(find(manifests, 'VolumeSnapshotClass', 'ebs-snapshots')).toEqual({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: {
        name: 'ebs-snapshots',
        annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' },
      },
      driver: 'ebs.csi.aws.com',
      deletionPolicy: 'Retain',
      parameters: { tagSpecification_1: 'team=storage' },
    });
    const report = validateChart(chart);
    expect(report.errors).toEqual([]);
    expect(report.relaxed.map((f) => [f.rule, f.object, f.relaxedBy?.reason])).toEqual([
      [
        'schema/unknown-kind',
        'VolumeSnapshotClass ebs-snapshots',
        'the snapshot.storage.k8s.io CRDs are in the cluster: the EKS snapshot-controller add-on',
      ],
    ]);
    expect([snapshots.driver, snapshots.deletionPolicy, snapshots.isDefault, snapshots.apiGroup]).toEqual([
      'ebs.csi.aws.com',
      'Retain',
      true,
      'snapshot.storage.k8s.io',
    ]);
  });

  test('with the CRD in the app: validated against its schema, nothing relaxed', () => {
    const chart = chartOf();
    new ApiObject(chart, 'crd', VOLUME_SNAPSHOT_CLASS_CRD);
    const snapshots = new VolumeSnapshotClass(chart, 'hostpath', {
      driver: 'hostpath.csi.k8s.io',
      deletionPolicy: SnapshotDeletionPolicy.DELETE,
    });
    expect(find(synthValidated(chart), 'VolumeSnapshotClass', 'hostpath')).toEqual({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: { name: 'hostpath' },
      driver: 'hostpath.csi.k8s.io',
      deletionPolicy: 'Delete',
    });
    expect(validateChart(chart).relaxed).toEqual([]);

    // the schema is the CRD's: an escape-hatch patch outside it is caught at synth
    ApiObject.of(snapshots).addJsonPatch(JsonPatch.replace('/deletionPolicy', 'Keep'));
    expect(validateChart(chart).errors.map((f) => [f.rule, f.field, f.message])).toEqual([
      ['schema/invalid', 'deletionPolicy', 'must be one of "Delete", "Retain"'],
    ]);
  });

  test('with neither, the synth fails with schema/unknown-kind naming the object', () => {
    const chart = chartOf();
    new VolumeSnapshotClass(chart, 'csi', {
      driver: 'pd.csi.storage.gke.io',
      deletionPolicy: SnapshotDeletionPolicy.DELETE,
    });
    const errors = validateChart(chart).errors;
    expect(errors.map((f) => [f.rule, f.object, f.path])).toEqual([
      ['schema/unknown-kind', 'VolumeSnapshotClass csi', 'test/csi/Resource'],
    ]);
    expect(errors[0].hint).toContain('relax schema/unknown-kind');
  });

  test('one default class per driver in a chart', () => {
    const chart = chartOf();
    const reason = 'installed with the cluster by the platform team';
    new VolumeSnapshotClass(chart, 'a', {
      driver: 'ebs.csi.aws.com',
      deletionPolicy: SnapshotDeletionPolicy.DELETE,
      isDefault: true,
      crdInstalledBy: reason,
    });
    new VolumeSnapshotClass(chart, 'b', {
      driver: 'efs.csi.aws.com',
      deletionPolicy: SnapshotDeletionPolicy.DELETE,
      isDefault: true,
      crdInstalledBy: reason,
    });
    expect(
      () =>
        new VolumeSnapshotClass(chart, 'c', {
          driver: 'ebs.csi.aws.com',
          deletionPolicy: SnapshotDeletionPolicy.RETAIN,
          isDefault: true,
          crdInstalledBy: reason,
        }),
    ).toThrow(
      'test/c (isDefault): test/a is already the default VolumeSnapshotClass for ebs.csi.aws.com of this chart; a cluster has one',
    );
  });
});
