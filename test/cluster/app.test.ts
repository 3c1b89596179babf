import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Exposure, KubecraftApp, KubecraftChart, KubernetesVersion, StatefulService, WebService } from '../../lib';
import {
  IngressClass,
  PersistentVolume,
  PersistentVolumeSource,
  PriorityClass,
  ReclaimPolicy,
  RuntimeClass,
  SnapshotDeletionPolicy,
  StorageClass,
  VolumeBindingMode,
  VolumeSnapshotClass,
} from '../../lib/cluster';

/**
 * The Cassandra case: a platform chart with every cluster class and the local volumes of the
 * ring, and an application chart that uses them by name (the patterns take names today).
 */
function cassandraApp(outdir: string, kubernetesVersion?: KubernetesVersion): KubecraftApp {
  const app = new KubecraftApp({ outdir, printReport: false, kubernetesVersion });

  const platform = new KubecraftChart(app, 'platform');
  const localSsd = new StorageClass(platform, 'local-ssd', {
    provisioner: 'kubernetes.io/no-provisioner',
    volumeBindingMode: VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER,
    reclaimPolicy: ReclaimPolicy.RETAIN,
  });
  new StorageClass(platform, 'gp3', {
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true' },
    volumeBindingMode: VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER,
    allowVolumeExpansion: true,
    isDefault: true,
  });
  ['worker-1', 'worker-2', 'worker-3'].forEach((node, i) => {
    new PersistentVolume(platform, `cassandra-local-${i}`, {
      source: PersistentVolumeSource.local({ path: '/mnt/disks/ssd0', node }),
      storage: Size.gibibytes(100),
      storageClass: localSsd,
    });
  });
  new VolumeSnapshotClass(platform, 'ebs-snapshots', {
    driver: 'ebs.csi.aws.com',
    deletionPolicy: SnapshotDeletionPolicy.RETAIN,
    isDefault: true,
    crdInstalledBy: 'the EKS snapshot-controller add-on',
  });
  const dataCritical = new PriorityClass(platform, 'data-critical', {
    value: 1000000,
    description: 'stateful stores: scheduled before stateless services',
  });
  const nginx = new IngressClass(platform, 'nginx', { controller: 'k8s.io/ingress-nginx', isDefault: true });
  const gvisor = new RuntimeClass(platform, 'gvisor', { handler: 'runsc', overhead: { cpu: '100m', memory: '64Mi' } });

  const data = new KubecraftChart(app, 'data', { namespace: 'data' });
  new kplus.Namespace(data, 'ns', { metadata: { name: 'data' } });
  new StatefulService(data, 'cassandra', {
    image: 'cassandra:4.1.3',
    port: 9042,
    portName: 'cql',
    replicas: 3,
    user: 999,
    storage: Size.gibibytes(100),
    dataPath: '/var/lib/cassandra',
    storageClassName: localSsd.name,
    priorityClassName: dataCritical.name,
  });
  new WebService(data, 'console', {
    image: 'ghcr.io/acme/cassandra-console:2.3.0',
    exposure: Exposure.ingress({ host: 'cassandra.example.com', className: nginx.name }),
  });
  const repair = new kplus.Job(data, 'repair', {
    containers: [
      {
        image: 'cassandra:4.1.3',
        command: ['nodetool', '-h', 'cassandra', 'repair'],
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
      },
    ],
  });
  gvisor.assignTo(repair);
  dataCritical.assignTo(repair);
  return app;
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cluster-'));
}

describe('an app with every cluster class, through KubecraftApp', () => {
  test.each<KubernetesVersion>(['1.27', '1.35', '1.36'])('validates clean for Kubernetes %s', (version) => {
    const report = cassandraApp(path.join(tmp(), 'dist'), version).validate();
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    // relaxed: the snapshot CRD, installed by other means (and the StatefulService's own liveness probe)
    expect(report.relaxed.map((f) => [f.rule, f.object])).toEqual([
      ['policy/probes', 'StatefulSet data/cassandra'],
      ['schema/unknown-kind', 'VolumeSnapshotClass ebs-snapshots'],
    ]);
  });

  test('synthesizes: cluster-wide objects without a namespace, in install order, wired by name', () => {
    const outdir = path.join(tmp(), 'dist');
    const app = cassandraApp(outdir);
    app.synth();
    const objects = app.synthesizeObjects().map((o) => o.manifest);
    const platform = objects.filter((m) => m.metadata.namespace === undefined && m.kind !== 'Namespace');
    expect(platform.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'PriorityClass/data-critical',
      'RuntimeClass/gvisor', // before the pods that name it
      'StorageClass/local-ssd',
      'StorageClass/gp3',
      'PersistentVolume/cassandra-local-0',
      'PersistentVolume/cassandra-local-1',
      'PersistentVolume/cassandra-local-2',
      'IngressClass/nginx',
      // kinds lib/output/install-order.ts does not list keep their order, after every listed kind
      'VolumeSnapshotClass/ebs-snapshots',
    ]);
    const written = fs.readFileSync(path.join(outdir, 'platform.k8s.yaml'), 'utf8');
    expect(written).toMatch(/^apiVersion: scheduling\.k8s\.io\/v1\nkind: PriorityClass\n/);
    expect(written).not.toContain('namespace:');

    const byKind = (kind: string, name: string): any =>
      objects.find((m) => m.kind === kind && m.metadata.name === name);
    const sts = byKind('StatefulSet', 'cassandra');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('local-ssd');
    expect(sts.spec.template.spec.priorityClassName).toBe('data-critical');
    expect(byKind('Ingress', 'console').spec.ingressClassName).toBe('nginx');
    expect(byKind('Job', 'repair').spec.template.spec).toMatchObject({
      priorityClassName: 'data-critical',
      runtimeClassName: 'gvisor',
    });
    // the ring's claims (100Gi, ReadWriteOnce, local-ssd) fit the local volumes
    expect(byKind('PersistentVolume', 'cassandra-local-2').spec).toMatchObject({
      capacity: { storage: '100Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'local-ssd',
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-3'] }] },
          ],
        },
      },
    });
  });
});
