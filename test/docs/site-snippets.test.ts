// Every example the documentation site shows is compiled and synthesized here:
// - docs/site/snippets/**/*.ts and the site's generators type-check (tsgo, the project's
//   compiler settings, `kubecraft` mapped to lib/), together with the scaffold `kubecraft init` writes;
// - every example program (patterns, concepts, home) runs and writes its manifests, validated,
//   through KubecraftApp.synth() as `kubecraft synth` runs it;
// - the scaffold's buildApp synthesizes, validated;
// - the testing page's jest example runs as part of this file.
// The rule examples are tested in site-rule-examples.test.ts.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubecraftApp } from '../../lib';
import { initCommand } from '../../lib/cli/init';

// the snippets import the package by name, as users do: here it is the library's sources
jest.mock('kubecraft', () => jest.requireActual('../../lib'), { virtual: true });

const root = path.resolve(__dirname, '..', '..');
const siteDir = path.join(root, 'docs', 'site');
const snippetsDir = path.join(siteDir, 'snippets');
const work = path.join(root, 'docs', '.site-build', 'test-snippets');

/** The example programs: every snippet but the rule examples and the testing example. */
function programs(): string[] {
  return (fs.readdirSync(snippetsDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !/^(rules|testing)[\\/]/.test(f))
    .sort();
}

/** Runs `kubecraft init` in a fresh folder inside the repository (its imports resolve to node_modules). */
function scaffold(): string {
  fs.mkdirSync(work, { recursive: true });
  const dir = fs.mkdtempSync(path.join(work, 'scaffold-'));
  const cwd = process.cwd();
  const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    process.chdir(dir);
    expect(initCommand([])).toBe(0);
  } finally {
    process.chdir(cwd);
    log.mockRestore();
  }
  return dir;
}

let scaffoldDir = '';
beforeAll(() => {
  scaffoldDir = scaffold();
});
afterAll(() => {
  fs.rmSync(scaffoldDir, { recursive: true, force: true });
});

test('the snippets, the generators and the scaffold type-check (tsgo)', () => {
  const tsconfig = path.join(scaffoldDir, 'tsconfig.check.json');
  const rel = (p: string) => path.relative(scaffoldDir, p).split(path.sep).join('/');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: rel(path.join(siteDir, 'tsconfig.json')),
      include: [`${rel(snippetsDir)}/**/*.ts`, `${rel(path.join(siteDir, 'gen'))}/**/*.ts`, 'main.ts', 'main.test.ts'],
    }),
  );
  const tsgo = path.join(root, 'node_modules', '.bin', 'tsgo');
  const r = spawnSync(tsgo, ['--noEmit', '-p', tsconfig], { cwd: root, encoding: 'utf8' });
  expect(`${r.stdout}${r.stderr}`).toBe('');
  expect(r.status).toBe(0);
});

describe('every example program synthesizes', () => {
  test.each(programs())('%s', (file) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-site-snippet-'));
    const saved = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      require(path.join(snippetsDir, file)); // a program: it synthesizes when it is loaded
    } finally {
      stderr.mockRestore();
      if (saved === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = saved;
    }
    const written = fs.readdirSync(outdir, { recursive: true }) as string[];
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(written.filter((f) => f.endsWith('.k8s.yaml')).length).toBeGreaterThan(0);
    expect(written.some((f) => path.basename(f) === 'Kustomization')).toBe(true);
  });
});

test('the scaffold of `kubecraft init` synthesizes, validated (what getting started shows)', () => {
  const main = require(path.join(scaffoldDir, 'main.ts')) as { buildApp(app: KubecraftApp): KubecraftApp };
  const yaml = main.buildApp(new KubecraftApp({ printReport: false })).synthYaml();
  expect(yaml).toContain('kind: Deployment');
  expect(yaml).toContain('name: web\n');
});

// the testing page's example: a jest test of an app, registered here as tests of this file
describe('the testing page example (docs/site/snippets/testing/shop.test.ts)', () => {
  require(path.join(snippetsDir, 'testing', 'shop.test.ts'));
});
