import * as path from 'path';
import { Construct } from 'constructs';
import { KubecraftChart, UpstreamManifests } from '../lib';

const UPSTREAM = path.join(__dirname, 'upstream');

/** Rook v1.20.6's `crds.yaml`, `common.yaml` and `operator.yaml`, vendored in examples/upstream/. */
export const ROOK_MANIFESTS = {
  crds: path.join(UPSTREAM, 'rook-v1.20.6-crds.yaml'),
  common: path.join(UPSTREAM, 'rook-v1.20.6-common.yaml'),
  operator: path.join(UPSTREAM, 'rook-v1.20.6-operator.yaml'),
} as const;

const CSI_CRDS_ELSEWHERE =
  'its CRD (csi.ceph.io) ships with the ceph-csi-operator (Rook csi-operator.yaml), which this app does not install: applied without it, the object is refused (no matches for kind); install the ceph-csi-operator, then its custom resources';

/**
 * The Rook v1.20.6 operator as upstream ships it: its CRDs, RBAC and operator Deployment. The
 * CephCluster of scenario 10 (`10-rook-ceph`) is what this operator reconciles; the CRDs
 * included here validate every Rook custom resource of the app in the same synth.
 *
 * Changed in typed code: the operator gets upstream's own recommended requests and memory
 * limit (a comment in operator.yaml) and a CPU limit, the runtime's default seccomp profile and no privilege escalation
 * (it runs as uid 2016 and needs neither). The Namespace is created by `10-rook-ceph`. Relaxed,
 * each with its reason: the operator's probes and writable root filesystem. Left out, with the
 * reason: the csi.ceph.io custom resources of operator.yaml, whose CRDs are not part of this
 * release's crds.yaml (they come with the ceph-csi-operator): on a cluster without them those
 * objects can never be applied.
 */
export class RookOperatorChart extends KubecraftChart {
  public readonly crds: UpstreamManifests;
  public readonly common: UpstreamManifests;
  public readonly operator: UpstreamManifests;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.crds = new UpstreamManifests(this, 'crds', { file: ROOK_MANIFESTS.crds });
    this.common = new UpstreamManifests(this, 'common', { file: ROOK_MANIFESTS.common });
    this.common.exclude('Namespace', 'rook-ceph', 'created by the 10-rook-ceph chart, with the CephCluster it holds');
    this.operator = new UpstreamManifests(this, 'operator', { file: ROOK_MANIFESTS.operator });
    this.operator
      .modify('Deployment', 'rook-ceph-operator', (d) => {
        const pod = d.spec.template.spec;
        pod.securityContext = { ...pod.securityContext, seccompProfile: { type: 'RuntimeDefault' } };
        const c = pod.containers[0];
        c.securityContext = { ...c.securityContext, allowPrivilegeEscalation: false };
        c.resources = { requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } };
      })
      .relax(
        'Deployment',
        'rook-ceph-operator',
        'policy/probes',
        'the Rook operator serves no health endpoint; it is restarted when it exits and reconciles from the API server state',
      )
      .relax(
        'Deployment',
        'rook-ceph-operator',
        'policy/read-only-root-fs',
        'the operator writes Ceph configuration and keyrings outside its two emptyDir mounts; upstream runs it with a writable root filesystem',
      )
      .exclude('Driver', 'rook-ceph.rbd.csi.ceph.com', CSI_CRDS_ELSEWHERE)
      .exclude('Driver', 'rook-ceph.cephfs.csi.ceph.com', CSI_CRDS_ELSEWHERE)
      .exclude('OperatorConfig', 'ceph-csi-operator-config', CSI_CRDS_ELSEWHERE);
  }
}
