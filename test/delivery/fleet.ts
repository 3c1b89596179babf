import * as kplus from 'cdk8s-plus-27';
import {
  ClusterSpec,
  Clusters,
  Environments,
  KubecraftApp,
  KubecraftAppProps,
  KubecraftChart,
  SynthesizedFile,
  WebService,
} from '../../lib';

/** The clusters of the three-environment fleet: dev, staging, prod-eu and prod-us. */
export const FLEET: readonly ClusterSpec[] = [
  { name: 'dev', environment: 'dev', server: 'https://dev.k8s.example.com' },
  { name: 'staging', environment: 'staging', server: 'https://staging.k8s.example.com' },
  { name: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com', labels: { region: 'eu' } },
  { name: 'prod-us', environment: 'prod', server: 'https://us.k8s.example.com', labels: { region: 'us' } },
];

/** An app with environments dev, staging and prod (a Namespace and a WebService each) and the fleet's clusters. */
export function fleetApp(
  clusters: readonly ClusterSpec[] | undefined = FLEET,
  props: KubecraftAppProps = {},
): KubecraftApp {
  const app = new KubecraftApp({ printReport: false, ...props });
  for (const env of Environments.define(app, { dev: 1, staging: 1, prod: 3 })) {
    const chart = new KubecraftChart(env, 'shop', { namespace: 'shop' });
    new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
    new WebService(chart, 'web', { image: 'ghcr.io/acme/web:1.4.2', replicas: env.config });
  }
  if (clusters) new Clusters(app, 'clusters', { clusters });
  return app;
}

/** The rendered objects of output folder `folder`, by `<Kind>/<name>`. */
export function objectsIn(files: readonly SynthesizedFile[], folder: string): Record<string, any> {
  return Object.fromEntries(
    files
      .filter((f) => f.folder === folder)
      .flatMap((f) => f.objects)
      .map((o) => [`${o.manifest.kind}/${o.manifest.metadata.name}`, o.manifest]),
  );
}
