import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '..');

test('the README library example synthesizes and validates', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)![1].replace("from 'kubecraft'", "from '../lib'");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-readme-src-'));
  const entry = path.join(dir, 'example.ts');
  fs.writeFileSync(entry, code.replace("from '../lib'", `from ${JSON.stringify(path.join(root, 'lib'))}`));
  const outfile = path.join(dir, 'example.js');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    packages: 'external',
    outfile,
    logLevel: 'error',
    nodePaths: [path.join(root, 'node_modules')],
  });
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-readme-'));
  const r = spawnSync(process.execPath, [outfile], {
    env: { ...process.env, CDK8S_OUTDIR: outdir, NODE_PATH: path.join(root, 'node_modules') },
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const yaml = fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8');
  expect(yaml).toContain('name: web\n');
  expect(yaml).toContain('kind: PodDisruptionBudget');
});
