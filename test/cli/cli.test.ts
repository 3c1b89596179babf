import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { flagsOf, parseCommand, synopsisOf, usageOf } from '../../lib/cli/command-spec';
import { APPLY_COMMAND, COMMANDS, SYNTH_COMMAND } from '../../lib/cli/commands';
import { cli, kubecraft, kubecraftAsync, lib, project } from '../support/cli';

const webApp = (id: string) => `import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, WebService } from ${lib};
const app = new KubecraftApp({ printReport: false });
const chart = new KubecraftChart(app, '${id}', { namespace: '${id}' });
new kplus.Namespace(chart, 'ns', { metadata: { name: '${id}' } });
new WebService(chart, 'web', { image: 'ghcr.io/acme/${id}:1.0.0' });
app.synth();
`;

describe('arguments', () => {
  test.each([
    [['--help'], 0, /^usage: kubecraft <command>/],
    [['--version'], 0, /^\d+\.\d+\.\d+\n$/],
    [['synth', '--help'], 0, /^usage: kubecraft synth/],
    [['validate', '--help'], 0, /^usage: kubecraft validate/],
  ])('kubecraft %j exits %i', (args, code, out) => {
    const r = kubecraft(args);
    expect(r.status).toBe(code);
    expect(r.stdout).toMatch(out);
  });

  test.each([
    [
      ['synth', '--envv', 'prod'],
      'kubecraft synth: unknown option --envv (did you mean --env?); usage: kubecraft synth [app.ts] [options] [-- app args]',
    ],
    [
      ['synth', '--output', 'a', '--outdir', 'b'],
      'kubecraft synth: --output and --outdir are the same option: give one',
    ],
    [['init', '--', 'x'], 'kubecraft init: runs no app, so takes no arguments after --'],
    [['apply', '--no-prnue'], 'kubecraft apply: unknown option --no-prnue (did you mean --no-prune?)'],
    [['synth', '--env'], 'kubecraft synth: option --env needs a value'],
    [['synth', 'no-such-app.ts'], 'kubecraft synth: no such file: no-such-app.ts'],
    [['synth', 'main.ts', 'prod'], "kubecraft synth: unexpected argument 'prod'"],
    [['validate', '--format', 'xml'], 'kubecraft validate: --format must be text or json'],
    [['deploy'], "kubecraft: unknown command 'deploy'"],
  ])('kubecraft %j prints one line and exits 2, synthesizing nothing', (args, message) => {
    const r = kubecraft(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('usage, generated from the command table (lib/cli/commands.ts)', () => {
  test.each(COMMANDS.map((c) => [c.name, c] as const))(
    'kubecraft %s --help lists every option of its table',
    (name, spec) => {
      const r = kubecraft([name, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${usageOf(spec)}\n`);
      expect(r.stdout.split('\n')[0]).toBe(synopsisOf(spec));
      for (const option of spec.options) {
        expect(r.stdout).toContain(`  ${flagsOf(option)}`);
        for (const alias of option.aliases ?? []) expect(r.stdout).toContain(`--${alias}`);
      }
      for (const line of r.stdout.split('\n').filter((l) => l.startsWith('  --')))
        expect(line.length).toBeLessThanOrEqual(100);
    },
  );

  test('kubecraft --help lists every command with its summary', () => {
    const out = kubecraft(['--help']).stdout;
    for (const c of COMMANDS)
      expect(out).toMatch(new RegExp(`^  ${c.name}\\b.*${c.summary.replace(/[()[\].*+?]/g, '\\$&')}$`, 'm'));
  });

  test("an alias gives its value under the option's own name; a default fills a missing value", () => {
    expect(parseCommand(SYNTH_COMMAND, ['--outdir', 'out']).values.output).toBe('out');
    expect(parseCommand(SYNTH_COMMAND, ['-o', 'out']).values.output).toBe('out');
    expect(parseCommand(APPLY_COMMAND, []).values.timeout).toBe('300');
    expect(parseCommand(SYNTH_COMMAND, ['a.ts', '--', '--x']).rest).toEqual(['--x']);
  });
});

describe('the runner', () => {
  test('six concurrent cold synths of two apps all succeed, each with its own app', async () => {
    const dir = project({ 'a.ts': webApp('alpha'), 'b.ts': webApp('beta') });
    const runs = [0, 1, 2, 3, 4, 5].map((i) => {
      const app = i % 2 ? 'b.ts' : 'a.ts';
      return kubecraftAsync(['synth', app, '--outdir', `out-${i}`, '--quiet'], dir);
    });
    const results = await Promise.all(runs);
    results.forEach((r, i) => {
      expect([i, r.status, r.stderr]).toEqual([i, 0, '']);
      const id = i % 2 ? 'beta' : 'alpha';
      expect(fs.readdirSync(path.join(dir, `out-${i}`)).sort()).toEqual(['Kustomization', `${id}.k8s.yaml`, 'setup']);
      expect(fs.readFileSync(path.join(dir, `out-${i}`, `${id}.k8s.yaml`), 'utf8')).toContain(
        `image: ghcr.io/acme/${id}:1.0.0`,
      );
    });
    const cache = fs.readdirSync(path.join(dir, '.kubecraft', 'bundles'));
    expect(cache.filter((f) => f.endsWith('.json'))).toHaveLength(2); // one index per app, sha256-named
    expect(cache.every((f) => /^[0-9a-f]{64}\.(json|cjs)$/.test(f))).toBe(true); // no temporary files left
  }, 120000);

  test('errors point into the app’s .ts file; require.main === module; __dirname is the app’s folder', () => {
    const dir = project({
      'app.ts': `import { KubecraftApp, KubecraftChart, WebService } from ${lib};
console.log(JSON.stringify({ main: require.main === module, dirname: __dirname }));
const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'x', { namespace: 'x' });
new WebService(chart, 'web', { image: 'nginx:1.25.3', port: 99999 });
app.synth();
`,
    });
    const r = kubecraft(['synth', 'app.ts'], dir);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ main: true, dirname: fs.realpathSync(dir) });
    expect(r.stderr).toContain('kubecraft: synthesis failed: x/web (port): 99999 is invalid');
    expect(r.stderr).toContain(`${path.join(fs.realpathSync(dir), 'app.ts')}:5:1`);
    expect(r.stderr).not.toMatch(/bundles|compile-cache|runner/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  }, 60000);

  test('cdk8s Include of a local YAML file works (cdk8s stays a package, not bundled)', () => {
    const dir = project({
      'extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: included\n  namespace: inc\ndata:\n  a: "1"\n',
      'app.ts': `import * as path from 'path';
import { Include } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart } from ${lib};
const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'inc', { namespace: 'inc' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'inc' } });
new Include(chart, 'extra', { url: path.join(__dirname, 'extra.yaml') });
app.synth();
`,
    });
    const r = kubecraft(['synth', 'app.ts', '--quiet'], dir);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(path.join(dir, 'dist', 'inc.k8s.yaml'), 'utf8')).toContain('name: included');
  }, 60000);
});

describe('output', () => {
  const envApp = `import * as kplus from 'cdk8s-plus-27';
import { Environments, KubecraftApp, KubecraftChart, WebService } from ${lib};
const app = new KubecraftApp({ printReport: false });
for (const env of Environments.define(app, { dev: {}, staging: {}, prod: {} })) {
  const chart = new KubecraftChart(env, 'shop', { namespace: 'shop' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:' + (process.argv[2] ?? '1.0.0') });
}
app.synth();
`;

  test('--env prod replaces dist/prod/ only; folders 0755 and files 0644 under umask 022', () => {
    const dir = project({ 'main.ts': envApp });
    expect(kubecraft(['synth', '--quiet'], dir).status).toBe(0);
    const read = (env: string) => fs.readFileSync(path.join(dir, 'dist', env, 'shop.k8s.yaml'), 'utf8');
    const dev = read('dev');
    const r = kubecraft(['synth', '--env', 'prod', '--quiet', '--', '2.0.0'], dir);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(read('prod')).toContain('ghcr.io/acme/web:2.0.0');
    expect(read('dev')).toBe(dev);
    expect(read('staging')).toContain('ghcr.io/acme/web:1.0.0');
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['dev', 'prod', 'staging']);
    expect(fs.readdirSync(dir).filter((f) => f.includes('staging-'))).toEqual([]);
    const umask = process.umask();
    expect(fs.statSync(path.join(dir, 'dist')).mode & 0o777).toBe(0o777 & ~umask);
    expect(fs.statSync(path.join(dir, 'dist', 'prod')).mode & 0o777).toBe(0o777 & ~umask);
    expect(fs.statSync(path.join(dir, 'dist', 'prod', 'shop.k8s.yaml')).mode & 0o777).toBe(0o666 & ~umask);
    // a full synth replaces everything again
    expect(kubecraft(['synth', '--quiet', '--', '3.0.0'], dir).status).toBe(0);
    expect(read('dev')).toContain('ghcr.io/acme/web:3.0.0');
  }, 60000);

  test('synth --stdout (-p): one environment as one validated YAML stream, setup phase first; nothing written', () => {
    const dir = project({ 'main.ts': envApp });
    const r = kubecraft(['synth', '--stdout', '--env', 'prod', '--', '2.0.0'], dir);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    const docs = r.stdout.split(/^---\n/m);
    expect(docs.map((d) => /^kind: (\w+)$/m.exec(d)?.[1])).toEqual([
      'Namespace', // the setup phase first
      'Service',
      'Deployment',
      'PodDisruptionBudget',
    ]);
    expect(r.stdout).toContain('image: ghcr.io/acme/web:2.0.0');
    expect(kubecraft(['synth', '-p', '--env', 'dev'], dir).stdout).toContain('image: ghcr.io/acme/web:1.0.0');
    // no charts outside environments: say which folders there are
    const none = kubecraft(['synth', '--stdout'], dir);
    expect([none.status, none.stdout]).toEqual([1, '']);
    expect(none.stderr).toContain(
      'nothing to stream: the charts outside environments hold no objects; this app has --env dev, --env staging, --env prod',
    );
    const two = kubecraft(['synth', '--stdout', '--env', 'dev,prod'], dir);
    expect([two.status, two.stdout, two.stderr.trim()]).toEqual([
      2,
      '',
      'kubecraft synth: --stdout prints one folder: give one environment (not --env dev,prod)',
    ]);
    // a failing app: the report on stderr, nothing on stdout
    const bad = project({
      'main.ts': envApp.replace(
        '  new WebService',
        "  new kplus.ConfigMap(chart, 'c', { metadata: { name: 'Bad_Name' } });\n  new WebService",
      ),
    });
    const failed = kubecraft(['synth', '--stdout', '--env', 'prod'], bad);
    expect([failed.status, failed.stdout]).toEqual([1, '']);
    expect(failed.stderr).toMatch(/ERROR \[/);
  }, 60000);

  test('validate reports (text and JSON), exits 1 on errors, and writes nothing', () => {
    const dir = project({
      'main.ts': webApp('ok'),
      'broken.ts': webApp('broken').replace("'ghcr.io/acme/broken:1.0.0'", "'nginx'"),
    });
    expect(kubecraft(['synth', '--quiet'], dir).status).toBe(0);
    const before = fs.readFileSync(path.join(dir, 'dist', 'ok.k8s.yaml'), 'utf8');
    const text = kubecraft(['validate', 'broken.ts', '--no-typecheck'], dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('ERROR [policy/image-pinned] Deployment broken/web');
    const json = kubecraft(['validate', 'broken.ts', '--no-typecheck', '--format', 'json'], dir);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: false, errors: 1 });
    expect(report.findings[0]).toMatchObject({ rule: 'policy/image-pinned', object: 'Deployment broken/web' });
    expect(kubecraft(['validate', '--no-typecheck'], dir).status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['Kustomization', 'ok.k8s.yaml', 'setup']);
    expect(fs.readFileSync(path.join(dir, 'dist', 'ok.k8s.yaml'), 'utf8')).toBe(before);
  }, 60000);

  test('validate type-checks with the project’s compiler, names the Kubernetes version, and never says "passed" next to type errors', () => {
    // a type error that still runs: the objects validate, the app does not
    const dir = project({ 'main.ts': `${webApp('typed')}export const replicas: number = 'two';\n` });
    const r = kubecraft(['validate'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/main\.ts\(\d+,\d+\): error TS2322/);
    expect(r.stdout).not.toContain('validation passed');
    expect(r.stdout).toMatch(
      /^kubecraft validate: failed: 1 type error \(above\); the objects are valid \(Kubernetes 1\.35\)/,
    );
    const json = JSON.parse(kubecraft(['validate', '--format', 'json'], dir).stdout);
    expect(json).toMatchObject({ ok: false, kubernetesVersion: '1.35', typecheck: { checked: true } });
    expect(json.typecheck.compiler).toMatch(/^tsgo 7\./);
    expect(json.typecheck.errors[0]).toMatch(/error TS2322/);
  }, 120000);

  test('synth type-checks by default: a typo in a prop exits 1 naming file, line and prop, and writes nothing', () => {
    const dir = project({ 'main.ts': webApp('typo').replace("image: 'ghcr", "replicaz: 3, image: 'ghcr") });
    const r = kubecraft(['synth'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^main\.ts\(6,\d+\): error TS2561: .*'replicaz' does not exist in type 'WebServiceProps'\. Did you mean to write 'replicas'\?/m,
    );
    expect(r.stderr).toMatch(/kubecraft: 1 type error \(tsgo 7\.[^)]*\); nothing written/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    // --no-typecheck skips it (what runs then is the app itself)
    expect(kubecraft(['synth', '--no-typecheck'], dir).stderr).not.toMatch(/error TS/);
    // the same in --stdout and in a project without any compiler (said once, then the synth goes on)
    expect(kubecraft(['synth', '--stdout'], dir)).toMatchObject({ status: 1, stdout: '' });
  }, 120000);

  test('the CLI loads cdk8s only for the commands that run an app (--version, --help and the type-check start without it)', () => {
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-preload-')), 'loaded.cjs');
    fs.writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n",
    );
    for (const args of [['--version'], ['synth', '--help']]) {
      const r = spawnSync(process.execPath, ['-r', preload, cli, ...args], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const loaded = JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)![1]) as string[];
      expect(loaded.filter((f) => /node_modules[\\/](cdk8s|cdk8s-plus-27|constructs)[\\/]/.test(f))).toEqual([]);
    }
  });

  test('a check that passed is not run again while nothing it read changed; any edit runs it', () => {
    const dir = project({ 'main.ts': webApp('again') });
    const summary = () => kubecraft(['synth'], dir).stderr;
    expect(summary()).toMatch(/type-checked \(tsgo 7\.[^,)]*\)/);
    expect(summary()).toMatch(/type-checked \(tsgo 7\.[^,)]*, unchanged since it passed\)/);
    // an edit of the app: checked again, and a typo is caught
    const main = path.join(dir, 'main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace("image: 'ghcr", "replicaz: 3, image: 'ghcr"));
    const typo = kubecraft(['synth'], dir);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/'replicaz' does not exist/);
    // a failed check is never recorded: the same typo fails again
    expect(kubecraft(['synth'], dir).status).toBe(1);
    // a change to a declaration file the program read (here: the project's own) runs it again too
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('replicaz: 3, ', ''));
    fs.writeFileSync(path.join(dir, 'extra.d.ts'), 'interface Extra { size: string }\n');
    fs.writeFileSync(
      main,
      `/// <reference path="./extra.d.ts" />\nexport const extra: Extra = { size: 'm' };\n${fs.readFileSync(main, 'utf8')}`,
    );
    expect(summary()).toMatch(/type-checked \(tsgo 7\.[^,)]*\)/);
    expect(summary()).toMatch(/unchanged since it passed/);
    fs.writeFileSync(path.join(dir, 'extra.d.ts'), 'interface Extra { size: number }\n');
    expect(kubecraft(['synth'], dir).stderr).toMatch(/main\.ts\(2,\d+\): error TS2322/);
  }, 120000);

  test("cdk8s.yaml's output: is the output folder of synth and diff; one spelling of each flag across commands", () => {
    const dir = project({
      'main.ts': webApp('conf'),
      'cdk8s.yaml': 'language: typescript\napp: npx kubecraft synth main.ts\noutput: manifests\n',
    });
    expect(kubecraft(['synth', '--quiet'], dir).status).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'manifests'))).toContain('conf.k8s.yaml');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(kubecraft(['diff'], dir)).toMatchObject({ status: 0, stdout: 'no changes\n' });
    // --output / -o everywhere (old spellings kept), --json everywhere
    expect(kubecraft(['synth', '-o', 'elsewhere', '--quiet'], dir).status).toBe(0);
    expect(kubecraft(['diff', '--output', 'elsewhere', '--json'], dir).stdout).toContain(
      '"format": "kubecraft.io/diff/v1"',
    );
    expect(kubecraft(['diff', '-o', 'elsewhere', '--format', 'json'], dir).stdout).toContain(
      '"format": "kubecraft.io/diff/v1"',
    );
    expect(kubecraft(['diff', '--out', 'elsewhere'], dir).status).toBe(0);
    expect(JSON.parse(kubecraft(['validate', '--json', '--no-typecheck'], dir).stdout)).toMatchObject({ ok: true });
    expect(kubecraft(['synth', '--help'], dir).stdout).toMatch(
      /--watch, -w[\s\S]*--quiet, -q[\s\S]*--verbose, -v[\s\S]*--stdout, -p/,
    );
  }, 120000);

  test('a clean synth of the example app prints at most 3 lines', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-example-'));
    const r = kubecraft(['synth', 'main.ts', '--output', outdir]);
    expect(r.status).toBe(0);
    const lines = `${r.stdout}${r.stderr}`.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines[lines.length - 1]).toMatch(
      /^kubecraft: synthesized main\.ts into .* Kubernetes 1\.35; type-checked \(tsgo [^)]*\); 0 warnings, \d+ relaxed findings; --verbose lists them$/,
    );
  }, 120000);

  test('a clean synth prints one line; --verbose lists the relaxed findings; --quiet nothing', () => {
    const relaxedApp = webApp('calm')
      .replace(
        "new WebService(chart, 'web', { image: 'ghcr.io/acme/calm:1.0.0' });",
        "const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/calm:1.0.0', liveness: false });\nPolicy.relax(web, 'policy/probes', 'the app restarts itself');",
      )
      .replace('KubecraftApp, KubecraftChart, WebService', 'KubecraftApp, KubecraftChart, Policy, WebService');
    const dir = project({ 'main.ts': relaxedApp });
    const r = kubecraft(['synth'], dir);
    expect([r.status, r.stdout]).toEqual([0, '']);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^kubecraft: synthesized main\.ts into dist\/ \(\d+ files\) in \d+ ms: Kubernetes 1\.35; type-checked \(tsgo 7\.[^)]*\); 0 warnings, 1 relaxed finding; --verbose lists them$/,
    );
    const verbose = kubecraft(['synth', '--verbose'], dir);
    expect(verbose.stderr).toMatch(/^RELAXED \[policy\/probes\] Deployment calm\/web/m);
    expect(verbose.stderr).toContain('the app restarts itself');
    expect(kubecraft(['synth', '--quiet'], dir).stderr).toBe('');
  }, 120000);
});

describe('kubecraft init', () => {
  test('scaffolds, merges package.json, and refuses to overwrite without --force', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-init-'));
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'mine', scripts: { test: 'echo "Error: no test specified" && exit 1', build: 'tsc' } }),
    );
    const r = kubecraft(['init'], dir);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['.gitignore', 'cdk8s.yaml', 'main.test.ts', 'main.ts', 'package.json', 'tsconfig.json'].sort(),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toMatchObject({
      synth: 'kubecraft synth main.ts',
      test: 'tsgo --noEmit -p . && jest',
      build: 'tsc',
    });
    expect(pkg.jest.transform).toEqual({ '^.+\\.ts$': 'kubecraft/jest-transform' });
    expect(pkg.devDependencies).not.toHaveProperty('ts-jest');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['cdk8s', 'cdk8s-plus-27', 'constructs']);
    expect(pkg.devDependencies).toHaveProperty('typescript');
    expect(pkg.devDependencies).toHaveProperty('@typescript/native-preview'); // kubecraft synth's fast type-check
    expect(fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8')).toContain('app: npx kubecraft synth main.ts');
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain('if (require.main === module)');
    fs.writeFileSync(path.join(dir, 'main.ts'), '// mine\n');
    const again = kubecraft(['init'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exist');
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe('// mine\n');
    expect(kubecraft(['init', '--force'], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain('WebService');
  });
});
