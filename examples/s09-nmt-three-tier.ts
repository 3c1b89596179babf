import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Probes, StatefulSet } from '../lib';
import { smallResources, writablePaths } from './non-root';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenarios 9 and 14 (seeds 004, 000): the nginx → tomcat → mysql ("nmt") three-tier design.
 *
 * Each tier has its own controller and Service; each finds the next by the Service's DNS name,
 * built from the Service object (`serviceDns(...)`), never typed by hand and never a pod IP.
 * The front is reached from outside through an Ingress (scenario 14). NetworkPolicies deny
 * everything by default and allow only outside → front:8080 → app:8080 → db:3306, plus DNS.
 *
 * Non-root, per tier:
 * - front: nginx 1.25.3 as its `nginx` user (uid 101), listening on 8080 (no privileged
 *   port), with /var/cache/nginx, /var/run and /tmp on `emptyDir`s; its proxy config comes
 *   from a ConfigMap.
 * - app: tomcat 9.0.82 as uid 65534, with its logs, temp and work directories on `emptyDir`s.
 * - db: mysql 8.0.35 as its `mysql` user (uid 999, fsGroup 999) with data on a per-pod
 *   PersistentVolumeClaim and /var/run/mysqld and /tmp on `emptyDir`s. The root password comes
 *   from the existing Secret `nmt-mysql` (never written into the manifests).
 */
export class NmtThreeTierChart extends ScenarioChart {
  public readonly front: kplus.Deployment;
  public readonly frontService: kplus.Service;
  public readonly frontConfig: kplus.ConfigMap;
  public readonly app: kplus.Deployment;
  public readonly appService: kplus.Service;
  public readonly db: StatefulSet;
  public readonly dbService: kplus.Service;
  public readonly ingress: kplus.Ingress;
  public readonly dbCredentials: kplus.ISecret;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'nmt' });

    // db tier: mysql StatefulSet behind a headless Service
    this.dbCredentials = kplus.Secret.fromSecretName(this, 'nmt-mysql', 'nmt-mysql');
    const dbLabels = { 'app.kubernetes.io/name': 'nmt', 'app.kubernetes.io/component': 'db' };
    this.dbService = new kplus.Service(this, 'mysql', { clusterIP: 'None', ports: [{ port: 3306, targetPort: 3306, name: 'mysql' }] });
    for (const [k, v] of Object.entries(dbLabels)) this.dbService.selectLabel(k, v);
    this.db = new StatefulSet(this, 'db', {
      service: this.dbService,
      replicas: 1,
      select: false,
      podMetadata: { labels: dbLabels },
      securityContext: { user: 999, group: 999, fsGroup: 999 },
      volumeClaimTemplates: [{ name: 'data', storage: Size.gibibytes(10), mountPath: '/var/lib/mysql' }],
    });
    this.db.select(kplus.LabelSelector.of({ labels: dbLabels }));
    const mysql = this.db.addContainer({
      name: 'mysql',
      image: 'mysql:8.0.35',
      ports: [{ number: 3306, name: 'mysql' }],
      envVariables: {
        MYSQL_DATABASE: kplus.EnvValue.fromValue('nmt'),
        MYSQL_ROOT_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: this.dbCredentials, key: 'root-password' }),
      },
      securityContext: { user: 999, group: 999 },
      resources: smallResources(500, 512),
      liveness: Probes.tcpSocket({ port: 'mysql', initialDelaySeconds: Duration.seconds(30) }),
      readiness: Probes.exec(['mysqladmin', 'ping', '-h', '127.0.0.1'], { periodSeconds: Duration.seconds(10) }),
    });
    writablePaths(this.db, mysql, ['/var/run/mysqld', '/tmp']);

    // app tier: tomcat, given the db's address by its Service DNS name
    const appLabels = { 'app.kubernetes.io/name': 'nmt', 'app.kubernetes.io/component': 'app' };
    this.app = new kplus.Deployment(this, 'tomcat', {
      replicas: 2,
      select: false,
      podMetadata: { labels: appLabels },
      securityContext: { user: 65534, group: 65534 },
    });
    this.app.select(kplus.LabelSelector.of({ labels: appLabels }));
    const dbHost = this.serviceDns(this.dbService);
    const tomcat = this.app.addContainer({
      name: 'tomcat',
      image: 'tomcat:9.0.82',
      ports: [{ number: 8080, name: 'http' }],
      envVariables: {
        DB_HOST: kplus.EnvValue.fromValue(dbHost),
        DB_PORT: kplus.EnvValue.fromValue('3306'),
        JDBC_URL: kplus.EnvValue.fromValue(`jdbc:mysql://${dbHost}:3306/nmt`),
      },
      securityContext: { user: 65534, group: 65534 },
      resources: smallResources(250, 512),
      liveness: Probes.tcpSocket({ port: 'http', initialDelaySeconds: Duration.seconds(20) }),
      readiness: Probes.tcpSocket({ port: 'http', periodSeconds: Duration.seconds(5) }),
    });
    writablePaths(this.app, tomcat, ['/usr/local/tomcat/logs', '/usr/local/tomcat/temp', '/usr/local/tomcat/work']);
    this.appService = new kplus.Service(this, 'tomcat-service', { ports: [{ port: 8080, targetPort: 8080, name: 'http' }] });
    for (const [k, v] of Object.entries(appLabels)) this.appService.selectLabel(k, v);

    // front tier: nginx proxying to the app's Service DNS name
    const frontLabels = { 'app.kubernetes.io/name': 'nmt', 'app.kubernetes.io/component': 'front' };
    this.frontConfig = new kplus.ConfigMap(this, 'nginx-conf', {
      data: {
        'default.conf': [
          'server {',
          '  listen 8080;',
          '  location / {',
          `    proxy_pass http://${this.serviceDns(this.appService)}:8080;`,
          '    proxy_set_header Host $host;',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
    });
    this.front = new kplus.Deployment(this, 'nginx', {
      replicas: 2,
      select: false,
      podMetadata: { labels: frontLabels },
      securityContext: { user: 101, group: 101 },
    });
    this.front.select(kplus.LabelSelector.of({ labels: frontLabels }));
    const nginx = this.front.addContainer({
      name: 'nginx',
      image: 'nginx:1.25.3',
      ports: [{ number: 8080, name: 'http' }],
      securityContext: { user: 101, group: 101 },
      resources: smallResources(100, 64),
      liveness: Probes.tcpSocket({ port: 'http' }),
      readiness: Probes.tcpSocket({ port: 'http', periodSeconds: Duration.seconds(5) }),
    });
    nginx.mount('/etc/nginx/conf.d', kplus.Volume.fromConfigMap(this, 'nginx-conf-volume', this.frontConfig), { readOnly: true });
    writablePaths(this.front, nginx, ['/var/cache/nginx', '/var/run', '/tmp']);
    this.frontService = new kplus.Service(this, 'nginx-service', { ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
    for (const [k, v] of Object.entries(frontLabels)) this.frontService.selectLabel(k, v);

    // scenario 14: the front reachable from outside through an Ingress
    this.ingress = new kplus.Ingress(this, 'nmt', {
      className: 'nginx',
      rules: [{ host: 'nmt.example.com', path: '/', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(this.frontService, { port: 80 }) }],
    });

    // network policies: deny by default, then allow only the tier chain and DNS
    const allPods = kplus.Pods.all(this, 'all-pods');
    const frontPods = kplus.Pods.select(this, 'front-pods', { labels: frontLabels });
    const appPods = kplus.Pods.select(this, 'app-pods', { labels: appLabels });
    const dbPods = kplus.Pods.select(this, 'db-pods', { labels: dbLabels });
    new kplus.NetworkPolicy(this, 'default-deny', {
      selector: allPods,
      ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
      egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    });
    const kubeDns = kplus.Pods.select(this, 'kube-dns', {
      labels: { 'k8s-app': 'kube-dns' },
      namespaces: kplus.Namespaces.select(this, 'kube-system', { names: ['kube-system'] }),
    });
    new kplus.NetworkPolicy(this, 'allow-dns', {
      selector: allPods,
      egress: { rules: [{ peer: kubeDns, ports: [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)] }] },
    });
    new kplus.NetworkPolicy(this, 'allow-front', {
      selector: frontPods,
      ingress: { rules: [{ peer: kplus.NetworkPolicyIpBlock.anyIpv4(this, 'anywhere'), ports: [kplus.NetworkPolicyPort.tcp(8080)] }] },
      egress: { rules: [{ peer: appPods, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] },
    });
    new kplus.NetworkPolicy(this, 'allow-app', {
      selector: appPods,
      ingress: { rules: [{ peer: frontPods, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] },
      egress: { rules: [{ peer: dbPods, ports: [kplus.NetworkPolicyPort.tcp(3306)] }] },
    });
    new kplus.NetworkPolicy(this, 'allow-db', {
      selector: dbPods,
      ingress: { rules: [{ peer: appPods, ports: [kplus.NetworkPolicyPort.tcp(3306)] }] },
    });
  }
}
