import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AppNetwork,
  BatchJob,
  ConstructError,
  Exposure,
  KubecraftApp,
  Policy,
  Probes,
  StatefulService,
  WebService,
  Worker,
} from '../../lib';
import { chartIn, get, valid } from './support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const spec = (m: any) => m.spec.template.spec;

describe('everyday pod settings, on every long-running pattern', () => {
  test('ServiceAccount (created), grace period, pull secrets, scheduling, priority, annotations', () => {
    const chart = chartIn();
    new WebService(chart, 'web', {
      image: IMAGE,
      serviceAccount: {},
      terminationGracePeriod: Duration.seconds(90),
      imagePullSecrets: ['registry-a', 'registry-b'],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      nodeAffinity: [kplus.NodeLabelQuery.is('disktype', 'ssd')],
      tolerations: [kplus.NodeTaintQuery.is('dedicated', 'web', { effect: kplus.TaintEffect.NO_SCHEDULE })],
      topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone' }],
      priorityClassName: 'high',
      podAnnotations: { 'prometheus.io/scrape': 'true' },
    });
    const m = valid(chart);
    const d = get(m, 'Deployment', 'web');
    const s = spec(d);
    expect(get(m, 'ServiceAccount', 'web').automountServiceAccountToken).toBe(false);
    expect(s.serviceAccountName).toBe('web');
    expect(s.automountServiceAccountToken).toBe(false);
    expect(s.terminationGracePeriodSeconds).toBe(90);
    expect(s.imagePullSecrets).toEqual([{ name: 'registry-a' }, { name: 'registry-b' }]);
    expect(s.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(s.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] },
    ]);
    expect(s.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }]);
    expect(s.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...get(m, 'Deployment', 'web').spec.selector.matchLabels } },
      },
    ]);
    expect(s.priorityClassName).toBe('high');
    expect(d.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
  });

  test('an existing ServiceAccount by name, with its token', () => {
    const chart = chartIn();
    new Worker(chart, 'controller', {
      image: IMAGE,
      serviceAccount: { name: 'operator', create: false },
      automountServiceAccountToken: true,
      liveness: Probes.exec(['true']),
      readiness: Probes.exec(['true']),
    });
    const m = valid(chart);
    expect(m.some((x) => x.kind === 'ServiceAccount')).toBe(false);
    expect(spec(get(m, 'Deployment', 'controller'))).toMatchObject({
      serviceAccountName: 'operator',
      automountServiceAccountToken: true,
    });
  });

  test('container: name, pull policy, preStop and postStart, startup probe, a PVC on a Deployment', () => {
    const chart = chartIn();
    const claim = new kplus.PersistentVolumeClaim(chart, 'uploads', {
      metadata: { name: 'uploads' },
      storage: Size.gibibytes(5),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
    });
    new WebService(chart, 'wordpress', {
      image: 'wordpress:6.4.2-apache',
      containerName: 'wp',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      lifecycle: {
        preStop: kplus.Handler.fromCommand(['sleep', '5']),
        postStart: kplus.Handler.fromCommand(['true']),
      },
      startup: Probes.httpGet('/', { port: 'http', failureThreshold: 30 }),
      replicas: 1,
      updateStrategy: { type: 'Recreate' },
      mounts: [{ path: '/var/www/html', volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'uploads-vol', claim) }],
    });
    const d = get(valid(chart), 'Deployment', 'wordpress');
    const c = spec(d).containers[0];
    expect(c.name).toBe('wp');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
    expect(c.lifecycle.postStart.exec.command).toEqual(['true']);
    expect(c.startupProbe).toMatchObject({ httpGet: { path: '/', port: 'http' }, failureThreshold: 30 });
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    expect(c.volumeMounts).toContainEqual({ mountPath: '/var/www/html', name: 'pvc-uploads' });
  });

  test('init containers and native sidecars run as the pattern user; sidecars need 1.29', () => {
    const chart = chartIn();
    new WebService(chart, 'web', {
      image: IMAGE,
      user: 2000,
      initContainers: [{ name: 'migrate', image: IMAGE, command: ['migrate'] }],
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29.1', ports: [{ number: 9901, name: 'admin' }] }],
    });
    const [init, sidecar] = spec(get(valid(chart), 'Deployment', 'web')).initContainers;
    expect(init.name).toBe('migrate');
    expect(init.restartPolicy).toBeUndefined();
    expect(sidecar).toMatchObject({ name: 'proxy', restartPolicy: 'Always' });
    expect(sidecar.securityContext).toMatchObject({ runAsUser: 2000, runAsNonRoot: true });

    const old = new KubecraftApp({ outdir: Testing.app().outdir, printReport: false, kubernetesVersion: '1.28' });
    expect(() => new WebService(chartIn('shop', old), 'web', { image: IMAGE, sidecars: [{ image: IMAGE }] })).toThrow(
      /shop\/web \(sidecars\): native sidecars need Kubernetes 1\.29 or later \(the app targets 1\.28\)/,
    );
  });

  test('capabilities: NET_BIND_SERVICE freely; anything else with a reason, which is reported', () => {
    expect(() => new WebService(chartIn(), 'db', { image: IMAGE, capabilities: { add: ['IPC_LOCK'] } })).toThrow(
      /shop\/db \(capabilities\.reason\): adding IPC_LOCK breaks the restricted Pod Security Standard/,
    );
    expect(() => new WebService(chartIn(), 'db', { image: IMAGE, capabilities: { add: ['CAP_IPC_LOCK'] } })).toThrow(
      /\(capabilities\.add\[0\]\): 'CAP_IPC_LOCK' is not a capability name/,
    );
    const chart = chartIn();
    new WebService(chart, 'db', {
      image: IMAGE,
      capabilities: { add: ['IPC_LOCK'], reason: 'locks the heap in memory so it is never swapped' },
    });
    const c = spec(get(valid(chart), 'Deployment', 'db')).containers[0];
    expect(c.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['IPC_LOCK'] });
    const chart2 = chartIn();
    new WebService(chart2, 'web', { image: IMAGE, capabilities: { add: ['NET_BIND_SERVICE'] } });
    expect(valid(chart2)).toBeDefined();
  });
});

describe('root and a writable root filesystem, when reasoned', () => {
  test('user 0 needs a reason; a relaxation on the chart lets it render root, and validation agrees', () => {
    expect(() => new WebService(chartIn(), 'web', { image: IMAGE, user: 0 })).toThrow(ConstructError);
    const chart = chartIn();
    Policy.relax(chart, 'policy/run-as-non-root', 'the legacy image binds as root and drops privileges itself');
    new WebService(chart, 'web', { image: IMAGE, user: 0 });
    const d = get(valid(chart), 'Deployment', 'web');
    expect(spec(d).securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    expect(spec(d).containers[0].securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
  });

  test('runAsRootReason and writableRootFilesystemReason relax on the pattern itself', () => {
    const chart = chartIn();
    const web = new WebService(chart, 'web', {
      image: IMAGE,
      runAsRootReason: 'the image chowns its data directory at start',
      writableRootFilesystemReason: 'the image rewrites its configuration at every start',
    });
    expect(Policy.relaxationsOf(web).map((r) => r.rule)).toEqual([
      'policy/run-as-non-root',
      'policy/read-only-root-fs',
    ]);
    const c = spec(get(valid(chart), 'Deployment', 'web')).containers[0];
    expect(c.securityContext).toMatchObject({ runAsUser: 0, readOnlyRootFilesystem: false });
    expect(() => new WebService(chartIn(), 'web', { image: IMAGE, readOnlyRootFilesystem: false })).toThrow(
      /\(readOnlyRootFilesystem\): a writable root filesystem needs a written reason/,
    );
  });
});

describe('Worker: a Deployment with no Service', () => {
  test('connects to services, has no Service, probes its port', () => {
    const chart = chartIn();
    const queue = new StatefulService(chart, 'rabbitmq', {
      image: 'rabbitmq:3.12.12',
      port: 5672,
      portName: 'amqp',
      storage: Size.gibibytes(1),
      dataPath: '/var/lib/rabbitmq',
      user: 999,
    });
    const worker = new Worker(chart, 'consumer', {
      image: IMAGE,
      replicas: 3,
      ports: [{ name: 'metrics', port: 9100 }],
    });
    worker.connectTo(queue);
    const m = valid(chart);
    expect(m.filter((x) => x.metadata.name === 'consumer').map((x) => x.kind)).toEqual(['Deployment']);
    const d = get(m, 'Deployment', 'consumer');
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.labels['app.kubernetes.io/component']).toBe('worker');
    const c = spec(d).containers[0];
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'metrics' });
    expect(c.env[0]).toEqual({ name: 'RABBITMQ_HOST', value: 'rabbitmq.shop.svc.cluster.local' });
  });

  test('without a port it needs probes', () => {
    expect(() => new Worker(chartIn(), 'w', { image: IMAGE })).toThrow(
      /shop\/w \(liveness\): nothing to probe for liveness: the worker has no port/,
    );
  });
});

describe('WebService: ports, Services, strategies', () => {
  test('a gRPC port is named grpc and probed with gRPC; several ports; an extra LoadBalancer', () => {
    const chart = chartIn();
    new WebService(chart, 'api', {
      image: IMAGE,
      port: 9090,
      portName: 'grpc',
      servicePort: 9090,
      extraPorts: [{ name: 'metrics', port: 9100 }],
      additionalServices: [{ name: 'api-public', exposure: Exposure.loadBalancer(), ports: ['grpc'] }],
    });
    const m = valid(chart);
    const c = spec(get(m, 'Deployment', 'api')).containers[0];
    expect(c.ports).toEqual([
      { containerPort: 9090, name: 'grpc' },
      { containerPort: 9100, name: 'metrics' },
    ]);
    expect(c.livenessProbe.grpc).toEqual({ port: 9090 });
    expect(get(m, 'Service', 'api').spec.ports.map((p: { name: string }) => p.name)).toEqual(['grpc', 'metrics']);
    const pub = get(m, 'Service', 'api-public').spec;
    expect(pub.type).toBe('LoadBalancer');
    expect(pub.ports).toEqual([{ name: 'grpc', port: 9090, targetPort: 9090 }]);
  });

  test('rolling parameters; maxSurge and updateStrategy together are refused', () => {
    const chart = chartIn();
    new WebService(chart, 'web', {
      image: IMAGE,
      updateStrategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: '50%' },
    });
    expect(get(valid(chart), 'Deployment', 'web').spec.strategy.rollingUpdate).toEqual({
      maxSurge: 1,
      maxUnavailable: '50%',
    });
    expect(
      () => new WebService(chartIn(), 'web', { image: IMAGE, maxSurge: 1, updateStrategy: { type: 'Recreate' } }),
    ).toThrow(/\(maxSurge\): set either maxSurge or updateStrategy, not both/);
    expect(
      () => new WebService(chartIn(), 'web', { image: IMAGE, extraPorts: [{ name: 'Metrics!', port: 9100 }] }),
    ).toThrow(/\(extraPorts\[0\]\.name\)/);
  });
});

describe('adopting installed objects (the migration path)', () => {
  test('selector and workload name of an installed Deployment; the Service selects every version', () => {
    const chart = chartIn();
    new WebService(chart, 'reviews', {
      image: IMAGE,
      workloadName: 'reviews-v1',
      selector: { app: 'reviews', version: 'v1' },
      serviceSelector: { app: 'reviews' },
    });
    const m = valid(chart);
    const d = get(m, 'Deployment', 'reviews-v1');
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'reviews', version: 'v1' } });
    expect(d.spec.template.metadata.labels).toMatchObject({ app: 'reviews', version: 'v1' });
    expect(get(m, 'Service', 'reviews').spec.selector).toEqual({ app: 'reviews' });
    expect(
      () => new WebService(chartIn(), 'r', { image: IMAGE, selector: { app: 'r' }, serviceSelector: { app: 'x' } }),
    ).toThrow(/\(serviceSelector\): the Service would not select the pattern's own pods/);
    expect(() => new WebService(chartIn(), 'r', { image: IMAGE, selector: {} })).toThrow(
      /\(selector\): must not be empty/,
    );
    expect(() => new BatchJob(chartIn(), 'j', { image: IMAGE, selector: { app: 'j' } })).toThrow(/\(selector\)/);
  });

  test('a StatefulSet keeps its claim template name and its PVCs', () => {
    const chart = chartIn();
    new StatefulService(chart, 'cassandra', {
      image: 'cassandra:4.1.3',
      port: 9042,
      portName: 'cql',
      storage: Size.gibibytes(10),
      dataPath: '/var/lib/cassandra',
      user: 999,
      selector: { app: 'cassandra' },
      volumeClaimTemplateName: 'cassandra-data',
      updateStrategy: { type: 'OnDelete' },
      parallel: true,
    });
    const ss = get(valid(chart), 'StatefulSet', 'cassandra');
    expect(ss.spec.selector).toEqual({ matchLabels: { app: 'cassandra' } });
    expect(ss.spec.volumeClaimTemplates[0].metadata.name).toBe('cassandra-data');
    expect(ss.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(ss.spec.podManagementPolicy).toBe('Parallel');
  });
});

describe('defaults said out loud', () => {
  test('StatefulService: 512Mi/1Gi, a readiness probe, no liveness probe (relaxed with its reason)', () => {
    const chart = chartIn();
    const db = new StatefulService(chart, 'db', {
      image: 'postgres:16.1',
      port: 5432,
      storage: Size.gibibytes(1),
      dataPath: '/var/lib/postgresql/data',
      user: 999,
    });
    const c = spec(get(valid(chart), 'StatefulSet', 'db')).containers[0];
    expect(c.resources).toEqual({
      limits: { cpu: '1000m', memory: '1024Mi' },
      requests: { cpu: '250m', memory: '512Mi' },
    });
    expect(c.livenessProbe).toBeUndefined();
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'tcp' });
    expect(Policy.relaxationsOf(db.statefulSet).map((r) => r.rule)).toEqual(['policy/probes']);
  });
});

describe('the network model: isolation is explicit', () => {
  function cassandraRing() {
    const chart = chartIn();
    const ring = new StatefulService(chart, 'cassandra', {
      image: 'cassandra:4.1.3',
      port: 9042,
      portName: 'cql',
      peerPorts: [
        { name: 'intra-node', port: 7000 },
        { name: 'tls-intra-node', port: 7001 },
        { name: 'jmx', port: 7199 },
      ],
      replicas: 3,
      storage: Size.gibibytes(10),
      dataPath: '/var/lib/cassandra',
      user: 999,
      terminationGracePeriod: Duration.seconds(1800),
      lifecycle: { preStop: kplus.Handler.fromCommand(['nodetool', 'drain']) },
      capabilities: { add: ['IPC_LOCK'], reason: 'Cassandra locks its memory (mlockall) so it is never swapped' },
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(2000) },
        memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) },
      },
    });
    const client = new WebService(chart, 'app', { image: IMAGE });
    client.connectTo(ring);
    return { chart, ring };
  }
  const policies = (m: any[]) =>
    m
      .filter((x) => x.kind === 'NetworkPolicy')
      .map((x) => x.metadata.name)
      .sort();

  test('connectTo alone writes no policy and cuts nothing', () => {
    const { chart } = cassandraRing();
    expect(policies(valid(chart))).toEqual([]);
  });

  test("isolated, a client connecting to a ring never cuts the ring's own peer traffic", () => {
    const { chart, ring } = cassandraRing();
    AppNetwork.isolate(chart);
    const m = valid(chart);
    expect(policies(m)).toEqual([
      'allow-app-egress-to-cassandra',
      'allow-app-to-cassandra',
      'allow-cassandra-peers',
      'kubecraft-allow-dns',
      'kubecraft-default-deny',
    ]);
    const peers = get(m, 'NetworkPolicy', 'allow-cassandra-peers').spec;
    expect(peers.podSelector.matchLabels).toEqual(ring.podSelector);
    const ports = [7000, 7001, 7199].map((port) => ({ port, protocol: 'TCP' }));
    expect(peers.ingress).toEqual([{ from: [{ podSelector: { matchLabels: ring.podSelector } }], ports }]);
    expect(peers.egress).toEqual([{ to: [{ podSelector: { matchLabels: ring.podSelector } }], ports }]);
    const s = spec(get(m, 'StatefulSet', 'cassandra'));
    expect(s.terminationGracePeriodSeconds).toBe(1800);
    expect(s.containers[0].lifecycle.preStop.exec.command).toEqual(['nodetool', 'drain']);
  });

  test('ingress from the ingress controller namespace; egress to outside CIDRs; isolate once', () => {
    const chart = chartIn();
    new WebService(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ host: 'shop.example.com' }) });
    const network = AppNetwork.isolate(chart, {
      ingressControllerNamespace: 'ingress-nginx',
      egress: [{ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'], ports: [443] }],
    });
    const m = valid(chart);
    expect(get(m, 'NetworkPolicy', 'allow-outside-to-web').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} },
    ]);
    expect(get(m, 'NetworkPolicy', 'kubecraft-allow-egress').spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }],
        ports: [{ port: 443, protocol: 'TCP' }],
      },
    ]);
    expect(network.isolated).toBe(true);
    expect(() => AppNetwork.isolate(chart)).toThrow(/already isolated/);
    expect(() => AppNetwork.isolate(chartIn(), { egress: [{ cidr: 'internet' }] })).toThrow(/\(egress\[0\]\.cidr\)/);
  });
});
