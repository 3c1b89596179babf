// Environments: typed configuration declared once; each environment's charts go to dist/<env>/.
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Environments, Exposure, KubecraftApp, KubecraftChart, WebService } from 'kubecraft';

// #region config
interface ShopConfig {
  readonly replicas: number;
  readonly host: string;
  readonly imageTag: string;
}

class ShopChart extends KubecraftChart {
  constructor(scope: Construct, id: string, config: ShopConfig) {
    super(scope, id, { namespace: 'shop' });
    new kplus.Namespace(this, 'shop-ns', { metadata: { name: 'shop' } });
    new WebService(this, 'web', {
      image: `ghcr.io/acme/web:${config.imageTag}`,
      replicas: config.replicas,
      exposure: Exposure.ingress({ host: config.host, className: 'nginx' }),
    });
  }
}
// #endregion config

// #region define
const app = new KubecraftApp();
const environments = Environments.define<ShopConfig>(
  app,
  {
    dev: { replicas: 1, host: 'shop.dev.example.com', imageTag: '2.1.0-rc.1' },
    staging: { replicas: 2, host: 'shop.staging.example.com', imageTag: '2.0.1' },
    prod: { replicas: 4, host: 'shop.example.com', imageTag: '2.0.1' },
  },
  { validate: (c) => (c.replicas < 1 ? ['replicas must be at least 1'] : []) },
);
for (const env of environments) {
  new ShopChart(env, 'shop', env.config); // dist/dev/shop.k8s.yaml, dist/staging/..., dist/prod/...
}
// #endregion define

app.synth();
