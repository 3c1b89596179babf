// The example app applied with applyOutput to an empty cluster (the real kubectl against the fake
// API server of test/support/fake-cluster.ts): the "done when", object by object.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { buildExampleApp } from '../../examples/example-app';
import { AppliedFolder, applyOutput, applySetName, KubecraftApp, Manifest, readOutputFolders } from '../../lib';
import { FakeCluster, startFakeCluster } from '../support/fake-cluster';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl && process.env.CI) throw new Error('kubectl is required in CI (the apply tests run the real kubectl)');

const group = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const idOf = (
  m: { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } },
  scoped: boolean,
) => `${group(m.apiVersion)}/${m.kind} ${scoped ? (m.metadata.namespace ?? 'default') : ''}/${m.metadata.name}`;

function synthExample(outdir: string, without?: { chart: string; child: string }): void {
  const app = buildExampleApp(new KubecraftApp({ outdir, printReport: false }));
  if (without) {
    const chart = app.node.children.find((c): c is Chart => c instanceof Chart && c.node.id === without.chart)!;
    expect(chart.node.tryRemoveChild(without.child)).toBe(true);
  }
  app.synth();
}

(hasKubectl ? describe : describe.skip)('the example app on an empty cluster (real kubectl, fake API server)', () => {
  let cluster: FakeCluster;
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-apply-example-')), 'dist');
  const apply = async (): Promise<AppliedFolder[]> =>
    applyOutput({
      kubeconfig: cluster.kubeconfig,
      // as `kubecraft apply --env prod`: the charts outside environments, then prod
      folders: readOutputFolders(outdir).filter((f) => f.folder === '' || f.folder === 'prod'),
      applySetNameOf: (folder) => applySetName('example', folder),
      timeoutSeconds: 30,
    });
  const live = () =>
    new Map(
      cluster
        .objects()
        .filter((o) => o.metadata.labels?.['applyset.kubernetes.io/part-of'] !== undefined)
        .map((o) => [idOf(o, o.metadata.namespace !== undefined), o.metadata.resourceVersion]),
    );

  beforeAll(async () => {
    cluster = await startFakeCluster();
    process.env.KUBECACHEDIR = cluster.cacheDir; // kubectl's discovery cache: this server's own
    synthExample(outdir);
  });
  afterAll(() => cluster.close());

  test('the first apply creates every object of both folders and exits cleanly', async () => {
    const result = await apply();
    expect(result.map((f) => [f.folder, f.applySet, f.pruned])).toEqual([
      ['', 'applysets.kubecraft.io/example', []],
      ['prod', 'applysets.kubecraft.io/example-prod', []],
    ]);
    const wanted = readOutputFolders(outdir)
      .filter((f) => f.folder === '' || f.folder === 'prod')
      .flatMap((f) => [...f.objects.setup, ...f.objects.main]);
    const ids = live();
    const missing = wanted.filter((m: Manifest) => !ids.has(idOf(m, true)) && !ids.has(idOf(m, false)));
    expect(missing.map((m) => idOf(m, true))).toEqual([]);
    expect(ids.size).toBe(wanted.length);
    expect(result.reduce((n, f) => n + f.applied.length, 0)).toBeGreaterThanOrEqual(wanted.length);
  }, 180000);

  test('a second apply changes nothing', async () => {
    const before = [...live()];
    const result = await apply();
    expect(result.flatMap((f) => f.pruned)).toEqual([]);
    expect([...live()]).toEqual(before);
  }, 180000);

  test("after removing a chart's Deployment, the prune removes exactly that Deployment", async () => {
    const before = [...live().keys()];
    synthExample(outdir, { chart: '04-nginx-deployment', child: 'nginx-hostpath' });
    const result = await apply();
    expect(result.flatMap((f) => f.pruned)).toEqual(['deployment.apps/nginx-hostpath']);
    expect([...live().keys()]).toEqual(before.filter((id) => id !== 'apps/Deployment nginx/nginx-hostpath'));
  }, 180000);
});

(hasKubectl ? describe : describe.skip)('applyOutput: what kubectl cannot apply', () => {
  test('a custom resource whose CRD is neither in the cluster nor in the folder: the phase fails naming the kind', async () => {
    const cluster = await startFakeCluster();
    process.env.KUBECACHEDIR = cluster.cacheDir;
    try {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-apply-nocrd-'));
      fs.writeFileSync(
        path.join(outdir, 'app.k8s.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n---\n' +
          'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n  namespace: default\n',
      );
      const attempt = applyOutput({
        kubeconfig: cluster.kubeconfig,
        folders: readOutputFolders(outdir),
        applySetNameOf: (folder) => applySetName('nocrd', folder),
      });
      await expect(attempt).rejects.toThrow(
        /^phase 'main' of the charts outside environments failed: the cluster does not serve Gadget\.example\.com and no CRD of this folder defines it: install the CRD first, or add it to the app/,
      );
    } finally {
      await cluster.close();
    }
  }, 60000);
});
