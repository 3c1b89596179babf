import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, PodDisruptionBudget, Worker } from 'kubecraft';

export const follows =
  'The eviction API: a PodDisruptionBudget limits voluntary disruptions (drains, upgrades) of the pods its selector matches; one that matches none protects nothing. The API server accepts it.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new Worker(chart, 'consumer', { image: 'ghcr.io/acme/consumer:1.2.0', ports: [{ name: 'http', port: 8080 }] });
  new PodDisruptionBudget(chart, 'consumer-budget', {
    selector: kplus.Pods.select(chart, 'consumers', { labels: { app: 'consumer' } }), // the pods have no `app` label
    maxUnavailable: 1,
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const consumer = new Worker(chart, 'consumer', {
    image: 'ghcr.io/acme/consumer:1.2.0',
    ports: [{ name: 'http', port: 8080 }],
  });
  new PodDisruptionBudget(chart, 'consumer-budget', {
    selector: kplus.Pods.select(chart, 'consumers', { labels: consumer.podSelector }),
    maxUnavailable: 1,
  });
}
// #endregion good
