import { BatchJob, KubecraftChart, WebService, Worker } from 'kubecraft';

export const follows =
  'kubecraft policy, after the Kubernetes [configuration best practices](https://kubernetes.io/docs/concepts/configuration/overview/#container-images): an image without a tag is `:latest`, pulled again (`imagePullPolicy: Always`) so every node may run a different build; a tag that names no single release (`alpine`, a major version such as `1`) moves when the project publishes, so the same manifests deploy different code and a rollback pulls whatever the tag points to now. A version of at least two numbers, a date, a commit id or a digest names one build.';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'nginxinc/nginx-unprivileged' }); // no tag: latest
  new Worker(chart, 'cache', { image: 'redis:alpine', ports: [{ name: 'redis', port: 6379 }] }); // a name
  new BatchJob(chart, 'migrate', { image: 'ghcr.io/acme/migrate:1' }); // a major version only
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.3' });
  new Worker(chart, 'cache', { image: 'redis:7.2.4', ports: [{ name: 'redis', port: 6379 }] });
  new BatchJob(chart, 'migrate', { image: 'ghcr.io/acme/migrate:1.4.2' });
}
// #endregion good
