// A cluster's Flux folder applied to an empty cluster as `kubecraft apply --env flux-<cluster>`
// does (the real kubectl against the fake API server of test/support/fake-cluster.ts, which
// serves CRDs but does not validate custom resources against them: kubecraft's own validation
// against Flux's vendored CRDs does that, see flux-delivery.test.ts): with includeCrds, Flux's
// CRDs go first (setup phase, waited for until established), then the source and Kustomization.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyOutput, applySetName, FluxDelivery, FluxDeliverySource, readOutputFolders } from '../../lib';
import { FakeCluster, startFakeCluster } from '../support/fake-cluster';
import { fleetApp } from './fleet';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl && process.env.CI) throw new Error('kubectl is required in CI (the apply tests run the real kubectl)');

(hasKubectl ? describe : describe.skip)(
  "a cluster's Flux folder on an empty cluster (real kubectl, fake API server)",
  () => {
    let cluster: FakeCluster;
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-flux-apply-')), 'dist');

    beforeAll(async () => {
      cluster = await startFakeCluster();
      process.env.KUBECACHEDIR = cluster.cacheDir;
      const app = fleetApp(undefined, { outdir });
      new FluxDelivery(app, 'shop', {
        source: FluxDeliverySource.git({ url: 'https://github.com/acme/shop.git', ref: { branch: 'main' } }),
        includeCrds: true,
      });
      app.synth();
      // flux bootstrap made the flux-system namespace
      const created = await fetch(`${cluster.url}/api/v1/namespaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system' } }),
      });
      expect(created.status).toBe(201);
    }, 60000);
    afterAll(() => cluster.close());

    test("Flux's CRDs first, then the source and the Kustomization of the cluster's environment", async () => {
      const folders = readOutputFolders(outdir).filter((f) => f.folder === 'flux-prod-eu');
      expect(folders.map((f) => f.objects.setup.length)).toEqual([4]);
      const result = await applyOutput({
        kubeconfig: cluster.kubeconfig,
        folders,
        applySetNameOf: (folder) => applySetName('shop', folder),
        timeoutSeconds: 30,
      });
      expect(result.map((f) => f.folder)).toEqual(['flux-prod-eu']);
      const k = cluster.get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'shop', 'flux-system');
      expect(k?.spec).toMatchObject({
        path: './dist/prod',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'shop' },
      });
      expect(cluster.get('source.toolkit.fluxcd.io/v1', 'GitRepository', 'shop', 'flux-system')).toBeDefined();
      expect(
        cluster
          .objects()
          .filter((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name.includes('.fluxcd.io'))
          .map((o) => o.metadata.name),
      ).toEqual([
        'gitrepositories.source.toolkit.fluxcd.io',
        'helmreleases.helm.toolkit.fluxcd.io',
        'kustomizations.kustomize.toolkit.fluxcd.io',
        'ocirepositories.source.toolkit.fluxcd.io',
      ]);
    }, 120000);
  },
);
