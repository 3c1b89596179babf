import { App } from 'cdk8s';
import { ArgoCdApplication, Clusters, Environments, KubecraftChart } from 'kubecraft';

export const follows =
  "Argo CD's application controller: an Application whose destination (`server`, or `name`) is no cluster Argo CD knows is `Unknown`, and nothing is synced. The API server does not check it; kubecraft checks it against the clusters the app declares with `Clusters`.";

/** The app's clusters: one environment, two clusters (the example's chart is outside environments). */
function clusters(chart: KubecraftChart): void {
  const app = chart.node.root as App;
  Environments.define(app, { prod: {} });
  new Clusters(app, 'clusters', {
    clusters: [
      { name: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com' },
      { name: 'prod-us', environment: 'prod', server: 'https://us.k8s.example.com' },
    ],
  });
}

const SOURCE = { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' };

// #region bad
export function bad(chart: KubecraftChart): void {
  clusters(chart);
  new ArgoCdApplication(chart, 'shop-eu', {
    metadata: { name: 'shop-eu' },
    project: 'shop',
    source: SOURCE,
    destination: { server: 'https://eu-west.k8s.example.com' }, // no such cluster
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  clusters(chart);
  new ArgoCdApplication(chart, 'shop-eu', {
    metadata: { name: 'shop-eu' },
    project: 'shop',
    source: SOURCE,
    destination: { server: 'https://eu.k8s.example.com' },
  });
}
// #endregion good
