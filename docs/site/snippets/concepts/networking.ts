// Wiring: connectTo gives addresses; AppNetwork.isolate turns the connections into NetworkPolicies.
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppNetwork, Exposure, KubecraftApp, KubecraftChart, StatefulService, WebService } from 'kubecraft';

const app = new KubecraftApp();
const shop = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(shop, 'shop-ns', { metadata: { name: 'shop' } });

// #region connect
const db = new StatefulService(shop, 'mysql', {
  image: 'mysql:8.0.35',
  port: 3306,
  user: 999,
  storage: Size.gibibytes(10),
  dataPath: '/var/lib/mysql',
  writablePaths: ['/tmp', '/var/run/mysqld'],
});
const api = new WebService(shop, 'api', { image: 'ghcr.io/acme/api:1.4.2' });
const web = new WebService(shop, 'web', {
  image: 'ghcr.io/acme/web:2.0.1',
  exposure: Exposure.ingress({ host: 'shop.example.com', className: 'nginx' }),
});
web.connectTo(api); // API_HOST=api.shop.svc.cluster.local, API_PORT=80, API_ADDR=api.shop.svc.cluster.local:80
api.connectTo(db, { envPrefix: 'DB' }); // DB_HOST=mysql.shop.svc.cluster.local, DB_PORT=3306, DB_ADDR
// #endregion connect

// #region isolate
AppNetwork.isolate(shop, {
  ingressControllerNamespace: 'ingress-nginx', // the only way in from outside: the Ingress controller
  egress: [{ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'], ports: [443] }], // HTTPS out, no metadata API
});
// #endregion isolate

// #region other-namespace
// across namespaces: each namespace writes its own side of the allow
const payments = new KubecraftChart(app, 'payments', { namespace: 'payments' });
new kplus.Namespace(payments, 'payments-ns', { metadata: { name: 'payments' } });
const gateway = new WebService(payments, 'gateway', { image: 'ghcr.io/acme/payments-gateway:5.0.0' });
api.connectTo(gateway); // GATEWAY_HOST=gateway.payments.svc.cluster.local
AppNetwork.isolate(payments);
// #endregion other-namespace

// #region no-namespace
// a chart without a namespace: its objects carry none (kubectl's namespace applies), and
// connectTo gives the bare Service name, which resolves from pods of the same namespace only
const tools = new KubecraftChart(app, 'tools');
const cache = new WebService(tools, 'cache', { image: 'ghcr.io/acme/cache:1.0.0' });
const report = new WebService(tools, 'report', { image: 'ghcr.io/acme/report-ui:1.2.0' });
report.connectTo(cache); // CACHE_HOST=cache, CACHE_PORT=80, CACHE_ADDR=cache:80
// #endregion no-namespace

app.synth();
