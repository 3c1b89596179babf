import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { buildExampleApp } from '../../examples/example-app';
import { Environment, Environments, KubecraftApp, KubecraftChart, WebService } from '../../lib';
import { toOutputFiles } from '../../lib/app/kubecraft-app';
import { buildAppGraph, toDot, toMermaid } from '../../lib/output/app-graph';

const root = path.resolve(__dirname, '..', '..');
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

describe('environments', () => {
  interface Cfg {
    replicas: number;
    host: string;
  }
  const configs: Record<string, Cfg> = {
    dev: { replicas: 1, host: 'dev.example.com' },
    prod: { replicas: 3, host: 'example.com' },
  };
  const build = (select?: string[]) => {
    const app = new KubecraftApp({ outdir: path.join(tmp('kc-env-'), 'dist'), printReport: false });
    for (const env of Environments.define(app, configs, { select })) {
      const chart = new KubecraftChart(env, 'shop', { namespace: 'shop' });
      new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
      new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', replicas: env.config.replicas });
      expect(Environment.of(chart)).toBe(env);
    }
    return app;
  };

  test('one folder per environment, each with its kustomization, validated on its own', () => {
    const app = build();
    app.synth();
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['dev', 'prod']);
    expect(fs.readdirSync(path.join(app.outdir, 'prod')).sort()).toEqual(['Kustomization', 'setup', 'shop.k8s.yaml']);
    expect(fs.readFileSync(path.join(app.outdir, 'prod', 'shop.k8s.yaml'), 'utf8')).toContain('replicas: 3');
    expect(fs.readFileSync(path.join(app.outdir, 'dev', 'shop.k8s.yaml'), 'utf8')).toContain('replicas: 1');
    expect(app.validate().errors).toEqual([]); // same names in dev and prod are not duplicates
  });

  test('only the selected environment is written (select or $KUBECRAFT_ENV)', () => {
    const app = build(['prod']);
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['prod']);
    process.env.KUBECRAFT_ENV = 'dev';
    try {
      const fromEnv = build();
      fromEnv.synth();
      expect(fs.readdirSync(fromEnv.outdir)).toEqual(['dev']);
    } finally {
      delete process.env.KUBECRAFT_ENV;
    }
  });

  test('npm run synth -- --env staging writes only staging; an unknown environment fails clearly', () => {
    const outdir = path.join(tmp('kc-envflag-'), 'dist');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'scripts', 'run-app.mjs'), 'main.ts', ...args], {
        cwd: root,
        env: { ...process.env, CDK8S_OUTDIR: outdir },
        encoding: 'utf8',
      });
    expect(run('--env', 'staging').status).toBe(0);
    expect(fs.readdirSync(outdir).filter((f) => fs.statSync(path.join(outdir, f)).isDirectory())).toEqual([
      'setup',
      'staging',
    ]);
    const bad = run('--env=qa');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(
      "unknown environment 'qa' (defined: dev, staging, prod; other output folders: argocd, flux-dev, flux-staging, flux-prod-eu, flux-prod-us)",
    );
  }, 60000);

  test.each<[string, () => void, RegExp]>([
    [
      'an unknown environment',
      () => Environments.define(Testing.app(), configs, { select: ['qa'] }),
      /unknown environment 'qa' \(defined: dev, prod\)/,
    ],
    ['an invalid name', () => Environments.define(Testing.app(), { Prod: configs.prod }), /environment name 'Prod'/],
    [
      'invalid configuration, all environments checked',
      () =>
        Environments.define(
          Testing.app(),
          { dev: { replicas: 0, host: '' }, prod: { replicas: -1, host: '' } },
          {
            validate: (c: Cfg) => (c.replicas < 1 ? [`replicas must be at least 1 (is ${c.replicas})`] : []),
            select: ['dev'],
          },
        ),
      /environment 'dev': replicas must be at least 1 \(is 0\)\n {2}environment 'prod': replicas must be at least 1 \(is -1\)/,
    ],
    ['no environments', () => Environments.define(Testing.app(), {}), /no environments given/],
  ])('rejects %s', (_n, make, error) => {
    expect(make).toThrow(error);
  });
});

describe('kustomization', () => {
  test('every output folder lists its files in chart order', () => {
    const files = buildExampleApp(new KubecraftApp({ outdir: tmp('kc-k-') })).render();
    const out = toOutputFiles(files);
    const top = out.find((f) => f.relativePath === 'Kustomization')!.content;
    expect(top).toMatch(
      /^apiVersion: kustomize.config.k8s.io\/v1beta1\nkind: Kustomization\nresources:\n {2}- setup\n {2}- 01-myapp-pod.k8s.yaml\n/,
    );
    expect(out.find((f) => f.relativePath === 'prod/Kustomization')!.content).toContain('  - guestbook.k8s.yaml');
  });

  // kubectl is required (CI installs it when absent): never skipped silently
  test('kubectl kustomize builds every folder of the example app, kinds in install order', () => {
    const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    if (version.status !== 0) throw new Error('kubectl is not on the PATH: install it (CI does) to run this test');
    const outdir = path.join(tmp('kc-kz-'), 'dist');
    buildExampleApp(new KubecraftApp({ outdir, printReport: false })).synth();
    for (const folder of ['', 'dev', 'staging', 'prod']) {
      const r = spawnSync('kubectl', ['kustomize', path.join(outdir, folder)], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const kinds = [...r.stdout.matchAll(/^kind: (\w+)$/gm)].map((x) => x[1]);
      expect(kinds[0]).toBe('Namespace');
      expect(kinds.lastIndexOf('Namespace')).toBeLessThan(
        kinds.indexOf('Deployment') === -1 ? kinds.length : kinds.indexOf('Deployment'),
      );
    }
  });
});

describe('diff', () => {
  function cli(variant: string, out: string, ...args: string[]) {
    return spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts', 'kubecraft.mjs'),
        'diff',
        '--app',
        'test/fixtures/diff-app/main.ts',
        '--out',
        out,
        ...args,
      ],
      {
        cwd: root,
        env: { ...process.env, DIFF_VARIANT: variant },
        encoding: 'utf8',
      },
    );
  }

  test('the CLI: exit 0 without changes, 1 with changes, 2 on error; the output is field-level', () => {
    const out = path.join(tmp('kc-diff-'), 'dist');
    const synth = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'run-app.mjs'), 'test/fixtures/diff-app/main.ts'],
      { cwd: root, env: { ...process.env, CDK8S_OUTDIR: out }, encoding: 'utf8' },
    );
    expect(synth.status).toBe(0);
    const same = cli('base', out);
    expect([same.status, same.stdout.trim()]).toEqual([0, 'no changes']);
    const scaled = cli('scaled', out);
    expect(scaled.status).toBe(1);
    expect(scaled.stdout).toContain('~ apps/Deployment shop/web: rolls pods (image)');
    expect(scaled.stdout).toContain('    ~ spec.replicas: 2 -> 4');
    expect(scaled.stdout).toContain(
      '    ~ spec.template.spec.containers[web].image: "ghcr.io/acme/web:2.0.1" -> "ghcr.io/acme/web:2.1.0"',
    );
    expect(cli('grown', out).stdout).toContain('+ ConfigMap shop/extra');
    expect(cli('shrunk', out).stdout).toContain('- Service shop/web');
    const broken = cli('base', out, '--nope');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('usage: kubecraft diff');
  }, 60000);

  test('--json prints only the JSON diff on standard output', () => {
    const out = path.join(tmp('kc-diff-json-'), 'dist');
    const synth = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'kubecraft.mjs'), 'synth', '--quiet', 'test/fixtures/diff-app/main.ts'],
      {
        cwd: root,
        env: { ...process.env, CDK8S_OUTDIR: out },
        encoding: 'utf8',
      },
    );
    expect(synth.status).toBe(0);
    const r = cli('scaled', out, '--json');
    expect(r.status).toBe(1);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.format).toBe('kubecraft.io/diff/v1');
    expect(parsed.changed.map((c: { key: string }) => c.key)).toContain('apps/Deployment shop/web');
  }, 60000);

  test('a change cause alone changes the workload, not its pods', () => {
    const out = path.join(tmp('kc-diff-cause-'), 'dist');
    const synth = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'kubecraft.mjs'), 'synth', '--quiet', 'test/fixtures/diff-app/main.ts'],
      {
        cwd: root,
        env: { ...process.env, CDK8S_OUTDIR: out, KUBECRAFT_CHANGE_CAUSE: '' },
        encoding: 'utf8',
      },
    );
    expect(synth.status).toBe(0);
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'kubecraft.mjs'), 'diff', '--app', 'test/fixtures/diff-app/main.ts', '--out', out],
      {
        cwd: root,
        env: { ...process.env, DIFF_VARIANT: 'base', KUBECRAFT_CHANGE_CAUSE: 'release 2.0.1' },
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('~ apps/Deployment shop/web: no rollout');
    expect(r.stdout).toContain('"kubernetes.io/change-cause":"release 2.0.1"');
  }, 60000);

  test('the CLI against a git revision: the app at HEAD compared with the working tree', () => {
    // a fresh clone (CI) has no changes to main.ts or lib/ against HEAD: exit 0, no changes
    const status = spawnSync('git', ['status', '--porcelain', '--', 'main.ts', 'examples', 'lib'], {
      cwd: root,
      encoding: 'utf8',
    });
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'kubecraft.mjs'), 'diff', '--against', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (status.stdout.trim() === '') {
      expect(r.stderr).toBe('');
      expect([r.status, r.stdout.trim()]).toEqual([0, 'no changes']);
    } else {
      // local edits: the diff reports them (exit 1) or none (exit 0), never an error
      expect([0, 1]).toContain(r.status);
    }
  }, 180000);

  test('the CLI against a git revision that does not exist', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'kubecraft.mjs'), 'diff', '--against', 'no-such-revision'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('git worktree add');
  }, 60000);
});

describe('graph', () => {
  const files = buildExampleApp(new KubecraftApp({ outdir: tmp('kc-g-') })).render();
  const graphOf = (folder: string) =>
    buildAppGraph(files.filter((f) => f.folder === folder).flatMap((f) => f.objects.map((o) => o.manifest)));
  const has = (g: ReturnType<typeof buildAppGraph>, from: string, to: string, kind: string, label?: string) =>
    g.edges.some(
      (e) => e.from === from && e.to === to && e.kind === kind && (label === undefined || e.label === label),
    );

  test('the three-tier app: selection, routing, DNS wiring, allowed traffic, budgets', () => {
    const g = graphOf('');
    const nmt = (kind: string, name: string) => `${kind}/nmt/${name}`;
    expect(has(g, 'outside', nmt('Ingress', 'nginx'), 'routes')).toBe(true);
    expect(has(g, nmt('Ingress', 'nginx'), nmt('Service', 'nginx'), 'routes', '80')).toBe(true);
    expect(has(g, nmt('Service', 'tomcat'), nmt('Deployment', 'tomcat'), 'selects')).toBe(true);
    expect(has(g, nmt('Deployment', 'nginx'), nmt('Service', 'tomcat'), 'dns')).toBe(true);
    expect(has(g, nmt('Deployment', 'tomcat'), nmt('Service', 'mysql'), 'dns')).toBe(true);
    expect(has(g, nmt('Deployment', 'nginx'), nmt('Deployment', 'tomcat'), 'allows', ':8080')).toBe(true);
    expect(has(g, nmt('Deployment', 'tomcat'), nmt('StatefulSet', 'mysql'), 'allows', ':3306')).toBe(true);
    expect(has(g, nmt('Deployment', 'nginx'), nmt('StatefulSet', 'mysql'), 'allows')).toBe(false);
    expect(has(g, 'outside', nmt('Deployment', 'nginx'), 'allows', ':8080')).toBe(true);
    expect(has(g, nmt('PodDisruptionBudget', 'mysql'), nmt('StatefulSet', 'mysql'), 'guards')).toBe(true);
    expect(has(g, nmt('Deployment', 'nginx'), nmt('ConfigMap', 'nginx-conf'), 'uses')).toBe(true);
  });

  test('HPA, RBAC, volumes and config edges', () => {
    const g = graphOf('');
    expect(has(g, 'HorizontalPodAutoscaler/team-a/web-hpa', 'Deployment/team-a/web', 'scales')).toBe(true);
    expect(has(g, 'RoleBinding/team-a/read-pods', 'Role/team-a/pod-reader', 'binds')).toBe(true);
    expect(has(g, 'ClusterRoleBinding//team-a-node-viewer', 'ClusterRole//node-viewer', 'binds')).toBe(true);
    expect(has(g, 'Deployment/config/config-demo', 'PersistentVolumeClaim/config/app-data', 'uses')).toBe(true);
    expect(has(g, 'Service/services/my-service-lb', 'Deployment/services/myapp', 'selects')).toBe(true);
    expect(g.nodes.some((n) => n.kind === 'NetworkPolicy' || n.kind === 'Namespace')).toBe(false);
  });

  test('DOT clusters by namespace; Mermaid has the same edges', () => {
    const g = graphOf('prod');
    const dot = toDot(g, 'prod');
    expect(dot).toContain('label="namespace guestbook-app"');
    expect(dot.match(/ -> /g)!.length).toBe(g.edges.length);
    expect(toMermaid(g).match(/ -->\|/g)!.length).toBe(g.edges.length);
  });
});
