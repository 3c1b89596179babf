import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExampleApp } from '../../examples/example-app';
import { KubecraftApp } from '../../lib';
import { startFakeApiServer } from '../fixtures/fake-apiserver';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

function kubectl(args: string[], kubeconfig: string): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (status) => resolve({ status, out }));
  });
}

// kubectl apply --dry-run=client still asks the API server for its resource types: a fake one
// (test/fixtures/fake-apiserver.ts) answers discovery and says no object exists yet.
(hasKubectl ? describe : describe.skip)('kubectl takes the example app both ways', () => {
  test('kubectl apply -f <folder> and kubectl apply -k <folder>, for every output folder', async () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-kubectl-')), 'dist');
    const app = buildExampleApp(new KubecraftApp({ outdir, printReport: false }));
    const files = app.render();
    const objects = files.flatMap((f) => f.objects);
    app.synth();
    const server = await startFakeApiServer(new Set(objects.map((o) => `${o.manifest.apiVersion}|${o.manifest.kind}`)));
    const kubeconfig = path.join(path.dirname(outdir), 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters: [{name: fake, cluster: {server: "${server.url}"}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: c, context: {cluster: fake, user: u}}]\ncurrent-context: c\n`,
    );
    try {
      for (const folder of ['', 'dev', 'staging', 'prod']) {
        const dir = path.join(outdir, folder);
        const count = files.filter((f) => f.folder === folder).flatMap((f) => f.objects).length;
        for (const form of ['-f', '-k']) {
          const r = await kubectl(['apply', form, dir, '--dry-run=client', '--validate=false'], kubeconfig);
          expect([folder, form, r.status, r.out.includes('error')]).toEqual([folder, form, 0, false]);
          expect(r.out.match(/ created \(dry run\)$/gm)).toHaveLength(count); // every object, and nothing else
        }
      }
    } finally {
      server.close();
    }
  }, 120000);
});
