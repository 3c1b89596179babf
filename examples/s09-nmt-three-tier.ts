import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppNetwork, ExistingSecret, Exposure, Probes, StatefulService, WebService } from '../lib';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenarios 9 and 14 (seeds 004, 000): the nginx → tomcat → mysql ("nmt") three-tier design,
 * built with kubecraft's patterns. Each tier is a controller plus a Service; each finds the next
 * by the Service's DNS name, wired by `connectTo` (environment variables `APP_*` and `DB_*`,
 * and the nginx proxy target, all from the Service objects, never pod IPs). `connectTo` and the
 * Ingress exposure also write the NetworkPolicies: default deny for the app's pods, DNS allowed,
 * then only outside → nginx:8080 → tomcat:8080 → mysql:3306.
 *
 * Non-root, per tier: nginx as its `nginx` user (101) on 8080, tomcat as 65534, mysql as its
 * `mysql` user (999); every path they write is an `emptyDir` (or mysql's data volume). The
 * root password comes from the existing Secret `nmt-mysql`, never from the manifests.
 */
export class NmtThreeTierChart extends ScenarioChart {
  public readonly front: WebService;
  public readonly app: WebService;
  public readonly db: StatefulService;
  public readonly frontConfig: kplus.ConfigMap;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'nmt' });
    const tcp = Probes.tcpSocket({ port: 'http' });

    const credentials = ExistingSecret.fromName(
      this,
      'nmt-mysql',
      ['root-password'],
      'created by the platform team with kubectl create secret',
    );
    this.db = new StatefulService(this, 'mysql', {
      image: 'mysql:8.0.35',
      partOf: 'nmt',
      port: 3306,
      portName: 'mysql',
      user: 999,
      storage: Size.gibibytes(10),
      dataPath: '/var/lib/mysql',
      writablePaths: ['/var/run/mysqld', '/tmp'],
      env: {
        MYSQL_DATABASE: 'nmt',
        MYSQL_ROOT_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'root-password' }),
      },
      readiness: Probes.exec(['mysqladmin', 'ping', '-h', '127.0.0.1']),
      liveness: Probes.tcpSocket({
        port: 'mysql',
        initialDelaySeconds: Duration.seconds(30),
        periodSeconds: Duration.seconds(10),
      }),
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
    });

    this.app = new WebService(this, 'tomcat', {
      image: 'tomcat:9.0.82',
      component: 'app',
      partOf: 'nmt',
      port: 8080,
      servicePort: 8080,
      user: 65534,
      writablePaths: ['/usr/local/tomcat/logs', '/usr/local/tomcat/temp', '/usr/local/tomcat/work'],
      env: { JDBC_URL: `jdbc:mysql://${this.db.dnsName}:${this.db.servicePort}/nmt` },
      liveness: tcp,
      readiness: tcp,
    });
    this.app.connectTo(this.db, { envPrefix: 'DB' });

    this.frontConfig = new kplus.ConfigMap(this, 'nginx-conf', {
      data: {
        'default.conf': `server {\n  listen 8080;\n  location / {\n    proxy_pass http://${this.app.dnsName}:${this.app.servicePort};\n  }\n}\n`,
      },
    });
    this.front = new WebService(this, 'nginx', {
      image: 'nginx:1.25.3',
      component: 'front',
      partOf: 'nmt',
      port: 8080,
      user: 101,
      files: [{ path: '/etc/nginx/conf.d', from: this.frontConfig }],
      writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'],
      liveness: tcp,
      readiness: tcp,
      exposure: Exposure.ingress({ host: 'nmt.example.com', className: 'nginx' }), // scenario 14
    });
    this.front.connectTo(this.app, { envPrefix: 'APP' });
    AppNetwork.isolate(this); // default deny, DNS, and only the traffic declared above
  }
}
