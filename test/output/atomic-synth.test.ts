import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');

function snapshotDir(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isDirectory()) Object.assign(out, snapshotDir(full, `${prefix}${f}/`));
    else out[`${prefix}${f}`] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

function runApp(entry: string, outdir: string) {
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'run-app.mjs'), entry], {
    cwd: root,
    env: { ...process.env, CDK8S_OUTDIR: outdir },
    encoding: 'utf8',
  });
}

describe('synthesis through scripts/run-app.mjs (npm run synth)', () => {
  test('a failing synth exits non-zero, prints the report, and leaves the previous dist/ byte-identical', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-atomic-'));
    const outdir = path.join(parent, 'dist');
    const good = runApp(path.join(root, 'main.ts'), outdir);
    expect(good.status).toBe(0);
    const before = snapshotDir(outdir);
    // scenario, upstream (dashboard, rook-operator), bookinfo, sock-shop and guestbook manifests, 4 kustomizations,
    // 4 graphs (svg, dot, mmd); the setup phase: 16 top-level charts and 3 guestbooks with Namespaces or CRDs, 4 kustomizations;
    // the 5 delivery folders (argocd, flux-<cluster> for 4 clusters): a manifest, a kustomization and a graph (3 files) each
    expect(Object.keys(before)).toHaveLength(13 + 2 + 2 + 3 + 4 + 4 * 3 + 16 + 3 + 4 + 5 * (1 + 1 + 3));

    const bad = runApp(path.join(root, 'test', 'fixtures', 'broken-app', 'main.ts'), outdir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('kubecraft: synthesis refused (Kubernetes 1.35): 2 errors');
    expect(bad.stderr).toContain('ERROR [policy/image-pinned] Deployment broken/web (broken/web/Resource)');
    expect(bad.stderr).toContain('ERROR [values/requests-limits] Deployment broken/web (broken/web/Resource)');
    expect(bad.stderr).not.toContain('    at '); // a report, not a stack trace
    expect(snapshotDir(outdir)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['dist']); // no staging leftovers
  });
});
