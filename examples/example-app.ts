import { Environments, KubecraftApp } from '../lib';
import { BookinfoChart } from './bookinfo';
import { DashboardChart } from './dashboard';
import { GUESTBOOK_ENVIRONMENTS, GuestbookChart, guestbookConfigProblems } from './guestbook';
import { deliverGuestbook } from './guestbook-delivery';
import { RookOperatorChart } from './rook-operator';
import { MyAppPodChart } from './s01-myapp-pod';
import { ProbesChart } from './s02-probes';
import { FrontendReplicaSetChart } from './s03-frontend-replicaset';
import { NginxDeploymentChart } from './s04-nginx-deployment';
import { FluentdDaemonSetChart } from './s05-fluentd-daemonset';
import { PiJobsChart } from './s06-pi-jobs';
import { ServicesChart } from './s07-services';
import { LabelSelectorsChart } from './s08-label-selectors';
import { NmtThreeTierChart } from './s09-nmt-three-tier';
import { RookCephChart } from './s10-rook-ceph';
import { ConfigStorageChart } from './s11-config-storage';
import { ClusterResourcesChart } from './s12-cluster-resources';
import { StatefulSetChart } from './s13-statefulset';
import { SockShopChart } from './sock-shop';

/**
 * The example app: every scenario of the seed documents, one chart (and one file in dist/)
 * per scenario (scenario 14, the Ingress, is part of the three-tier chart it fronts), and the
 * guestbook, a second application built from patterns, in three environments delivered to four
 * clusters with Argo CD and with Flux (`dist/argocd/`, `dist/flux-<cluster>/`).
 */
export function buildExampleApp(app: KubecraftApp): KubecraftApp {
  new MyAppPodChart(app, '01-myapp-pod');
  new ProbesChart(app, '02-probes');
  new FrontendReplicaSetChart(app, '03-frontend-replicaset');
  new NginxDeploymentChart(app, '04-nginx-deployment');
  new FluentdDaemonSetChart(app, '05-fluentd-daemonset');
  new PiJobsChart(app, '06-pi-jobs');
  new ServicesChart(app, '07-services');
  new LabelSelectorsChart(app, '08-label-selectors');
  new NmtThreeTierChart(app, '09-nmt-three-tier');
  new RookCephChart(app, '10-rook-ceph');
  new ConfigStorageChart(app, '11-config-storage');
  new ClusterResourcesChart(app, '12-cluster-resources');
  new StatefulSetChart(app, '13-statefulset');
  new DashboardChart(app, 'dashboard');
  new RookOperatorChart(app, 'rook-operator');
  new BookinfoChart(app, 'bookinfo');
  new SockShopChart(app, 'sock-shop');
  for (const env of Environments.define(app, GUESTBOOK_ENVIRONMENTS, { validate: guestbookConfigProblems })) {
    new GuestbookChart(env, 'guestbook', env.config);
  }
  deliverGuestbook(app);
  return app;
}
