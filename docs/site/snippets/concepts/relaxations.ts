// Relaxations (reasoned exceptions to policy rules) and externals (what exists outside the app).
import * as kplus from 'cdk8s-plus-27';
import { External, KubecraftApp, KubecraftChart, NodeAgent, Policy, WebService } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

// #region relax-construct
const legacy = new WebService(chart, 'legacy', {
  image: 'ghcr.io/acme/legacy:0.9.1',
  writableRootFilesystemReason: 'the vendor binary unpacks itself into /opt at start',
  liveness: false, // the image serves no health endpoint
  readiness: false,
});
// one construct and everything below it
Policy.relax(legacy, 'policy/probes', 'the vendor image has no health endpoint; tracked in ACME-1234');
// #endregion relax-construct

// #region pattern-reasons
new NodeAgent(chart, 'node-exporter', {
  image: 'quay.io/prometheus/node-exporter:v1.8.2',
  port: 9100,
  hostPaths: [
    { hostPath: '/proc', mountPath: '/host/proc', reason: 'reads the node kernel metrics' },
    { hostPath: '/sys', mountPath: '/host/sys', reason: 'reads the node hardware metrics' },
  ],
});
// #endregion pattern-reasons

// #region externals
External.namespace(chart, 'monitoring', 'created by the platform team');
External.secret(chart, 'registry-credentials', 'created by the CI pipeline', { keys: ['.dockerconfigjson'] });
External.configMap(chart, 'feature-flags', 'owned by the flags service', { keys: ['checkout'] });
const web = new WebService(chart, 'web', {
  image: 'ghcr.io/acme/web:2.0.1',
  env: {
    CHECKOUT_FLAG: kplus.EnvValue.fromConfigMap(
      kplus.ConfigMap.fromConfigMapName(chart, 'flags', 'feature-flags'),
      'checkout',
    ),
  },
});
new kplus.ConfigMap(chart, 'shop-dashboard', {
  metadata: { namespace: 'monitoring', labels: { grafana_dashboard: '1' } },
  data: { 'shop.json': '{"title": "shop"}' },
});
// #endregion externals

void web;
app.synth();
