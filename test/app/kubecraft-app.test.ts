import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Probes } from '../../lib';
import { writeDirectoryAtomically } from '../../lib/output/atomic-directory';
import { INSTALL_ORDER, installRank } from '../../lib/output/install-order';
import { readOutputFolders } from '../../lib/output/output-folders';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kc-app-'));
}

describe('KubecraftApp', () => {
  test('writes one file per chart, objects in install order, with construct paths', () => {
    const outdir = path.join(tmp(), 'dist');
    const app = new KubecraftApp({ outdir });
    const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
    const d = new kplus.Deployment(chart, 'web', {
      containers: [
        { image: 'nginx:1.25.3', portNumber: 8080, liveness: Probes.tcpSocket(), readiness: Probes.httpGet('/') },
      ],
    });
    d.exposeViaService({ name: 'web' });
    new kplus.ConfigMap(chart, 'conf');
    new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });
    const [file] = app.render();
    expect(file.fileName).toBe('shop.k8s.yaml');
    expect(file.objects.map((o) => o.manifest.kind)).toEqual(['Namespace', 'ConfigMap', 'Service', 'Deployment']);
    expect(file.objects.map((o) => o.path)).toEqual([
      'shop/shop-ns/Resource',
      'shop/conf/Resource',
      'shop/web/webService/Resource',
      'shop/web/Resource',
    ]);
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['Kustomization', 'setup', 'shop.k8s.yaml']);
    // the Namespace is applied in the setup phase, before the rest
    expect(fs.readdirSync(path.join(outdir, 'setup'))).toEqual(['Kustomization', 'shop.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'setup', 'shop.k8s.yaml'), 'utf8')).toMatch(
      /^apiVersion: v1\nkind: Namespace\nmetadata:\n {2}name: shop\n/,
    );
    expect(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).toMatch(/^apiVersion: v1\nkind: ConfigMap\n/);
    expect(fs.readFileSync(path.join(outdir, 'Kustomization'), 'utf8')).toContain(
      'resources:\n  - setup\n  - shop.k8s.yaml\n',
    );
  });

  test('install order follows Helm for the kinds that matter', () => {
    const order = [
      'Namespace',
      'NetworkPolicy',
      'ResourceQuota',
      'LimitRange',
      'ServiceAccount',
      'Secret',
      'ConfigMap',
      'PersistentVolumeClaim',
      'CustomResourceDefinition',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Service',
      'DaemonSet',
      'Deployment',
      'StatefulSet',
      'Job',
      'CronJob',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Ingress',
    ];
    const ranks = order.map(installRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(installRank('CephCluster')).toBe(INSTALL_ORDER.length);
  });

  test('a synth that throws leaves the previous output untouched', () => {
    const outdir = path.join(tmp(), 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'old.k8s.yaml'), 'kind: Old\n');
    const app = new KubecraftApp({ outdir });
    const chart = new KubecraftChart(app, 'c');
    new kplus.Pod(chart, 'pod', { containers: [{ name: 'c', image: 'app:1', liveness: Probes.tcpSocket() }] });
    expect(() => app.synth()).toThrow();
    expect(fs.readdirSync(outdir)).toEqual(['old.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'old.k8s.yaml'), 'utf8')).toBe('kind: Old\n');
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });
});

describe('yamlOutputType: how a folder is divided into files', () => {
  /** Two charts, one with a Namespace (setup phase), and two ServiceAccounts named web in two namespaces. */
  function twoCharts(yamlOutputType?: YamlOutputType): { app: KubecraftApp; outdir: string } {
    const outdir = path.join(tmp(), 'dist');
    const app = new KubecraftApp({ outdir, yamlOutputType, printReport: false });
    for (const ns of ['shop', 'blog']) {
      const chart = new KubecraftChart(app, ns, { namespace: ns });
      new kplus.Namespace(chart, 'ns', { metadata: { name: ns } });
      new kplus.ConfigMap(chart, 'conf', { metadata: { name: `${ns}-conf` }, data: { a: '1' } });
      new kplus.ServiceAccount(chart, 'web', { metadata: { name: 'web' } });
    }
    return { app, outdir };
  }
  const kustomizationOf = (dir: string) => fs.readFileSync(path.join(dir, 'Kustomization'), 'utf8');

  test('FILE_PER_CHART (the default): one file per chart and phase', () => {
    const { app, outdir } = twoCharts();
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['Kustomization', 'blog.k8s.yaml', 'setup', 'shop.k8s.yaml']);
    expect(fs.readdirSync(path.join(outdir, 'setup'))).toEqual(['Kustomization', 'blog.k8s.yaml', 'shop.k8s.yaml']);
  });

  test('FILE_PER_RESOURCE: one file per object, <Kind>.<name>, the namespace added where two would share a file; Kustomization in install order', () => {
    const { app, outdir } = twoCharts(YamlOutputType.FILE_PER_RESOURCE);
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual([
      'ConfigMap.blog-conf.k8s.yaml',
      'ConfigMap.shop-conf.k8s.yaml',
      'Kustomization',
      'ServiceAccount.blog.web.k8s.yaml',
      'ServiceAccount.shop.web.k8s.yaml',
      'setup',
    ]);
    expect(fs.readdirSync(path.join(outdir, 'setup')).sort()).toEqual([
      'Kustomization',
      'Namespace.blog.k8s.yaml',
      'Namespace.shop.k8s.yaml',
    ]);
    // install order, chart by chart: the setup phase, then each chart's ServiceAccount before its ConfigMap
    expect(kustomizationOf(outdir)).toContain(
      [
        '  - setup',
        '  - ServiceAccount.shop.web.k8s.yaml',
        '  - ConfigMap.shop-conf.k8s.yaml',
        '  - ServiceAccount.blog.web.k8s.yaml',
        '  - ConfigMap.blog-conf.k8s.yaml',
      ].join('\n'),
    );
    const one = fs.readFileSync(path.join(outdir, 'ServiceAccount.shop.web.k8s.yaml'), 'utf8');
    expect(one.match(/^kind: /gm)).toHaveLength(1);
    expect(one).toContain('namespace: shop');
    // read back (kubecraft apply, diff): the same objects as the default layout
    const perChart = twoCharts();
    perChart.app.synth();
    const objects = (dir: string) =>
      readOutputFolders(dir).map((f) => ({
        setup: f.objects.setup.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`).sort(),
        main: f.objects.main.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`).sort(),
      }));
    expect(objects(outdir)).toEqual(objects(perChart.outdir));
  });

  test('FILE_PER_APP: one file per folder and phase', () => {
    const { app, outdir } = twoCharts(YamlOutputType.FILE_PER_APP);
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['Kustomization', 'app.k8s.yaml', 'setup']);
    expect(fs.readdirSync(path.join(outdir, 'setup'))).toEqual(['Kustomization', 'app.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'app.k8s.yaml'), 'utf8').match(/^kind: /gm)).toHaveLength(4);
  });

  test('FOLDER_PER_CHART_FILE_PER_RESOURCE is refused, naming the prop and the layouts there are', () => {
    expect(() => new KubecraftApp({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE })).toThrow(
      /yamlOutputType FOLDER_PER_CHART_FILE_PER_RESOURCE is not supported[\s\S]*FILE_PER_RESOURCE or FILE_PER_APP/,
    );
    expect(() => new KubecraftApp({ yamlOutputType: 7 as YamlOutputType })).toThrow(
      /yamlOutputType 7 is not supported/,
    );
  });
});

describe('KubecraftApp.synthYaml', () => {
  test('is validated like synth(), and gives the objects synth() writes', () => {
    const app = new KubecraftApp({ outdir: path.join(tmp(), 'dist'), printReport: false });
    const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
    new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
    new kplus.ConfigMap(chart, 'conf', { metadata: { name: 'conf' }, data: { a: 'b' } });
    const yaml = app.synthYaml();
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n {2}name: shop\n/);
    expect(yaml).toMatch(/^---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n {2}name: conf\n {2}namespace: shop\n/m);
    new kplus.ConfigMap(chart, 'bad', { metadata: { name: 'Bad_Name' } });
    expect(() => app.synthYaml()).toThrow(/synthesis refused[\s\S]*Bad_Name/);
  });
});

describe('writeDirectoryAtomically', () => {
  test('replaces the directory content as a whole', () => {
    const dir = path.join(tmp(), 'out');
    writeDirectoryAtomically(dir, [
      { relativePath: 'a.yaml', content: 'a' },
      { relativePath: 'sub/b.yaml', content: 'b' },
    ]);
    writeDirectoryAtomically(dir, [{ relativePath: 'c.yaml', content: 'c' }]);
    expect(fs.readdirSync(dir)).toEqual(['c.yaml']);
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['out']);
  });

  test('refuses paths outside the directory and leaves the old content', () => {
    const dir = path.join(tmp(), 'out');
    writeDirectoryAtomically(dir, [{ relativePath: 'a.yaml', content: 'a' }]);
    expect(() => writeDirectoryAtomically(dir, [{ relativePath: '../evil.yaml', content: 'x' }])).toThrow(
      /outside the output directory/,
    );
    expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('a');
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['out']);
  });
});
