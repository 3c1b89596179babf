import { Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthValidated } from '../../lib';
import {
  IngressClass,
  PreemptionPolicy,
  PriorityClass,
  ReclaimPolicy,
  RuntimeClass,
  StorageClass,
  VolumeBindingMode,
} from '../../lib/cluster';
import { find, podSpec } from '../support/manifests';
import { chartOf, webDeployment } from './support';

describe('StorageClass', () => {
  test('renders every field, the default annotation, and validates (snapshot)', () => {
    const chart = chartOf('shop');
    const fast = new StorageClass(chart, 'fast', {
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true' },
      reclaimPolicy: ReclaimPolicy.RETAIN,
      volumeBindingMode: VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER,
      allowVolumeExpansion: true,
      mountOptions: ['noatime'],
      allowedTopologies: [{ 'topology.kubernetes.io/zone': ['eu-west-1a', 'eu-west-1b'] }],
      isDefault: true,
    });
    new kplus.PersistentVolumeClaim(chart, 'data', {
      storage: Size.gibibytes(10),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      storageClassName: fast.name,
    });
    const manifests = synthValidated(chart);
    expect(manifests).toMatchSnapshot();

    const sc = find(manifests, 'StorageClass', 'fast');
    expect(sc).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true' },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      mountOptions: ['noatime'],
      allowedTopologies: [
        { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['eu-west-1a', 'eu-west-1b'] }] },
      ],
    });
    expect(sc.metadata.namespace).toBeUndefined(); // cluster-scoped: the chart namespace is kept off
    expect(find(manifests, 'PersistentVolumeClaim', 'data').spec.storageClassName).toBe('fast');
    expect([fast.provisioner, fast.reclaimPolicy, fast.isDefault, fast.allowVolumeExpansion]).toEqual([
      'ebs.csi.aws.com',
      'Retain',
      true,
      true,
    ]);
  });

  test('only the provisioner is required; an explicit undefined means the default', () => {
    const a = chartOf();
    new StorageClass(a, 'standard', { provisioner: 'pd.csi.storage.gke.io' });
    const b = chartOf();
    new StorageClass(b, 'standard', {
      provisioner: 'pd.csi.storage.gke.io',
      parameters: undefined,
      reclaimPolicy: undefined,
      volumeBindingMode: undefined,
      allowVolumeExpansion: undefined,
      mountOptions: undefined,
      allowedTopologies: undefined,
      isDefault: undefined,
    });
    const [sa] = synthValidated(a);
    expect(sa).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard' },
      provisioner: 'pd.csi.storage.gke.io',
    });
    expect(synthValidated(b)).toEqual([sa]);
  });

  test('ReclaimPolicy is cdk8s-plus-27’s PersistentVolumeReclaimPolicy', () => {
    expect(ReclaimPolicy.RETAIN).toBe(kplus.PersistentVolumeReclaimPolicy.RETAIN);
    const policy: kplus.PersistentVolumeReclaimPolicy = ReclaimPolicy.DELETE;
    expect(policy).toBe('Delete');
  });

  test('an existing class by name', () => {
    const chart = chartOf();
    const gp2 = StorageClass.fromStorageClassName(chart, 'gp2', 'gp2');
    expect([gp2.name, gp2.kind, gp2.apiVersion, gp2.apiGroup, gp2.resourceType]).toEqual([
      'gp2',
      'StorageClass',
      'storage.k8s.io/v1',
      'storage.k8s.io',
      'storageclasses',
    ]);
    expect(synthValidated(chart)).toEqual([]);
  });

  test('a second default class in one chart is refused; defaults in other charts are theirs', () => {
    const chart = chartOf();
    new StorageClass(chart, 'a', { provisioner: 'ebs.csi.aws.com', isDefault: true });
    new StorageClass(chart, 'b', { provisioner: 'ebs.csi.aws.com' }); // not a default: fine
    expect(() => new StorageClass(chart, 'c', { provisioner: 'efs.csi.aws.com', isDefault: true })).toThrow(
      'test/c (isDefault): test/a is already the default StorageClass of this chart; a cluster has one',
    );
    expect(() => new StorageClass(chartOf(), 'c', { provisioner: 'efs.csi.aws.com', isDefault: true })).not.toThrow();
  });
});

describe('PriorityClass', () => {
  test('renders value, policy and description; assigns itself to workloads (snapshot)', () => {
    const chart = chartOf('shop');
    const critical = new PriorityClass(chart, 'business-critical', {
      value: 100000,
      preemptionPolicy: PreemptionPolicy.NEVER,
      description: 'the checkout path',
    });
    const web = webDeployment(chart);
    const job = new kplus.CronJob(chart, 'report', {
      schedule: Cron.daily(),
      containers: [
        {
          image: 'busybox:1.36.1',
          command: ['true'],
          resources: {
            cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(50) },
            memory: { request: Size.mebibytes(8), limit: Size.mebibytes(16) },
          },
        },
      ],
    });
    critical.assignTo(web, job);
    critical.assignTo(web); // the same class again: no-op
    const manifests = synthValidated(chart);
    expect(manifests).toMatchSnapshot();
    expect(find(manifests, 'PriorityClass', 'business-critical')).toEqual({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'business-critical' },
      value: 100000,
      preemptionPolicy: 'Never',
      description: 'the checkout path',
    });
    expect(podSpec(find(manifests, 'Deployment', 'web')).priorityClassName).toBe('business-critical');
    expect(podSpec(find(manifests, 'CronJob', 'report')).priorityClassName).toBe('business-critical');
  });

  test('the global default, the bounds of value, and the system classes by name', () => {
    const chart = chartOf('ops');
    const low = new PriorityClass(chart, 'batch-low', { value: -2147483648, globalDefault: true });
    new PriorityClass(chart, 'top', { value: 1000000000 });
    const agent = webDeployment(chart, 'agent');
    PriorityClass.fromPriorityClassName(chart, 'node-critical', 'system-node-critical').assignTo(agent);
    const manifests = synthValidated(chart);
    expect(find(manifests, 'PriorityClass', 'batch-low')).toMatchObject({ value: -2147483648, globalDefault: true });
    expect(find(manifests, 'PriorityClass', 'top').value).toBe(1000000000);
    expect(podSpec(find(manifests, 'Deployment', 'agent')).priorityClassName).toBe('system-node-critical');
    expect([low.value, low.globalDefault, low.preemptionPolicy]).toEqual([-2147483648, true, undefined]);
  });

  test('a pod has one priority class', () => {
    const chart = chartOf('shop');
    const web = webDeployment(chart);
    new PriorityClass(chart, 'high', { value: 1000 }).assignTo(web);
    const low = new PriorityClass(chart, 'low', { value: 10 });
    expect(() => low.assignTo(web)).toThrow(
      "test/low (assignTo[0]): test/web already has priorityClassName 'high'; a pod has one (cannot also set 'low')",
    );
  });
});

describe('IngressClass', () => {
  test('renders controller, default annotation and parameters; an Ingress names it (snapshot)', () => {
    const chart = chartOf('shop');
    const nginx = new IngressClass(chart, 'nginx', {
      controller: 'k8s.io/ingress-nginx',
      isDefault: true,
      parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' },
    });
    const web = webDeployment(chart);
    const service = web.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.Ingress(chart, 'web-ingress', {
      className: nginx.name,
      rules: [{ host: 'shop.example.com', path: '/', backend: kplus.IngressBackend.fromService(service) }],
    });
    const manifests = synthValidated(chart);
    expect(manifests).toMatchSnapshot();
    expect(find(manifests, 'IngressClass', 'nginx')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: {
        controller: 'k8s.io/ingress-nginx',
        parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Cluster' },
      },
    });
    expect(find(manifests, 'Ingress', 'web-ingress').spec.ingressClassName).toBe('nginx');
  });

  test('namespaced parameters get scope Namespace; no parameters, no default: just the controller', () => {
    const chart = chartOf();
    new IngressClass(chart, 'alb', {
      controller: 'ingress.k8s.aws/alb',
      parameters: { kind: 'ConfigMap', name: 'alb-settings', namespace: 'kube-system' },
    });
    new IngressClass(chart, 'traefik', { controller: 'traefik.io/ingress-controller', isDefault: undefined });
    const manifests = synthValidated(chart);
    expect(find(manifests, 'IngressClass', 'alb').spec.parameters).toEqual({
      kind: 'ConfigMap',
      name: 'alb-settings',
      namespace: 'kube-system',
      scope: 'Namespace',
    });
    expect(find(manifests, 'IngressClass', 'traefik')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'traefik' },
      spec: { controller: 'traefik.io/ingress-controller' },
    });
    expect(IngressClass.fromIngressClassName(chart, 'existing', 'nginx').resourceType).toBe('ingressclasses');
  });
});

describe('RuntimeClass', () => {
  test('renders handler, overhead and scheduling; assigns itself to workloads (snapshot)', () => {
    const chart = chartOf('sandbox');
    const gvisor = new RuntimeClass(chart, 'gvisor', {
      handler: 'runsc',
      overhead: { cpu: '100m', memory: '64Mi' },
      nodeSelector: { 'sandbox.example.com/runtime': 'gvisor' },
      tolerations: [
        kplus.NodeTaintQuery.is('sandbox.example.com/runtime', 'gvisor', { effect: kplus.TaintEffect.NO_SCHEDULE }),
        kplus.NodeTaintQuery.exists('maintenance', {
          effect: kplus.TaintEffect.NO_EXECUTE,
          evictAfter: Duration.minutes(5),
        }),
      ],
    });
    const web = webDeployment(chart);
    gvisor.assignTo(web);
    const manifests = synthValidated(chart);
    expect(manifests).toMatchSnapshot();
    expect(find(manifests, 'RuntimeClass', 'gvisor')).toEqual({
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'gvisor' },
      handler: 'runsc',
      overhead: { podFixed: { cpu: '100m', memory: '64Mi' } },
      scheduling: {
        nodeSelector: { 'sandbox.example.com/runtime': 'gvisor' },
        tolerations: [
          { key: 'sandbox.example.com/runtime', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' },
          { key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
    });
    expect(podSpec(find(manifests, 'Deployment', 'web')).runtimeClassName).toBe('gvisor');
  });

  test('only the handler is required; an existing class by name', () => {
    const chart = chartOf('sandbox');
    new RuntimeClass(chart, 'kata', { handler: 'kata', tolerations: [] });
    const web = webDeployment(chart);
    RuntimeClass.fromRuntimeClassName(chart, 'existing', 'kata-qemu').assignTo(web);
    const manifests = synthValidated(chart);
    expect(find(manifests, 'RuntimeClass', 'kata')).toEqual({
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'kata' },
      handler: 'kata',
    });
    expect(podSpec(find(manifests, 'Deployment', 'web')).runtimeClassName).toBe('kata-qemu');
  });
});
