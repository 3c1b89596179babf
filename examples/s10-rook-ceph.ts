import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CephCluster } from '../imports/ceph.rook.io';
import { External } from '../lib';
import { ScenarioChart } from './scenario-chart';

/**
 * Scenario 10 (seed 002): a Rook `CephCluster` (`ceph.rook.io/v1`), built with the typed class
 * generated offline from the Rook v1.20.6 CRDs (`imports/ceph.rook.io.ts`), and the NodePort
 * Service that exposes the Ceph dashboard outside the cluster.
 *
 * The dashboard Service selects the mgr pods that the Rook operator creates from the
 * CephCluster; they are not part of this app, and are declared as such (`External.pods`).
 */
export class RookCephChart extends ScenarioChart {
  public readonly cluster: CephCluster;
  public readonly dashboard: kplus.Service;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'rook-ceph' });
    this.cluster = new CephCluster(this, 'rook-ceph', {
      metadata: { name: 'rook-ceph' },
      spec: {
        cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' },
        dataDirHostPath: '/var/lib/rook',
        mon: { count: 1, allowMultiplePerNode: true },
        mgr: { count: 1 },
        dashboard: { enabled: true, ssl: true },
        monitoring: { enabled: false },
        network: { hostNetwork: false },
        storage: { useAllNodes: true, useAllDevices: true },
      },
    });

    this.dashboard = new kplus.Service(this, 'rook-ceph-mgr-dashboard-external-http', {
      metadata: { labels: { app: 'rook-ceph-mgr', rook_cluster: 'rook-ceph' } },
      type: kplus.ServiceType.NODE_PORT,
      ports: [{ name: 'dashboard', port: 7000, targetPort: 7000, protocol: kplus.Protocol.TCP }],
    });
    External.pods(
      this,
      { app: 'rook-ceph-mgr', rook_cluster: 'rook-ceph' },
      'the mgr pods are created by the Rook operator from the CephCluster',
    );
    this.dashboard.selectLabel('app', 'rook-ceph-mgr');
    this.dashboard.selectLabel('rook_cluster', 'rook-ceph');
    // cdk8s-plus-27's Service has no sessionAffinity prop; set it on the L1 object.
    ApiObject.of(this.dashboard).addJsonPatch(JsonPatch.add('/spec/sessionAffinity', 'None'));
  }
}
