import { Construct } from 'constructs';
import { ArgoCdDelivery, ClusterSpec, Clusters, FluxDelivery, FluxDeliverySource } from '../lib';

/**
 * The guestbook's clusters, one line each: dev and staging run one cluster each, prod runs two
 * (Europe and the US). Moving a cluster to another environment is a change of its line.
 */
export const GUESTBOOK_CLUSTERS: readonly ClusterSpec[] = [
  { name: 'dev', environment: 'dev', server: 'https://dev.k8s.example.com' },
  { name: 'staging', environment: 'staging', server: 'https://staging.k8s.example.com' },
  { name: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com', labels: { region: 'eu' } },
  { name: 'prod-us', environment: 'prod', server: 'https://us.k8s.example.com', labels: { region: 'us' } },
];

/** The git repository CI commits `dist/` to. */
export const GUESTBOOK_REPOSITORY = 'https://github.com/acme/guestbook-deploy.git';

/**
 * The guestbook delivered to its clusters both ways, to show them side by side (a team picks
 * one): Argo CD (`dist/argocd/`: an AppProject and an ApplicationSet, applied to the cluster Argo
 * CD runs in) and Flux (`dist/flux-<cluster>/`: the source and a Kustomization, the folder each
 * cluster's `flux bootstrap` syncs).
 */
export function deliverGuestbook(app: Construct): void {
  new Clusters(app, 'clusters', { clusters: GUESTBOOK_CLUSTERS });
  new ArgoCdDelivery(app, 'guestbook-argocd', {
    appName: 'guestbook',
    repoURL: GUESTBOOK_REPOSITORY,
    targetRevision: 'main',
  });
  new FluxDelivery(app, 'guestbook-flux', {
    appName: 'guestbook',
    source: FluxDeliverySource.git({ url: GUESTBOOK_REPOSITORY, ref: { branch: 'main' } }),
  });
}
