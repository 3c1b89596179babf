import { App } from 'cdk8s';
import { RookOperatorChart } from '../../examples/rook-operator';
import { RookCephChart } from '../../examples/s10-rook-ceph';
import { KubecraftChart, synthValidated, UpstreamManifests, validateChart } from '../../lib';

describe('Rook v1.20.6 operator (crds.yaml, common.yaml, operator.yaml) as upstream manifests', () => {
  test('the operator chart validates, every relaxation with its reason', () => {
    const app = new App();
    const chart = new RookOperatorChart(app, 'rook-operator');
    new RookCephChart(app, '10-rook-ceph'); // creates the rook-ceph Namespace the operator chart leaves out
    const report = validateChart(chart);
    expect(report.errors).toEqual([]);
    for (const f of report.relaxed) expect(f.relaxedBy!.reason.length).toBeGreaterThan(40);
    const out = synthValidated(chart);
    expect(out.filter((m) => m.kind === 'CustomResourceDefinition')).toHaveLength(21);
    expect(out.some((m) => m.kind === 'Namespace')).toBe(false);
    expect(chart.common.excluded).toEqual([
      'Namespace rook-ceph: created by the 10-rook-ceph chart, with the CephCluster it holds',
    ]);
  });

  test('crds.yaml in the app validates Rook custom resources in the same synth', () => {
    const app = new App();
    const chart = new RookOperatorChart(app, 'rook-operator');
    new RookCephChart(app, '10-rook-ceph');
    const pools = new KubecraftChart(app, 'pools', { namespace: 'rook-ceph' });
    // CephBlockPool is not among the CRDs imported into the generated validators: only the included crds.yaml knows it
    new UpstreamManifests(pools, 'pool', {
      text: `apiVersion: ceph.rook.io/v1
kind: CephBlockPool
metadata:
  name: replicapool
spec:
  failureDomain: host
  replicated:
    size: "three"
  unknownField: 1
`,
    });
    const report = validateChart(chart);
    const pool = report.errors.filter((f) => f.object === 'CephBlockPool rook-ceph/replicapool');
    expect(pool.map((f) => [f.rule, f.field])).toEqual([
      ['schema/invalid', 'spec'],
      ['schema/invalid', 'spec.replicated.size'],
    ]);
    expect(pool.map((f) => f.message)).toEqual(
      expect.arrayContaining(["unknown field 'unknownField'", 'must be integer']),
    );
  });
});
