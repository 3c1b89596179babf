import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubecraftApp, KubecraftChart, Manifest, WebService } from '../../lib';
import { renderApp } from '../../lib/app/synthesis';
import { sortByInstallOrder } from '../../lib/output/install-order';

/**
 * An app with every kind of dependency cdk8s knows: nested charts, construct dependencies
 * across charts and inside one, an explicit chart dependency, a plain cdk8s chart, and an
 * object renamed by a JSON patch.
 */
function buildApp(app: App): void {
  const base = new KubecraftChart(app, 'base', { namespace: 'shop' });
  const config = new kplus.ConfigMap(base, 'config', { data: { a: '1' } });
  const nested = new KubecraftChart(base, 'nested', { namespace: 'shop' });
  new kplus.Secret(nested, 'token', { stringData: { t: 'x' } });

  const web = new KubecraftChart(app, 'web', { namespace: 'shop' });
  const svc = new WebService(web, 'front', { image: 'registry.example.com/front:1.0.0', partOf: 'shop' });
  svc.node.addDependency(config); // across charts
  const late = new kplus.ConfigMap(web, 'late', { data: { b: '2' } });
  const early = new kplus.ConfigMap(web, 'early', { data: { c: '3' } });
  late.node.addDependency(early); // inside one chart
  ApiObject.of(early).addJsonPatch(JsonPatch.replace('/metadata/name', 'renamed-early'));

  const plain = new Chart(app, 'plain', { namespace: 'shop' });
  const group = new Construct(plain, 'group');
  const second = new ApiObject(group, 'second', { apiVersion: 'v1', kind: 'ConfigMap', data: { d: '4' } });
  const first = new ApiObject(plain, 'first', { apiVersion: 'v1', kind: 'ConfigMap', data: { e: '5' } });
  second.node.addDependency(first);

  const last = new KubecraftChart(app, 'last', { namespace: 'shop' });
  new kplus.ConfigMap(last, 'x', { data: { f: '6' } });
  web.addDependency(last); // explicit chart dependency
}

describe('renderApp', () => {
  test('renders each chart as cdk8s does (same charts, objects and order), in install order', () => {
    const app = new KubecraftApp({ outdir: 'unused' });
    buildApp(app);
    const files = renderApp(app);
    // cdk8s's own path, chart by chart (each call prepares the whole app again); the charts in
    // the order cdk8s's App.synth() takes them: after resolving dependencies (nested charts first)
    const reference = new KubecraftApp({ outdir: 'unused' });
    buildApp(reference);
    App.prototype.synthYaml.call(reference); // cdk8s's own path (KubecraftApp's validates)
    expect(files.map((f) => f.fileName)).toEqual(reference.charts.map((c) => `${c.node.id}.k8s.yaml`));
    reference.charts.forEach((chart, i) => {
      const expected = sortByInstallOrder((chart.toJson() as Manifest[]).map((manifest) => ({ manifest })));
      expect(files[i].objects.map((o) => o.manifest)).toEqual(expected.map((e) => e.manifest));
    });
  });

  test('each object is paired with the construct that produced it, also when a JSON patch renamed it', () => {
    const app = new KubecraftApp({ outdir: 'unused' });
    buildApp(app);
    const web = renderApp(app).find((f) => f.fileName === 'web.k8s.yaml')!;
    const renamed = web.objects.find((o) => o.manifest.metadata.name === 'renamed-early')!;
    expect(renamed.path).toBe('web/early/Resource');
    expect(renamed.construct?.node.path).toBe('web/early/Resource');
    for (const o of web.objects) expect(o.construct?.node.path).toBe(o.path);
  });

  test('the order follows dependencies: a dependency renders before its dependant', () => {
    const app = new KubecraftApp({ outdir: 'unused' });
    buildApp(app);
    const files = renderApp(app);
    const charts = files.map((f) => f.fileName);
    expect(charts.indexOf('base.k8s.yaml')).toBeLessThan(charts.indexOf('web.k8s.yaml'));
    expect(charts.indexOf('nested.k8s.yaml')).toBeLessThan(charts.indexOf('base.k8s.yaml'));
    expect(charts.indexOf('last.k8s.yaml')).toBeLessThan(charts.indexOf('web.k8s.yaml'));
    const plain = files.find((f) => f.fileName === 'plain.k8s.yaml')!;
    expect(plain.objects.map((o) => o.path)).toEqual(['plain/first', 'plain/group/second']);
    const web = files.find((f) => f.fileName === 'web.k8s.yaml')!.objects.map((o) => o.manifest.metadata.name);
    expect(web.indexOf('renamed-early')).toBeLessThan(web.indexOf('late'));
  });

  test('rendering twice gives the same result (preparing the app is idempotent)', () => {
    const app = new KubecraftApp({ outdir: 'unused' });
    buildApp(app);
    expect(renderApp(app)).toEqual(renderApp(app));
  });

  test('a failing construct validation refuses the synthesis and names the construct path', () => {
    const app = new KubecraftApp({ outdir: 'unused' });
    const chart = new KubecraftChart(app, 'c');
    const cm = new kplus.ConfigMap(chart, 'cm');
    cm.node.addValidation({ validate: () => ['the data is incomplete'] });
    expect(() => renderApp(app)).toThrow(/synthesis refused: Validation failed.*\n.*\[c\/cm\] the data is incomplete/);
  });
});
