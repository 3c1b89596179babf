// The home page's example: a three-tier shop in a few lines.
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppNetwork, Exposure, KubecraftApp, KubecraftChart, StatefulService, WebService } from 'kubecraft';

// #region shop
const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

const db = new StatefulService(chart, 'db', {
  image: 'postgres:16.2',
  port: 5432,
  user: 999,
  storage: Size.gibibytes(10),
  dataPath: '/var/lib/postgresql/data',
  writablePaths: ['/tmp', '/var/run/postgresql'],
});
const api = new WebService(chart, 'api', {
  image: 'ghcr.io/acme/api:1.4.2',
  exposure: Exposure.ingress({ host: 'api.example.com', className: 'nginx' }),
});
api.connectTo(db); // DB_HOST=db.shop.svc.cluster.local, DB_PORT, DB_ADDR
AppNetwork.isolate(chart); // default deny, then only ingress -> api -> db

app.synth(); // validated: dist/setup/shop.k8s.yaml, dist/shop.k8s.yaml, dist/Kustomization
// #endregion shop
