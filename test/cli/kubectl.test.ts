import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExampleApp } from '../../examples/example-app';
import { KubecraftApp } from '../../lib';
import { startFakeCluster } from '../support/fake-cluster';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl && process.env.CI) throw new Error('kubectl is required in CI (these tests run the real kubectl)');

function kubectl(
  args: string[],
  kubeconfig: string,
  cacheDir: string,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir } });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (status) => resolve({ status, out }));
  });
}

// kubectl apply --dry-run=client still asks the API server for its resource types: a fake one
// (test/support/fake-cluster.ts) answers discovery; none of the app's objects exists yet.
(hasKubectl ? describe : describe.skip)('kubectl takes the example app both ways', () => {
  test('kubectl apply -f <folder> and kubectl apply -k <folder>, for every output folder', async () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-kubectl-')), 'dist');
    const app = buildExampleApp(new KubecraftApp({ outdir, printReport: false }));
    const files = app.render();
    const objects = files.flatMap((f) => f.objects);
    app.synth();
    const server = await startFakeCluster({
      kinds: new Set(objects.map((o) => `${o.manifest.apiVersion}|${o.manifest.kind}`)),
    });
    const { kubeconfig, cacheDir } = server;
    try {
      for (const folder of ['', 'dev', 'staging', 'prod']) {
        const dir = path.join(outdir, folder);
        const count = files.filter((f) => f.folder === folder).flatMap((f) => f.objects).length;
        // -f: the documented plain path, the setup phase (CRDs, Namespaces) first, then the folder;
        // -k: the folder's Kustomization lists setup/ first, so one call takes both phases
        const setup = path.join(dir, 'setup');
        const forms = [[...(fs.existsSync(setup) ? [['-f', setup]] : []), ['-f', dir]], [['-k', dir]]];
        for (const calls of forms) {
          let created = 0;
          for (const [form, target] of calls) {
            const r = await kubectl(
              ['apply', form, target, '--dry-run=client', '--validate=false'],
              kubeconfig,
              cacheDir,
            );
            expect([target, form, r.status, r.out.includes('error')]).toEqual([target, form, 0, false]);
            created += r.out.match(/ created \(dry run\)$/gm)?.length ?? 0;
          }
          expect([folder, calls[0][0], created]).toEqual([folder, calls[0][0], count]); // every object, and nothing else
        }
      }
    } finally {
      await server.close();
    }
  }, 120000);
});
