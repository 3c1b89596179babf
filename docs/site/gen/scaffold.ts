// Getting started shows what `kubecraft init` writes and what the scaffold synthesizes: the
// build runs the real initCommand in an empty folder, then synthesizes the main.ts it wrote
// (its buildApp) with KubecraftApp, validated, and writes both into guide/_scaffold.md.
import * as fs from 'fs';
import * as path from 'path';
import { KubecraftApp } from 'kubecraft';
import { initCommand } from '../../../lib/cli/init';
import { fence, writeFile } from './markdown';
import { listFiles } from './programs';

/**
 * Runs `kubecraft init` in a fresh folder under `parent` (inside the repository, so the scaffold's
 * imports resolve to its node_modules); returns the folder (the caller removes it).
 */
export function scaffold(parent: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'kubecraft-init-'));
  const cwd = process.cwd();
  const write = process.stdout.write;
  try {
    process.chdir(dir);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    const code = initCommand([]);
    if (code !== 0) throw new Error(`kubecraft init exited ${code}`);
  } finally {
    process.stdout.write = write;
    process.chdir(cwd);
  }
  return dir;
}

/** Writes guide/_scaffold.md: the scaffold's files and what its app synthesizes. */
export function writeScaffoldPartial(srcDir: string, workDir: string): void {
  const dir = scaffold(workDir);
  try {
    const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
    const main = require(path.join(dir, 'main.ts')) as { buildApp(app: KubecraftApp): KubecraftApp };
    const outdir = path.join(dir, 'dist');
    main.buildApp(new KubecraftApp({ outdir, printReport: false })).synth();
    const written = listFiles(outdir);
    const manifests = written.filter((f) => f.endsWith('.k8s.yaml'));
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const parts = [
      '::: code-group',
      '',
      fence('ts [main.ts]', read('main.ts')),
      '',
      fence('ts [main.test.ts]', read('main.test.ts')),
      '',
      fence('yaml [cdk8s.yaml]', read('cdk8s.yaml')),
      '',
      fence('json [package.json scripts]', JSON.stringify(pkg.scripts, null, 2)),
      '',
      ':::',
      '',
      `\`npx kubecraft synth\` then writes ${written.length} files (the build of this site ran the scaffold's \`buildApp\` to show them):`,
      '',
      fence('text', written.map((f) => `dist/${f}`).join('\n')),
      '',
      '::: code-group',
      '',
      ...manifests.map((f) => `${fence(`yaml [dist/${f}]`, fs.readFileSync(path.join(outdir, f), 'utf8'))}\n`),
      ':::',
    ];
    writeFile(srcDir, 'guide/_scaffold.md', `${parts.join('\n')}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
