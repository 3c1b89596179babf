// The app, as a function the tests can build without writing anything (as `kubecraft init` does).
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, StatefulService, WebService } from 'kubecraft';

export function buildShop(app: KubecraftApp): KubecraftChart {
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
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', replicas: 3 });
  web.connectTo(db);
  return chart;
}

if (require.main === module) {
  const app = new KubecraftApp();
  buildShop(app);
  app.synth();
}
