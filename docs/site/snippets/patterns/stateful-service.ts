import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ExistingSecret, KubecraftApp, KubecraftChart, StatefulService, WebService } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

// the password is not in the manifests: the Secret is created in the cluster by other means
const credentials = ExistingSecret.fromName(
  chart,
  'db-credentials',
  ['password'],
  'synced from Vault by external-secrets',
);

const db = new StatefulService(chart, 'db', {
  image: 'postgres:16.2',
  port: 5432,
  user: 999, // the image's postgres user
  storage: Size.gibibytes(20),
  dataPath: '/var/lib/postgresql/data',
  writablePaths: ['/tmp', '/var/run/postgresql'],
  env: {
    PGDATA: '/var/lib/postgresql/data/pgdata',
    POSTGRES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }),
  },
});

const api = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:1.4.2' });
api.connectTo(db); // DB_HOST=db.shop.svc.cluster.local, DB_PORT=5432, DB_ADDR in api's container

app.synth();
