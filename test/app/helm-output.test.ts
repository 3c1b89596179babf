// `cdk8s synth --format helm`: the cdk8s CLI scaffolds <output>/Chart.yaml and runs the app with
// CDK8S_OUTDIR=<output>/templates. kubecraft then writes only the manifests there, with `{{`
// escaped, so that `helm template` renders exactly the objects of a plain synth. Run here with
// the real cdk8s CLI and a real helm (scripts/find-helm.mjs).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Manifest } from '../../lib';
import { escapeHelmTemplate } from '../../lib/app/helm-output';
import { findHelmForTests, helmTestFor } from '../support/helm';

const helm = findHelmForTests();
const helmTest = helmTestFor(helm, 'test/app/helm-output.test.ts');
const root = path.resolve(__dirname, '..', '..');
const cdk8sCli = path.join(root, 'node_modules', '.bin', 'cdk8s');
const lib = JSON.stringify(path.join(root, 'lib'));

/** Strings a Go template would misread, and YAML that helm's manifest splitter could. */
const TRICKY: Record<string, string> = {
  action: '{{ .Values.name }}',
  trim: '{{- .Release.Name -}}',
  comment: '{{/* not a comment */}}',
  triple: '{{{a}}}',
  closing: 'a }} b }}}',
  backticks: '{{`x`}} and `{{`',
  quoted: 'say "{{" and \'}}\'',
  'starts-with': '{{x',
  'ends-with': 'x{{',
  lonely: '{',
  multiline: 'line 1\n{{ .Values.x }}\n---\n--- y\n# Source: not helm\nend',
  dashes: '---',
  'shell.sh': 'echo "${HOME}" $((1 + 2)) {{.}}',
};

const APP = `import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, WebService } from ${lib};
const app = new KubecraftApp({ graph: true, printReport: false });
const shop = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(shop, 'ns', { metadata: { name: 'shop' } });
new WebService(shop, 'web', {
  image: 'ghcr.io/acme/web:1.0.0',
  env: { GREETING: 'Hello {{ .Values.name }}', TEMPLATE: '{{- range . }}{{ . }}{{ end }}' },
});
new kplus.ConfigMap(shop, 'tricky', { data: ${JSON.stringify(TRICKY)} });
const extra = new KubecraftChart(app, 'extra', { namespace: 'shop' });
new kplus.ConfigMap(extra, 'plain', { data: { a: 'b' }, metadata: { annotations: { 'example.com/t': '{{ x }}' } } });
app.synth();
`;

const ENV_APP = `import * as kplus from 'cdk8s-plus-27';
import { Environments, External, KubecraftApp, KubecraftChart } from ${lib};
const app = new KubecraftApp({ printReport: false });
for (const env of Environments.define(app, { dev: { greeting: 'hi {{ dev }}' }, prod: { greeting: 'hello {{ prod }}' } })) {
  const chart = new KubecraftChart(env, 'shop', { namespace: 'default' });
  External.namespace(chart, 'default', 'created by Kubernetes');
  new kplus.ConfigMap(chart, 'config', { data: { greeting: env.config.greeting } });
}
app.synth();
`;

/** A project in a temp folder named `shop` (the CLI names the chart after it), with the repository's node_modules. */
function project(app: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-helm-format-')), 'shop');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "shop", "private": true }\n');
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(
    path.join(dir, 'cdk8s.yaml'),
    `language: typescript\napp: node ${JSON.stringify(path.join(root, 'scripts', 'kubecraft.mjs'))} synth app.ts --quiet\noutput: dist\n`,
  );
  fs.writeFileSync(path.join(dir, 'app.ts'), app);
  return dir;
}

function cdk8sSynth(cwd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cdk8sCli, ['synth', '--no-check-upgrade', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env },
  });
}

function parseDocs(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length > 0) throw d.errors[0];
      return d.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

/** Every manifest of an output folder, its setup phase (setup/) included. */
function readManifests(dir: string): Manifest[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.k8s.yaml'))
    .sort()
    .flatMap((f) => parseDocs(fs.readFileSync(path.join(dir, f), 'utf8')));
}

const key = (m: Manifest) => `${m.apiVersion} ${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;
const byKey = (list: Manifest[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('escapeHelmTemplate', () => {
  test.each([
    ['plain text', 'plain text'],
    ['{{ x }}', '{{`{{`}} x }}'],
    ['a}}b', 'a}}b'],
    ['{{{', '{{`{{`}}{'],
    ['{{{{', '{{`{{`}}{{`{{`}}'],
  ])('%j -> %j', (text, escaped) => {
    expect(escapeHelmTemplate(text)).toBe(escaped);
  });

  test('the escaped text is still YAML, though of other strings (helm renders them back)', () => {
    const yaml = 'a: "{{ x }}"\nb: c {{ d }}\n';
    expect(parseDocs(escapeHelmTemplate(yaml))).toEqual([{ a: '{{`{{`}} x }}', b: 'c {{`{{`}} d }}' }]);
  });
});

describe('cdk8s synth --format helm (the real cdk8s CLI, then a real helm template)', () => {
  helmTest(
    'a Helm chart whose helm template is the plain synth, object for object, {{ included',
    () => {
      const dir = project(APP);
      const plain = cdk8sSynth(dir, ['-o', 'plain']);
      expect(plain.stderr).toBe('');
      expect(plain.status).toBe(0);
      const expected = readManifests(path.join(dir, 'plain'));
      expect(fs.readdirSync(path.join(dir, 'plain')).sort()).toEqual([
        'Kustomization',
        'app-graph.dot',
        'app-graph.mmd',
        'app-graph.svg',
        'extra.k8s.yaml',
        'setup',
        'shop.k8s.yaml',
      ]);

      const chart = cdk8sSynth(dir, ['--format', 'helm', '--chart-version', '0.1.0', '-o', 'chart']);
      expect(chart.stderr).toBe('');
      expect(chart.status).toBe(0);
      expect(fs.readdirSync(path.join(dir, 'chart')).sort()).toEqual(['Chart.yaml', 'README.md', 'templates']);
      // only the manifests: no Kustomization, no graph, nothing left of the atomic swap
      expect(fs.readdirSync(path.join(dir, 'chart', 'templates')).sort()).toEqual(['extra.k8s.yaml', 'shop.k8s.yaml']);
      expect(fs.readFileSync(path.join(dir, 'chart', 'templates', 'shop.k8s.yaml'), 'utf8')).toContain(
        '{{`{{`}} .Values.name }}',
      );

      const lint = spawnSync(helm.path!, ['lint', 'chart'], { cwd: dir, encoding: 'utf8' });
      expect(lint.stdout).toContain('0 chart(s) failed');
      const rendered = spawnSync(helm.path!, ['template', 'shop', 'chart'], { cwd: dir, encoding: 'utf8' });
      expect(rendered.stderr).toBe('');
      expect(rendered.status).toBe(0);
      const objects = parseDocs(rendered.stdout);
      expect(objects.length).toBe(expected.length);
      expect(byKey(objects)).toEqual(byKey(expected));
      // the strings a template engine would read, byte for byte
      const tricky = objects.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'tricky') as unknown as {
        data: Record<string, string>;
      };
      expect(tricky.data).toEqual(TRICKY);
    },
    120000,
  );

  test('an app with several output folders (environments) is refused: one chart is one release', () => {
    const dir = project(ENV_APP);
    const r = cdk8sSynth(dir, ['--format', 'helm', '--chart-version', '0.1.0']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'kubecraft: cannot write a Helm chart (cdk8s synth --format helm): the app writes 2 output folders, dev/, prod/, each deployed on its own, and a Helm chart is one release.',
    );
    expect(r.stderr).toContain('Fix: select one environment (KUBECRAFT_ENV=<name>)');
    expect(fs.existsSync(path.join(dir, 'dist', 'templates'))).toBe(false); // nothing written
  }, 60000);

  helmTest(
    'one selected environment is written flat into templates/',
    () => {
      const dir = project(ENV_APP);
      const r = cdk8sSynth(dir, ['--format', 'helm', '--chart-version', '0.1.0'], { KUBECRAFT_ENV: 'prod' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(fs.readdirSync(path.join(dir, 'dist', 'templates'))).toEqual(['shop.k8s.yaml']);
      const rendered = spawnSync(helm.path!, ['template', 'shop', 'dist'], { cwd: dir, encoding: 'utf8' });
      expect(rendered.status).toBe(0);
      expect(parseDocs(rendered.stdout)).toEqual([
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'config', namespace: 'default' },
          data: { greeting: 'hello {{ prod }}' },
        },
      ]);
    },
    60000,
  );
});
