import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as kplus from 'cdk8s-plus-27';
import { Environments, KubecraftApp, KubecraftChart, readOutputFolders, WebService } from '../../lib';

test('readOutputFolders reads each output folder back, per install phase, the top folder first', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-folders-')), 'dist');
  const app = new KubecraftApp({ outdir, printReport: false });
  const shared = new KubecraftChart(app, 'shared', { namespace: 'shared' });
  new kplus.Namespace(shared, 'ns', { metadata: { name: 'shared' } });
  new kplus.ConfigMap(shared, 'cm', { metadata: { name: 'cm' }, data: { a: 'b' } });
  for (const env of Environments.define(app, { dev: { replicas: 1 }, prod: { replicas: 3 } })) {
    const chart = new KubecraftChart(env, 'shop', { namespace: `shop-${env.envName}` });
    new kplus.Namespace(chart, 'ns', { metadata: { name: `shop-${env.envName}` } });
    new WebService(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', replicas: env.config.replicas });
  }
  app.synth();
  const folders = readOutputFolders(outdir);
  expect(folders.map((f) => [f.folder, f.setupDir ? path.relative(outdir, f.setupDir) : undefined])).toEqual([
    ['', 'setup'],
    ['dev', 'dev/setup'],
    ['prod', 'prod/setup'],
  ]);
  const kinds = (f: (typeof folders)[number]) => ({
    setup: f.objects.setup.map((m) => m.kind),
    main: [...new Set(f.objects.main.map((m) => m.kind))],
  });
  expect(kinds(folders[0])).toEqual({ setup: ['Namespace'], main: ['ConfigMap'] });
  expect(kinds(folders[2]).setup).toEqual(['Namespace']);
  expect(kinds(folders[2]).main).toContain('Deployment');
  expect(folders[2].objects.main.find((m) => m.kind === 'Deployment')?.spec).toMatchObject({ replicas: 3 });
  expect(readOutputFolders(path.join(outdir, 'nothing-here'))).toEqual([]);
});
