// Delivery to many clusters: the clusters declared once, Argo CD and Flux objects per cluster.
import * as kplus from 'cdk8s-plus-27';
import {
  ArgoCdDelivery,
  Clusters,
  Environments,
  FluxDelivery,
  FluxDeliverySource,
  KubecraftApp,
  KubecraftChart,
  WebService,
} from 'kubecraft';

// #region clusters
const app = new KubecraftApp();
for (const env of Environments.define(app, { staging: { replicas: 2 }, prod: { replicas: 4 } })) {
  const chart = new KubecraftChart(env, 'shop', { namespace: 'shop' });
  new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', replicas: env.config.replicas });
}
// one line per cluster; each runs one environment
new Clusters(app, 'clusters', {
  clusters: [
    { name: 'staging', environment: 'staging', server: 'https://staging.k8s.example.com' },
    { name: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com', labels: { region: 'eu' } },
    { name: 'prod-us', environment: 'prod', server: 'https://us.k8s.example.com', labels: { region: 'us' } },
  ],
});
const repo = 'https://github.com/acme/shop-deploy.git';
// dist/argocd/: an AppProject and one ApplicationSet (an Application per cluster)
new ArgoCdDelivery(app, 'shop-argocd', { appName: 'shop', repoURL: repo, targetRevision: 'main' });
// dist/flux-<cluster>/: the source and one Kustomization per cluster
new FluxDelivery(app, 'shop-flux', {
  appName: 'shop',
  source: FluxDeliverySource.git({ url: repo, ref: { branch: 'main' } }),
});
app.synth();
// #endregion clusters
