import { App } from 'cdk8s';
import { ArgoCdApplicationSet, ArgoCdGenerator, Clusters, Environments, KubecraftChart } from 'kubecraft';

export const follows =
  "Argo CD's ApplicationSet controller: it generates one Application per parameter set its generators yield; a list without elements, or a cluster generator whose selector matches no cluster Secret, yields none, and no cluster gets the app, without an error. kubecraft checks cluster selectors against the clusters the app declares with `Clusters`.";

/** kubecraft vendors no ApplicationSet CRD: the typed ApplicationSet relaxes schema/unknown-kind, with its reason. */
export const relaxedByKubecraft = ['schema/unknown-kind'];

/** The app's clusters: one environment, two clusters labelled by region. */
function clusters(chart: KubecraftChart): void {
  const app = chart.node.root as App;
  Environments.define(app, { prod: {} });
  new Clusters(app, 'clusters', {
    clusters: [
      { name: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com', labels: { region: 'eu' } },
      { name: 'prod-us', environment: 'prod', server: 'https://us.k8s.example.com', labels: { region: 'us' } },
    ],
  });
}

const TEMPLATE = {
  name: 'shop-{{.name}}',
  spec: {
    project: 'shop',
    source: { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' },
    destination: { server: '{{.server}}' },
  },
};

// #region bad
export function bad(chart: KubecraftChart): void {
  clusters(chart);
  new ArgoCdApplicationSet(chart, 'shop', {
    metadata: { name: 'shop' },
    generators: [ArgoCdGenerator.clusters({ matchLabels: { region: 'europe' } })], // the label is 'eu'
    template: TEMPLATE,
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  clusters(chart);
  new ArgoCdApplicationSet(chart, 'shop', {
    metadata: { name: 'shop' },
    generators: [ArgoCdGenerator.clusters({ matchLabels: { region: 'eu' } })],
    template: TEMPLATE,
  });
}
// #endregion good
