import { Testing } from 'cdk8s';
import { SockShopChart } from '../../examples/sock-shop';
import { KubecraftApp, KubernetesVersion, Manifest, synthValidated } from '../../lib';
import { find, podSpec } from '../support/manifests';

/**
 * The Sock Shop chart against upstream's `deploy/kubernetes/complete-demo.yaml`
 * (microservices-demo/microservices-demo, the apps/v1 version), object by object.
 *
 * Intended differences from upstream (everything else carries over):
 *
 * | what | upstream | here | why |
 * |---|---|---|---|
 * | data stores (carts-db, orders-db, user-db, catalogue-db, session-db, rabbitmq) | Deployments, data in the container (lost on restart), ClusterIP Services | StatefulServices: StatefulSets with a 1Gi (1024Mi) volume each at the data path, headless Services of the same name and port | data survives restarts; the pattern for servers with state. Not adoptable in place: delete the old Deployments first (their data was ephemeral anyway) |
 * | unpinned images | `mongo`, `redis:alpine`, `kbudde/rabbitmq-exporter` | `mongo:3.4.24`, `redis:5.0.14-alpine`, `kbudde/rabbitmq-exporter:v0.29.0` | the policy requires pinned images (tags chosen for the demo's era; check them against your registry) |
 * | data stores' users | root, with CHOWN/SETGID/SETUID (and DAC_OVERRIDE for rabbitmq) to drop to their service user | run as that user (999) directly, no capability added, fsGroup 999 on the volume | restricted Pod Security Standard |
 * | port 80 as user 10001 | NET_BIND_SERVICE capability | the safe sysctl `net.ipv4.ip_unprivileged_port_start=0` (`bindLowPorts`), no capability | the policy judges a non-root process below 1024 by the sysctl |
 * | queue-master | a Deployment and a Service (port 80) nobody calls | a `Worker`: the Deployment only | a queue consumer has no clients |
 * | probes | liveness/readiness on catalogue, payment, user, front-end only | the same on those; carts, orders, shipping, queue-master get a startup probe (GET /health, 30 x 10 s) and liveness/readiness on /health; data stores a TCP readiness probe, no liveness (StatefulService default, relaxed with its reason) | the policy requires probes; a slow JVM start must not be killed |
 * | resources | on the services; none on the data stores | the same on the services; data stores 250m/1 cpu, 512Mi/1Gi (the StatefulService default) | the policy requires them |
 * | nodeSelector | `beta.kubernetes.io/os: linux` | `kubernetes.io/os: linux` | the beta label is deprecated |
 * | rabbitmq-exporter | a second container | a native sidecar (init container, `restartPolicy: Always`) from Kubernetes 1.29; a second container, with TCP probes, before | starts before and stops after rabbitmq |
 * | rabbitmq Service | ports 5672 (rabbitmq) and 9090 (exporter) | 5672 (rabbitmq) and 15672 (management) | the exporter is scraped on the pod (its port is declared on the sidecar) |
 * | rabbitmq root filesystem | read-only | writable, relaxed with its reason | the 3.6 entrypoint writes its config at start (it ran as root upstream) |
 * | Service annotations | `prometheus.io/scrape: 'true'` | none | scraping is configured per pod |
 * | network | no policies | `AppNetwork.isolate`: default deny, DNS, and only the calls the shop makes; the front-end from anywhere on its NodePort | least privilege, explicit |
 * | env | as upstream | as upstream, plus `<SERVICE>_HOST/_PORT/_ADDR` from `connectTo` | connectTo records the calls the policies allow |
 * | PodDisruptionBudgets | none | one per pattern, maxUnavailable 1 | the pattern default |
 *
 * Relaxations: `policy/probes` on the six StatefulSets (no liveness probe by default) and
 * `policy/read-only-root-fs` on rabbitmq, each with its reason.
 */
function render(kubernetesVersion?: KubernetesVersion): Manifest[] {
  const app = new KubecraftApp({ outdir: Testing.app().outdir, printReport: false, kubernetesVersion });
  return synthValidated(new SockShopChart(app, 'sock-shop'));
}

const m = render();
const SERVICES: [string, string, number, number][] = [
  // name, image, container port, Service port
  ['carts', 'weaveworksdemos/carts:0.4.8', 80, 80],
  ['catalogue', 'weaveworksdemos/catalogue:0.3.5', 80, 80],
  ['front-end', 'weaveworksdemos/front-end:0.3.12', 8079, 80],
  ['orders', 'weaveworksdemos/orders:0.4.7', 80, 80],
  ['payment', 'weaveworksdemos/payment:0.4.3', 80, 80],
  ['shipping', 'weaveworksdemos/shipping:0.4.8', 80, 80],
  ['user', 'weaveworksdemos/user:0.4.7', 80, 80],
];
const RESOURCES: Record<string, [string, string, string, string]> = {
  // requests cpu, memory; limits cpu, memory
  carts: ['100m', '200Mi', '300m', '500Mi'],
  catalogue: ['100m', '100Mi', '200m', '200Mi'],
  'front-end': ['100m', '300Mi', '300m', '1000Mi'],
  orders: ['100m', '300Mi', '500m', '500Mi'],
  payment: ['99m', '100Mi', '200m', '200Mi'],
  shipping: ['100m', '300Mi', '300m', '500Mi'],
  user: ['100m', '100Mi', '300m', '200Mi'],
  'queue-master': ['100m', '300Mi', '300m', '500Mi'],
};
const STORES: [string, string, number, string, string][] = [
  // name, image, port, port name, data path
  ['carts-db', 'mongo:3.4.24', 27017, 'mongo', '/data/db'],
  ['orders-db', 'mongo:3.4.24', 27017, 'mongo', '/data/db'],
  ['user-db', 'weaveworksdemos/user-db:0.3.0', 27017, 'mongo', '/data/db-users'],
  ['catalogue-db', 'weaveworksdemos/catalogue-db:0.3.0', 3306, 'mysql', '/var/lib/mysql'],
  ['session-db', 'redis:5.0.14-alpine', 6379, 'redis', '/data'],
  ['rabbitmq', 'rabbitmq:3.6.8-management', 5672, 'rabbitmq', '/var/lib/rabbitmq'],
];
const main = (workload: Manifest) => podSpec(workload).containers[0];

describe('Sock Shop', () => {
  test('the objects: 7 services, 6 data stores, the queue consumer, in namespace sock-shop', () => {
    const names = (kind: string) =>
      m
        .filter((x) => x.kind === kind)
        .map((x) => x.metadata.name)
        .sort();
    expect(names('Deployment')).toEqual([...SERVICES.map(([n]) => n), 'queue-master'].sort());
    expect(names('StatefulSet')).toEqual(STORES.map(([n]) => n).sort());
    expect(names('Service')).toEqual([...SERVICES.map(([n]) => n), ...STORES.map(([n]) => n)].sort());
    expect(find(m, 'Namespace', 'sock-shop')).toBeDefined();
  });

  test.each(SERVICES)(
    '%s: image %s, port %d behind Service port %d, adopting selector name',
    (name, image, port, sp) => {
      const d = find(m, 'Deployment', name);
      expect(d.spec.replicas).toBe(1);
      expect(d.spec.selector).toEqual({ matchLabels: { name } });
      expect(d.spec.template.metadata.labels).toMatchObject({ name });
      const c = main(d);
      expect(c.image).toBe(image);
      expect(c.ports).toEqual([{ containerPort: port, name: 'http' }]);
      expect(c.securityContext).toMatchObject({ runAsUser: 10001, runAsNonRoot: true, readOnlyRootFilesystem: true });
      const [reqCpu, reqMem, limCpu, limMem] = RESOURCES[name];
      expect(c.resources).toEqual({
        requests: { cpu: reqCpu, memory: reqMem },
        limits: { cpu: limCpu, memory: limMem },
      });
      expect(podSpec(d).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
      const s = find(m, 'Service', name);
      expect(s.spec.selector).toEqual({ name });
      expect(s.spec.ports[0]).toMatchObject({ port: sp, targetPort: port });
    },
  );

  test('front-end: NodePort 30001, SESSION_REDIS, upstream probes on /', () => {
    const s = find(m, 'Service', 'front-end');
    expect(s.spec.type).toBe('NodePort');
    expect(s.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8079, nodePort: 30001 }]);
    const c = main(find(m, 'Deployment', 'front-end'));
    expect(c.env).toContainEqual({ name: 'SESSION_REDIS', value: 'true' });
    expect(c.livenessProbe).toMatchObject({
      httpGet: { path: '/', port: 'http' },
      initialDelaySeconds: 300,
      periodSeconds: 3,
    });
    expect(c.readinessProbe).toMatchObject({
      httpGet: { path: '/', port: 'http' },
      initialDelaySeconds: 30,
      periodSeconds: 3,
    });
    expect(podSpec(find(m, 'Deployment', 'front-end')).securityContext.sysctls).toBeUndefined();
  });

  test.each(['catalogue', 'payment', 'user'])('%s: upstream probes on /health (300 s / 180 s, every 3 s)', (name) => {
    const c = main(find(m, 'Deployment', name));
    expect(c.livenessProbe).toMatchObject({
      httpGet: { path: '/health', port: 'http' },
      initialDelaySeconds: 300,
      periodSeconds: 3,
    });
    expect(c.readinessProbe).toMatchObject({
      httpGet: { path: '/health', port: 'http' },
      initialDelaySeconds: 180,
      periodSeconds: 3,
    });
  });

  test.each(['carts', 'orders', 'shipping', 'queue-master'])(
    '%s: JAVA_OPTS, a startup probe, /tmp on tmpfs',
    (name) => {
      const d = find(m, 'Deployment', name);
      const c = main(d);
      expect(c.env).toContainEqual({
        name: 'JAVA_OPTS',
        value: '-Xms64m -Xmx128m -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom -Dspring.zipkin.enabled=false',
      });
      expect(c.startupProbe).toMatchObject({ httpGet: { path: '/health', port: 'http' }, failureThreshold: 30 });
      expect(podSpec(d).securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
      if (name !== 'queue-master') {
        expect(c.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp-volume' }]);
        expect(podSpec(d).volumes).toEqual([{ name: 'tmp-volume', emptyDir: { medium: 'Memory' } }]);
      }
    },
  );

  test('catalogue runs /app -port=80; user gets mongo=user-db:27017; shipping its ZIPKIN', () => {
    const catalogue = main(find(m, 'Deployment', 'catalogue'));
    expect(catalogue.command).toEqual(['/app']);
    expect(catalogue.args).toEqual(['-port=80']);
    expect(main(find(m, 'Deployment', 'user')).env).toContainEqual({ name: 'mongo', value: 'user-db:27017' });
    expect(main(find(m, 'Deployment', 'shipping')).env).toContainEqual({
      name: 'ZIPKIN',
      value: 'zipkin.jaeger.svc.cluster.local',
    });
  });

  test('queue-master is a Worker: a Deployment with no Service', () => {
    expect(m.some((x) => x.kind === 'Service' && x.metadata.name === 'queue-master')).toBe(false);
    const c = main(find(m, 'Deployment', 'queue-master'));
    expect(c.image).toBe('weaveworksdemos/queue-master:0.3.1');
    expect(c.ports).toEqual([{ containerPort: 80, name: 'http' }]);
  });

  test.each(STORES)('%s: %s on %d (%s), data at %s, non-root', (name, image, port, portName, dataPath) => {
    const ss = find(m, 'StatefulSet', name);
    expect(ss.spec.replicas).toBe(1);
    const c = main(ss);
    expect(c.image).toBe(image);
    expect(c.ports[0]).toEqual({ containerPort: port, name: portName });
    expect(c.volumeMounts).toContainEqual({ mountPath: dataPath, name: 'data' });
    expect(c.securityContext.runAsUser).toBe(999);
    expect(c.readinessProbe.tcpSocket).toEqual({ port: portName });
    expect(c.livenessProbe).toBeUndefined();
    expect(ss.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(find(m, 'Service', name).spec.ports[0]).toMatchObject({ port, targetPort: port });
  });

  test('catalogue-db: the upstream MYSQL_* env', () => {
    expect(main(find(m, 'StatefulSet', 'catalogue-db')).env).toEqual([
      { name: 'MYSQL_ROOT_PASSWORD', value: 'fake_password' },
      { name: 'MYSQL_DATABASE', value: 'socksdb' },
    ]);
  });

  test('rabbitmq: management port, the exporter as a native sidecar (1.29+) or a second container (1.28)', () => {
    const ss = find(m, 'StatefulSet', 'rabbitmq');
    expect(main(ss).ports).toEqual([
      { containerPort: 5672, name: 'rabbitmq' },
      { containerPort: 15672, name: 'management' },
    ]);
    const [sidecar] = podSpec(ss).initContainers;
    expect(sidecar).toMatchObject({
      name: 'rabbitmq-exporter',
      image: 'kbudde/rabbitmq-exporter:v0.29.0',
      restartPolicy: 'Always',
      ports: [{ containerPort: 9090, name: 'exporter' }],
    });
    expect(ss.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'false' });
    const old = find(render('1.28'), 'StatefulSet', 'rabbitmq');
    expect(podSpec(old).initContainers).toBeUndefined();
    expect(podSpec(old).containers.map((c: { name: string }) => c.name)).toEqual(['rabbitmq', 'rabbitmq-exporter']);
  });

  test('the network is isolated explicitly: only the shop calls are allowed', () => {
    const allowed = m
      .filter((x) => x.kind === 'NetworkPolicy')
      .map((x) => x.metadata.name ?? '')
      .filter((n) => n.startsWith('allow-') && !n.includes('-egress-'))
      .sort();
    expect(allowed).toEqual(
      [
        'allow-carts-to-carts-db',
        'allow-catalogue-to-catalogue-db',
        'allow-front-end-to-carts',
        'allow-front-end-to-catalogue',
        'allow-front-end-to-orders',
        'allow-front-end-to-session-db',
        'allow-front-end-to-user',
        'allow-orders-to-carts',
        'allow-orders-to-orders-db',
        'allow-orders-to-payment',
        'allow-orders-to-shipping',
        'allow-orders-to-user',
        'allow-outside-to-front-end',
        'allow-queue-master-to-rabbitmq',
        'allow-shipping-to-rabbitmq',
        'allow-user-to-user-db',
      ].sort(),
    );
    expect(find(m, 'NetworkPolicy', 'kubecraft-default-deny').spec.policyTypes).toEqual(['Egress', 'Ingress']);
  });
});
