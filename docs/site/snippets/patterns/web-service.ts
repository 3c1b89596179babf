import * as kplus from 'cdk8s-plus-27';
import { Exposure, KubecraftApp, KubecraftChart, WebService } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

const settings = new kplus.ConfigMap(chart, 'web-settings', { data: { LOG_LEVEL: 'info' } });

new WebService(chart, 'web', {
  image: 'ghcr.io/acme/web:2.0.1', // listens on 8080, serves GET /healthz
  envFrom: [settings], // a change of the ConfigMap rolls the pods (kubecraft.io/config-hash)
  exposure: Exposure.ingress({ host: 'shop.example.com', className: 'nginx' }),
  autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 60 },
});

app.synth();
