import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubecraftChart } from '../../lib';
import {
  IngressClass,
  IngressClassProps,
  PersistentVolume,
  PersistentVolumeProps,
  PersistentVolumeSource,
  PriorityClass,
  PriorityClassProps,
  RuntimeClass,
  RuntimeClassProps,
  SnapshotDeletionPolicy,
  StorageClass,
  StorageClassProps,
  VolumeSnapshotClass,
  VolumeSnapshotClassProps,
} from '../../lib/cluster';
import { ConstructError } from '../../lib/core/errors';
import { errorOfRow, expectNamed, ThrowRow } from '../support/throw-rows';

// Every throw site of lib/cluster (`grep -nE "throw |assertValid\(|inScope\(|checkOneOf\(|claimDefault\(" lib/cluster`)
// has a row here: each invalid prop gives a ConstructError naming the construct path and the
// prop, in the constructor, before anything is rendered; one row (a claim bound after the
// constructor, by `reserve()`, in a chart without a namespace) is raised at synth, still naming
// them. The rules are the API server's (`pkg/apis/storage/validation`, `pkg/apis/scheduling/validation`
// and the Priority admission plugin, `pkg/apis/networking/validation`, `pkg/apis/node/validation`,
// `ValidatePersistentVolume` in `pkg/apis/core/validation`) and, for the default classes and the
// snapshot classes, the controllers'. Casts (`as never`) stand for JavaScript callers.

const GIB = Size.gibibytes(1);
const NFS = PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: '/exports' });
const REASON = 'installed with the cluster by the platform team';

const sc = (props: Partial<StorageClassProps>) => (s: Construct) =>
  new StorageClass(s, 'sc', { provisioner: 'ebs.csi.aws.com', ...props });
const pv = (props: Partial<PersistentVolumeProps>) => (s: Construct) =>
  new PersistentVolume(s, 'pv', { source: NFS, storage: GIB, ...props });
const vsc = (props: Partial<VolumeSnapshotClassProps>) => (s: Construct) =>
  new VolumeSnapshotClass(s, 'vsc', {
    driver: 'ebs.csi.aws.com',
    deletionPolicy: SnapshotDeletionPolicy.DELETE,
    crdInstalledBy: REASON,
    ...props,
  });
const pc = (props: Partial<PriorityClassProps>) => (s: Construct) =>
  new PriorityClass(s, 'pc', { value: 1000, ...props });
const ic = (props: Partial<IngressClassProps>) => (s: Construct) =>
  new IngressClass(s, 'ic', { controller: 'k8s.io/ingress-nginx', ...props });
const rc = (props: Partial<RuntimeClassProps>) => (s: Construct) =>
  new RuntimeClass(s, 'rc', { handler: 'runsc', ...props });
const web = (s: Construct) => new kplus.Deployment(s, 'web', { containers: [{ image: 'nginx:1.25.3' }] });

interface Row extends ThrowRow {
  /** A fragment of the message. */
  readonly says: string;
}

const ROWS: Row[] = [
  // storage-class.ts
  {
    name: 'empty provisioner',
    build: sc({ provisioner: '' }),
    path: 'test/sc',
    prop: 'provisioner',
    says: 'must not be empty',
  },
  {
    name: 'provisioner not a qualified name',
    build: sc({ provisioner: 'ebs csi' }),
    path: 'test/sc',
    prop: 'provisioner',
    says: "'ebs csi' is not a qualified name",
  },
  {
    name: 'provisioner with two slashes',
    build: sc({ provisioner: 'a/b/c' }),
    path: 'test/sc',
    prop: 'provisioner',
    says: 'at most one',
  },
  {
    name: 'too many parameters',
    build: sc({ parameters: Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 'v'])) }),
    path: 'test/sc',
    prop: 'parameters',
    says: 'at most 512 entries (has 513)',
  },
  {
    name: 'empty parameter key',
    build: sc({ parameters: { '': 'x' } }),
    path: 'test/sc',
    prop: 'parameters',
    says: 'keys must not be empty',
  },
  {
    name: 'parameters over 256 KiB',
    build: sc({ parameters: { big: 'x'.repeat(256 * 1024) } }),
    path: 'test/sc',
    prop: 'parameters',
    says: 'at most 256 KiB',
  },
  {
    name: 'reclaim policy Recycle',
    build: sc({ reclaimPolicy: 'Recycle' as never }),
    path: 'test/sc',
    prop: 'reclaimPolicy',
    says: 'must be one of Retain, Delete',
  },
  {
    name: 'unknown binding mode',
    build: sc({ volumeBindingMode: 'Lazy' as never }),
    path: 'test/sc',
    prop: 'volumeBindingMode',
    says: 'must be one of Immediate, WaitForFirstConsumer',
  },
  {
    name: 'empty topology term',
    build: sc({ allowedTopologies: [{}] }),
    path: 'test/sc',
    prop: 'allowedTopologies[0]',
    says: 'at least one label',
  },
  {
    name: 'topology key not a label key',
    build: sc({ allowedTopologies: [{ 'zone key': ['a'] }] }),
    path: 'test/sc',
    prop: 'allowedTopologies[0].zone key',
    says: "label key 'zone key'",
  },
  {
    name: 'topology key without values',
    build: sc({ allowedTopologies: [{ 'topology.kubernetes.io/zone': [] }] }),
    path: 'test/sc',
    prop: 'allowedTopologies[0].topology.kubernetes.io/zone',
    says: 'at least one value',
  },
  {
    name: 'topology value twice',
    build: sc({ allowedTopologies: [{ 'topology.kubernetes.io/zone': ['a', 'a'] }] }),
    path: 'test/sc',
    prop: 'allowedTopologies[0].topology.kubernetes.io/zone',
    says: "lists 'a' twice",
  },
  {
    name: 'the same topology term twice',
    build: sc({ allowedTopologies: [{ zone: ['a', 'b'] }, { zone: ['b', 'a'] }] }),
    path: 'test/sc',
    prop: 'allowedTopologies[1]',
    says: 'is the same as allowedTopologies[0]',
  },
  {
    name: 'a second default StorageClass',
    build: (s) => {
      new StorageClass(s, 'first', { provisioner: 'ebs.csi.aws.com', isDefault: true });
      sc({ isDefault: true })(s);
    },
    path: 'test/sc',
    prop: 'isDefault',
    says: 'test/first is already the default StorageClass',
  },
  {
    name: 'imported class with an invalid name',
    build: (s) => StorageClass.fromStorageClassName(s, 'gp2', 'GP2'),
    path: 'test/gp2',
    prop: 'name',
    says: '"GP2" is invalid',
  },
  // persistent-volume.ts: sources
  {
    name: 'empty host path',
    build: pv({ source: PersistentVolumeSource.hostPath('') }),
    path: 'test/pv',
    prop: 'source.path',
    says: 'must not be empty',
  },
  {
    name: "host path with '..'",
    build: pv({ source: PersistentVolumeSource.hostPath('/data/../etc') }),
    path: 'test/pv',
    prop: 'source.path',
    says: "must not contain '..'",
  },
  {
    name: 'NFS without a server',
    build: pv({ source: PersistentVolumeSource.nfs({ server: '', path: '/exports' }) }),
    path: 'test/pv',
    prop: 'source.server',
    says: 'must not be empty',
  },
  {
    name: 'NFS relative path',
    build: pv({ source: PersistentVolumeSource.nfs({ server: 'nfs', path: 'exports' }) }),
    path: 'test/pv',
    prop: 'source.path',
    says: 'must be an absolute path',
  },
  {
    name: "local path with '..'",
    build: pv({ source: PersistentVolumeSource.local({ path: '../disk', node: 'worker-1' }) }),
    path: 'test/pv',
    prop: 'source.path',
    says: "must not contain '..'",
  },
  {
    name: 'local node not a node name',
    build: pv({ source: PersistentVolumeSource.local({ path: '/mnt/ssd', node: 'Worker_1' }) }),
    path: 'test/pv',
    prop: 'source.node',
    says: 'lower case alphanumeric',
  },
  {
    name: 'local volume without node affinity',
    build: pv({ source: PersistentVolumeSource.local({ path: '/mnt/ssd' }) }),
    path: 'test/pv',
    prop: 'nodeAffinity',
    says: 'a local volume needs node affinity',
  },
  {
    name: 'local node and nodeAffinity both',
    build: pv({
      source: PersistentVolumeSource.local({ path: '/mnt/ssd', node: 'worker-1' }),
      nodeAffinity: ['kubernetes.io/hostname in (worker-2)'],
    }),
    path: 'test/pv',
    prop: 'nodeAffinity',
    says: 'not both',
  },
  {
    name: 'CSI driver not a DNS subdomain',
    build: pv({ source: PersistentVolumeSource.csi({ driver: 'ebs_csi', volumeHandle: 'vol-1' }) }),
    path: 'test/pv',
    prop: 'source.driver',
    says: 'lower case alphanumeric',
  },
  {
    name: 'CSI driver over 63 characters',
    build: pv({
      source: PersistentVolumeSource.csi({ driver: `${'a'.repeat(60)}.example.com`, volumeHandle: 'vol-1' }),
    }),
    path: 'test/pv',
    prop: 'source.driver',
    says: 'no more than 63 characters',
  },
  {
    name: 'CSI without a volume handle',
    build: pv({ source: PersistentVolumeSource.csi({ driver: 'ebs.csi.aws.com', volumeHandle: '' }) }),
    path: 'test/pv',
    prop: 'source.volumeHandle',
    says: 'must not be empty',
  },
  {
    name: 'CSI secret without a namespace',
    build: pv({
      source: PersistentVolumeSource.csi({
        driver: 'ebs.csi.aws.com',
        volumeHandle: 'vol-1',
        nodePublishSecretRef: { name: 'keys', namespace: '' },
      }),
    }),
    path: 'test/pv',
    prop: 'source.nodePublishSecretRef.namespace',
    says: 'lower case alphanumeric',
  },
  {
    name: 'CSI secret with an invalid name',
    build: pv({
      source: PersistentVolumeSource.csi({
        driver: 'ebs.csi.aws.com',
        volumeHandle: 'vol-1',
        controllerExpandSecretRef: { name: 'Keys', namespace: 'kube-system' },
      }),
    }),
    path: 'test/pv',
    prop: 'source.controllerExpandSecretRef.name',
    says: 'lower case alphanumeric',
  },
  // persistent-volume.ts: the volume
  {
    name: 'zero capacity',
    build: pv({ storage: Size.gibibytes(0) }),
    path: 'test/pv',
    prop: 'storage',
    says: 'must be positive (is 0Ki)',
  },
  {
    name: 'no access modes',
    build: pv({ accessModes: [] }),
    path: 'test/pv',
    prop: 'accessModes',
    says: 'must not be empty',
  },
  {
    name: 'unknown access mode',
    build: pv({ accessModes: ['ReadWriteSometimes' as never] }),
    path: 'test/pv',
    prop: 'accessModes[0]',
    says: 'must be one of ReadWriteOnce',
  },
  {
    name: 'ReadWriteOncePod with another mode',
    build: pv({
      accessModes: [
        kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD,
        kplus.PersistentVolumeAccessMode.READ_ONLY_MANY,
      ],
    }),
    path: 'test/pv',
    prop: 'accessModes',
    says: 'ReadWriteOncePod cannot be combined',
  },
  {
    name: 'reclaim policy Recycle',
    build: pv({ reclaimPolicy: 'Recycle' as never }),
    path: 'test/pv',
    prop: 'reclaimPolicy',
    says: 'must be one of Retain, Delete',
  },
  {
    name: 'unknown volume mode',
    build: pv({ volumeMode: 'Raw' as never }),
    path: 'test/pv',
    prop: 'volumeMode',
    says: 'must be one of Filesystem, Block',
  },
  {
    name: 'node affinity that does not parse',
    build: pv({ nodeAffinity: ['zone in (a'] }),
    path: 'test/pv',
    prop: 'nodeAffinity[0]',
    says: "unbalanced '('",
  },
  {
    name: 'node affinity In without values',
    build: pv({ nodeAffinity: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }] }),
    path: 'test/pv',
    prop: 'nodeAffinity[0]',
    says: 'values must be non-empty for operator In',
  },
  {
    name: 'node affinity value not a label value',
    build: pv({ nodeAffinity: ['zone in (eu west)'] }),
    path: 'test/pv',
    prop: 'nodeAffinity[0]',
    says: "value 'eu west'",
  },
  {
    name: 'empty node affinity term',
    build: pv({ nodeAffinity: [{}] }),
    path: 'test/pv',
    prop: 'nodeAffinity[0]',
    says: 'at least one requirement',
  },
  {
    name: 'claim without a namespace',
    build: (s) => pv({ claim: kplus.PersistentVolumeClaim.fromClaimName(s, 'claim', 'data') })(s),
    path: 'test/pv',
    prop: 'claim',
    says: "the claim 'data' has no namespace",
  },
  {
    name: 'reserved claim in a chart without a namespace',
    build: (s) => pv({})(s).reserve(),
    path: 'test/pv',
    prop: 'claim',
    says: "the claim 'pvc-pv' has no namespace",
    atSynth: true,
  },
  // volume-snapshot-class.ts
  {
    name: 'driver not a CSI driver name',
    build: vsc({ driver: 'EBS CSI' }),
    path: 'test/vsc',
    prop: 'driver',
    says: 'lower case alphanumeric',
  },
  {
    name: 'no deletion policy',
    build: vsc({ deletionPolicy: undefined }),
    path: 'test/vsc',
    prop: 'deletionPolicy',
    says: 'must be set',
  },
  {
    name: 'unknown deletion policy',
    build: vsc({ deletionPolicy: 'Keep' as never }),
    path: 'test/vsc',
    prop: 'deletionPolicy',
    says: 'must be one of Delete, Retain',
  },
  {
    name: 'empty parameter key',
    build: vsc({ parameters: { '': 'x' } }),
    path: 'test/vsc',
    prop: 'parameters',
    says: 'keys must not be empty',
  },
  {
    name: 'a reason too short to say anything',
    build: vsc({ crdInstalledBy: 'EKS' }),
    path: 'test/vsc',
    prop: 'crdInstalledBy',
    says: 'must say who installed',
  },
  {
    name: 'a second default for the same driver',
    build: (s) => {
      vsc({ isDefault: true })(s);
      new VolumeSnapshotClass(s, 'other', {
        driver: 'ebs.csi.aws.com',
        deletionPolicy: SnapshotDeletionPolicy.RETAIN,
        isDefault: true,
        crdInstalledBy: REASON,
      });
    },
    path: 'test/other',
    prop: 'isDefault',
    says: 'test/vsc is already the default VolumeSnapshotClass for ebs.csi.aws.com',
  },
  // priority-class.ts
  {
    name: 'value above the user range',
    build: pc({ value: 1000000001 }),
    path: 'test/pc',
    prop: 'value',
    says: 'must be an integer from -2147483648 to 1000000000 (is 1000000001)',
  },
  {
    name: 'value below int32',
    build: pc({ value: -2147483649 }),
    path: 'test/pc',
    prop: 'value',
    says: '(is -2147483649)',
  },
  { name: 'fractional value', build: pc({ value: 1.5 }), path: 'test/pc', prop: 'value', says: '(is 1.5)' },
  {
    name: 'unknown preemption policy',
    build: pc({ preemptionPolicy: 'Sometimes' as never }),
    path: 'test/pc',
    prop: 'preemptionPolicy',
    says: 'must be one of PreemptLowerPriority, Never',
  },
  {
    name: 'a reserved system- name',
    build: (s) => new PriorityClass(s, 'pc', { value: 10, metadata: { name: 'system-important' } }),
    path: 'test/pc',
    prop: 'metadata.name',
    says: "names starting with 'system-' are reserved",
  },
  {
    name: 'a second global default',
    build: (s) => {
      new PriorityClass(s, 'first', { value: 1, globalDefault: true });
      pc({ globalDefault: true })(s);
    },
    path: 'test/pc',
    prop: 'globalDefault',
    says: 'test/first is already the default PriorityClass',
  },
  {
    name: 'assigned to a pod that has another class',
    build: (s) => {
      const w = web(s);
      new PriorityClass(s, 'first', { value: 1 }).assignTo(w);
      (pc({})(s) as PriorityClass).assignTo(w);
    },
    path: 'test/pc',
    prop: 'assignTo[0]',
    says: "test/web already has priorityClassName 'first'",
  },
  {
    name: 'assigned to an object without pods',
    build: (s) => (pc({})(s) as PriorityClass).assignTo(new kplus.ConfigMap(s, 'cm') as never),
    path: 'test/pc',
    prop: 'assignTo[0]',
    says: 'ConfigMap test/cm has no pod spec',
  },
  {
    name: 'assigned to a construct without an object',
    build: (s) => (pc({})(s) as PriorityClass).assignTo(new Construct(s, 'nothing') as never),
    path: 'test/pc',
    prop: 'assignTo[0]',
    says: 'test/nothing renders no object',
  },
  // ingress-class.ts
  {
    name: 'controller over 250 characters',
    build: ic({ controller: `example.com/${'c'.repeat(240)}` }),
    path: 'test/ic',
    prop: 'controller',
    says: 'at most 250 characters (is 252)',
  },
  {
    name: 'controller without a domain',
    build: ic({ controller: 'nginx' }),
    path: 'test/ic',
    prop: 'controller',
    says: 'domain-prefixed path',
  },
  {
    name: 'controller with an invalid domain',
    build: ic({ controller: 'Example.COM/nginx' }),
    path: 'test/ic',
    prop: 'controller',
    says: 'domain part',
  },
  {
    name: 'controller with an invalid path',
    build: ic({ controller: 'example.com/ngi nx' }),
    path: 'test/ic',
    prop: 'controller',
    says: 'path part',
  },
  {
    name: 'parameters with an empty API group',
    build: ic({ parameters: { apiGroup: '', kind: 'IngressParameters', name: 'lb' } }),
    path: 'test/ic',
    prop: 'parameters.apiGroup',
    says: 'leave it unset for the core group',
  },
  {
    name: 'parameters with an invalid API group',
    build: ic({ parameters: { apiGroup: 'K8s.Example', kind: 'IngressParameters', name: 'lb' } }),
    path: 'test/ic',
    prop: 'parameters.apiGroup',
    says: 'lower case alphanumeric',
  },
  {
    name: 'parameters without a kind',
    build: ic({ parameters: { kind: '', name: 'lb' } }),
    path: 'test/ic',
    prop: 'parameters.kind',
    says: 'must not be empty',
  },
  {
    name: "parameters name with '/'",
    build: ic({ parameters: { kind: 'ConfigMap', name: 'ns/lb' } }),
    path: 'test/ic',
    prop: 'parameters.name',
    says: "may not contain '/'",
  },
  {
    name: 'parameters with an invalid namespace',
    build: ic({ parameters: { kind: 'ConfigMap', name: 'lb', namespace: 'Kube_System' } }),
    path: 'test/ic',
    prop: 'parameters.namespace',
    says: 'lower case alphanumeric',
  },
  {
    name: 'a second default IngressClass',
    build: (s) => {
      new IngressClass(s, 'first', { controller: 'k8s.io/ingress-nginx', isDefault: true });
      ic({ isDefault: true })(s);
    },
    path: 'test/ic',
    prop: 'isDefault',
    says: 'test/first is already the default IngressClass',
  },
  // runtime-class.ts
  {
    name: 'handler not a DNS label',
    build: rc({ handler: 'run.sc' }),
    path: 'test/rc',
    prop: 'handler',
    says: 'lower case alphanumeric',
  },
  {
    name: 'overhead resource not a resource',
    build: rc({ overhead: { cpus: '1' } }),
    path: 'test/rc',
    prop: 'overhead.cpus',
    says: 'not a standard container resource',
  },
  {
    name: 'overhead quantity malformed',
    build: rc({ overhead: { memory: '64 MB' } }),
    path: 'test/rc',
    prop: 'overhead.memory',
    says: 'must be a quantity',
  },
  {
    name: 'overhead quantity negative',
    build: rc({ overhead: { cpu: '-1' } }),
    path: 'test/rc',
    prop: 'overhead.cpu',
    says: 'must not be negative',
  },
  {
    name: 'node selector key invalid',
    build: rc({ nodeSelector: { 'sandbox runtime': 'gvisor' } }),
    path: 'test/rc',
    prop: 'nodeSelector',
    says: "label key 'sandbox runtime'",
  },
  {
    name: 'node selector value invalid',
    build: rc({ nodeSelector: { sandbox: 'g visor' } }),
    path: 'test/rc',
    prop: "nodeSelector['sandbox']",
    says: '"g visor" is invalid',
  },
  {
    name: 'toleration key invalid',
    build: rc({ tolerations: [kplus.NodeTaintQuery.exists('bad key')] }),
    path: 'test/rc',
    prop: 'tolerations[0]',
    says: "key 'bad key'",
  },
  {
    name: 'toleration Equal with an empty key',
    build: rc({ tolerations: [kplus.NodeTaintQuery.is('', 'x')] }),
    path: 'test/rc',
    prop: 'tolerations[0]',
    says: 'must use operator Exists',
  },
  {
    name: 'toleration value invalid',
    build: rc({ tolerations: [kplus.NodeTaintQuery.is('sandbox', 'g visor')] }),
    path: 'test/rc',
    prop: 'tolerations[0]',
    says: "value 'g visor'",
  },
  {
    name: 'the same toleration twice',
    build: rc({ tolerations: [kplus.NodeTaintQuery.exists('sandbox'), kplus.NodeTaintQuery.exists('sandbox')] }),
    path: 'test/rc',
    prop: 'tolerations[1]',
    says: 'is the same toleration as tolerations[0]',
  },
  {
    name: 'assigned to a pod that has another runtime class',
    build: (s) => {
      const w = web(s);
      RuntimeClass.fromRuntimeClassName(s, 'kata', 'kata').assignTo(w);
      (rc({})(s) as RuntimeClass).assignTo(w);
    },
    path: 'test/rc',
    prop: 'assignTo[0]',
    says: "test/web already has runtimeClassName 'kata'",
  },
];

describe('every invalid prop of a cluster class or volume fails early, naming the construct path and the prop', () => {
  test.each(ROWS.filter((r) => !r.atSynth).map((r) => [r.path, r.prop, r.name, r] as const))(
    '%s (%s): %s',
    (path, prop, _name, row) => {
      const err = errorOfRow(row) as ConstructError;
      expectNamed(err, { path, prop });
      expect(err.message).toContain(row.says);
    },
  );

  // cdk8s re-throws what rendering throws as a plain Error: only the message survives
  test.each(ROWS.filter((r) => r.atSynth).map((r) => [r.path, r.prop, r.name, r] as const))(
    'at synth: %s (%s): %s',
    (path, prop, _name, row) => {
      const message = errorOfRow(row).message;
      expect(message).toContain(`${path} (${prop}): `);
      expect(message).toContain(row.says);
    },
  );

  test('the valid counterparts of the rows build', () => {
    const chart = new KubecraftChart(Testing.app(), 'test', { namespace: 'shop' });
    for (const build of [sc({}), pv({}), vsc({}), pc({}), ic({}), rc({})]) expect(() => build(chart)).not.toThrow();
  });
});
