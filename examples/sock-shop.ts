import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AppNetwork,
  Exposure,
  nativeSidecarsSupported,
  Probes,
  StatefulService,
  StatefulServiceProps,
  WebService,
  Worker,
} from '../lib';
import { ScenarioChart } from './scenario-chart';

/** `limits` / `requests` as upstream writes them: cpu in millicores, memory in MiB. */
function resources(cpu: [number, number], memoryMiB: [number, number]): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(cpu[0]), limit: kplus.Cpu.millis(cpu[1]) },
    memory: { request: Size.mebibytes(memoryMiB[0]), limit: Size.mebibytes(memoryMiB[1]) },
  };
}

const JAVA_OPTS = '-Xms64m -Xmx128m -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom -Dspring.zipkin.enabled=false';
const TMPFS = (scope: Construct, id: string) =>
  kplus.Volume.fromEmptyDir(scope, id, 'tmp-volume', { medium: kplus.EmptyDirMedium.MEMORY });

/**
 * The Weaveworks Sock Shop (`deploy/kubernetes/complete-demo.yaml` of
 * microservices-demo/microservices-demo) with kubecraft's patterns: eight services, five data
 * stores and a queue consumer in namespace `sock-shop`, isolated by NetworkPolicies that allow
 * exactly the calls below.
 *
 * The stateless services adopt upstream's Deployments (`selector: { name }`), so
 * `kubectl apply` takes over a running Sock Shop; the data stores become StatefulSets with
 * volumes (upstream keeps their data in the container), and queue-master a `Worker` (upstream
 * gives it a Service nobody calls). Intended differences are listed in
 * `test/examples/sock-shop.test.ts`.
 */
export class SockShopChart extends ScenarioChart {
  public readonly frontEnd: WebService;
  public readonly services: Readonly<Record<string, WebService>>;
  public readonly stores: Readonly<Record<string, StatefulService>>;
  public readonly queueMaster: Worker;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'sock-shop' });
    const common = {
      partOf: 'sock-shop',
      replicas: 1,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
    };
    // the Weaveworks images listen on port 80 as user 10001 (a Worker declares its `ports`)
    const asUser10001 = { ...common, user: 10001, bindLowPorts: true };
    const onPort80 = { ...asUser10001, port: 80 };
    const health = (initialDelay: number, readinessDelay: number, path = '/health') => ({
      healthPath: path,
      liveness: Probes.httpGet(path, {
        port: 'http',
        initialDelaySeconds: Duration.seconds(initialDelay),
        periodSeconds: Duration.seconds(3),
      }),
      readiness: Probes.httpGet(path, {
        port: 'http',
        initialDelaySeconds: Duration.seconds(readinessDelay),
        periodSeconds: Duration.seconds(3),
      }),
    });
    // the Spring Boot services have no probes upstream: a startup probe covers their slow start
    const java = {
      env: { JAVA_OPTS },
      startup: Probes.httpGet('/health', {
        port: 'http',
        periodSeconds: Duration.seconds(10),
        failureThreshold: 30,
      }),
      liveness: Probes.httpGet('/health', { port: 'http', periodSeconds: Duration.seconds(10) }),
      readiness: Probes.httpGet('/health', { port: 'http', periodSeconds: Duration.seconds(5) }),
    };
    const adopt = (name: string) => ({ selector: { name } });

    // data stores: non-root as the images' own users, data on volumes
    const store = (name: string, props: Omit<StatefulServiceProps, 'storage'> & { storage?: Size }) =>
      new StatefulService(this, name, {
        ...common,
        storage: Size.gibibytes(1),
        ...props,
      });
    const mongo = (name: string, image: string, dataPath = '/data/db') =>
      store(name, {
        image,
        port: 27017,
        portName: 'mongo',
        user: 999, // mongodb; the entrypoint skips its root-only chown and gosu steps
        dataPath,
        mounts: [{ path: '/tmp', volume: TMPFS(this, `${name}-tmp`) }],
        writablePaths: [],
      });
    const cartsDb = mongo('carts-db', 'mongo:3.4.24');
    const ordersDb = mongo('orders-db', 'mongo:3.4.24');
    const userDb = mongo('user-db', 'weaveworksdemos/user-db:0.3.0', '/data/db-users');
    const catalogueDb = store('catalogue-db', {
      image: 'weaveworksdemos/catalogue-db:0.3.0',
      port: 3306,
      portName: 'mysql',
      user: 999, // mysql
      dataPath: '/var/lib/mysql',
      writablePaths: ['/var/run/mysqld', '/tmp'],
      // the password the catalogue service has compiled in; a demo value, as upstream
      env: { MYSQL_ROOT_PASSWORD: 'fake_password', MYSQL_DATABASE: 'socksdb' },
    });
    const sessionDb = store('session-db', {
      image: 'redis:5.0.14-alpine',
      port: 6379,
      portName: 'redis',
      user: 999, // redis
      dataPath: '/data',
      podAnnotations: { 'prometheus.io.scrape': 'false' },
    });
    const exporter: kplus.ContainerProps = {
      name: 'rabbitmq-exporter',
      image: 'kbudde/rabbitmq-exporter:v0.29.0',
      ports: [{ number: 9090, name: 'exporter' }],
      resources: resources([50, 100], [32, 64]),
    };
    const exporterProbe = Probes.tcpSocket({ port: 'exporter' });
    const rabbitmq = store('rabbitmq', {
      image: 'rabbitmq:3.6.8-management',
      port: 5672,
      portName: 'rabbitmq',
      extraPorts: [{ name: 'management', port: 15672 }],
      user: 999, // rabbitmq
      dataPath: '/var/lib/rabbitmq',
      writableRootFilesystemReason:
        "rabbitmq 3.6's entrypoint writes /etc/rabbitmq/rabbitmq.config next to the image's enabled_plugins at every start",
      podAnnotations: { 'prometheus.io/scrape': 'false' },
      // the metrics exporter: a native sidecar where the target Kubernetes has them (1.29+),
      // else a second container as upstream has it (which then needs its own probes)
      ...(nativeSidecarsSupported(this)
        ? { sidecars: [exporter] }
        : { extraContainers: [{ ...exporter, liveness: exporterProbe, readiness: exporterProbe }] }),
    });
    this.stores = {
      'carts-db': cartsDb,
      'orders-db': ordersDb,
      'user-db': userDb,
      'catalogue-db': catalogueDb,
      'session-db': sessionDb,
      rabbitmq,
    };

    const carts = new WebService(this, 'carts', {
      ...onPort80,
      ...adopt('carts'),
      ...java,
      image: 'weaveworksdemos/carts:0.4.8',
      resources: resources([100, 300], [200, 500]),
      mounts: [{ path: '/tmp', volume: TMPFS(this, 'carts-tmp') }],
      writablePaths: [],
    });
    carts.connectTo(cartsDb);
    const catalogue = new WebService(this, 'catalogue', {
      ...onPort80,
      ...adopt('catalogue'),
      ...health(300, 180),
      image: 'weaveworksdemos/catalogue:0.3.5',
      command: ['/app'],
      args: ['-port=80'],
      resources: resources([100, 200], [100, 200]),
    });
    catalogue.connectTo(catalogueDb);
    const payment = new WebService(this, 'payment', {
      ...onPort80,
      ...adopt('payment'),
      ...health(300, 180),
      image: 'weaveworksdemos/payment:0.4.3',
      resources: resources([99, 200], [100, 200]),
    });
    const user = new WebService(this, 'user', {
      ...onPort80,
      ...adopt('user'),
      ...health(300, 180),
      image: 'weaveworksdemos/user:0.4.7',
      env: { mongo: 'user-db:27017' },
      resources: resources([100, 300], [100, 200]),
    });
    user.connectTo(userDb);
    const shipping = new WebService(this, 'shipping', {
      ...onPort80,
      ...adopt('shipping'),
      ...java,
      image: 'weaveworksdemos/shipping:0.4.8',
      env: { ZIPKIN: 'zipkin.jaeger.svc.cluster.local', JAVA_OPTS },
      resources: resources([100, 300], [300, 500]),
      mounts: [{ path: '/tmp', volume: TMPFS(this, 'shipping-tmp') }],
      writablePaths: [],
    });
    shipping.connectTo(rabbitmq);
    const orders = new WebService(this, 'orders', {
      ...onPort80,
      ...adopt('orders'),
      ...java,
      image: 'weaveworksdemos/orders:0.4.7',
      resources: resources([100, 500], [300, 500]),
      mounts: [{ path: '/tmp', volume: TMPFS(this, 'orders-tmp') }],
      writablePaths: [],
    });
    for (const target of [ordersDb, carts, user, payment, shipping]) orders.connectTo(target);

    this.queueMaster = new Worker(this, 'queue-master', {
      ...asUser10001,
      ...adopt('queue-master'),
      ...java,
      ports: [{ name: 'http', port: 80 }],
      image: 'weaveworksdemos/queue-master:0.3.1',
      resources: resources([100, 300], [300, 500]),
    });
    this.queueMaster.connectTo(rabbitmq);

    this.frontEnd = new WebService(this, 'front-end', {
      ...common,
      ...adopt('front-end'),
      ...health(300, 30, '/'),
      image: 'weaveworksdemos/front-end:0.3.12',
      port: 8079,
      user: 10001,
      env: { SESSION_REDIS: 'true' },
      resources: resources([100, 300], [300, 1000]),
      exposure: Exposure.nodePort(30001),
    });
    for (const target of [catalogue, carts, orders, user, sessionDb]) this.frontEnd.connectTo(target);
    this.services = { carts, catalogue, payment, user, shipping, orders, 'front-end': this.frontEnd };

    // explicit isolation: default deny for the shop's pods, DNS, and only the calls above
    AppNetwork.isolate(this);
  }
}
