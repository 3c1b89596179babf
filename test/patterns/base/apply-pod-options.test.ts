import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, Probes, WebService, Worker } from '../../../lib';
import { chartIn, get, valid } from '../support';

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
