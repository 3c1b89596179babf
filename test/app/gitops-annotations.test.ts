import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  ARGOCD_SYNC_OPTIONS_ANNOTATION,
  ARGOCD_SYNC_WAVE_ANNOTATION,
  KubecraftApp,
  KubecraftAppProps,
  KubecraftChart,
  Manifest,
  readOutputFolders,
  WebService,
} from '../../lib';
import { WIDGET_CRD } from '../support/manifests';

function build(props: KubecraftAppProps): KubecraftApp {
  const app = new KubecraftApp({ printReport: false, ...props });
  const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
  new ApiObject(chart, 'crd', WIDGET_CRD);
  new ApiObject(chart, 'w1', {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w1' },
    spec: { size: 1 },
  });
  new ApiObject(chart, 'w2', {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w2', annotations: { [ARGOCD_SYNC_OPTIONS_ANNOTATION]: 'Prune=false' } },
    spec: { size: 2 },
  });
  new kplus.ConfigMap(chart, 'early', {
    metadata: { name: 'early', annotations: { [ARGOCD_SYNC_WAVE_ANNOTATION]: '-5' } },
    data: { a: 'b' },
  });
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0' });
  return app;
}

const annotationsOf = (app: KubecraftApp) =>
  Object.fromEntries(
    app
      .render()
      .flatMap((f) => f.objects)
      .map((o): [string, Record<string, string> | undefined] => [
        `${o.manifest.kind}/${o.manifest.metadata.name}`,
        (o.manifest as Manifest).metadata.annotations,
      ]),
  );

describe('argoCdSyncWaves', () => {
  test('off by default: no Argo CD annotation anywhere', () => {
    const all = JSON.stringify(
      build({})
        .render()
        .flatMap((f) => f.objects.map((o) => o.manifest)),
    );
    expect(all).not.toContain('"argocd.argoproj.io/sync-wave":"-1"'); // only the user's own -5
    expect(all).not.toContain('SkipDryRunOnMissingResource');
  });

  test('the setup phase is wave -1; custom resources of the folder CRDs skip the dry run; what the user set stays', () => {
    const a = annotationsOf(build({ argoCdSyncWaves: true }));
    expect(a['Namespace/shop']).toEqual({ [ARGOCD_SYNC_WAVE_ANNOTATION]: '-1' });
    expect(a['CustomResourceDefinition/widgets.example.com']).toEqual({ [ARGOCD_SYNC_WAVE_ANNOTATION]: '-1' });
    expect(a['Widget/w1']).toEqual({ [ARGOCD_SYNC_OPTIONS_ANNOTATION]: 'SkipDryRunOnMissingResource=true' });
    expect(a['Widget/w2']).toEqual({
      [ARGOCD_SYNC_OPTIONS_ANNOTATION]: 'Prune=false,SkipDryRunOnMissingResource=true',
    });
    expect(a['ConfigMap/early']).toEqual({ [ARGOCD_SYNC_WAVE_ANNOTATION]: '-5' }); // the user's own wave
    expect(a['Deployment/web']?.[ARGOCD_SYNC_WAVE_ANNOTATION]).toBeUndefined(); // wave 0
    expect(a['Service/web']?.[ARGOCD_SYNC_WAVE_ANNOTATION]).toBeUndefined();
  });

  test('rendering twice annotates once, and what is written is what was validated', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-argo-')), 'dist');
    const app = build({ argoCdSyncWaves: true, outdir });
    app.render();
    app.synth();
    const [folder] = readOutputFolders(outdir);
    const w2 = folder.objects.main.find((m) => m.metadata.name === 'w2')!;
    expect(w2.metadata.annotations).toEqual({
      [ARGOCD_SYNC_OPTIONS_ANNOTATION]: 'Prune=false,SkipDryRunOnMissingResource=true',
    });
    expect(folder.objects.setup.map((m) => [m.kind, m.metadata.annotations?.[ARGOCD_SYNC_WAVE_ANNOTATION]])).toEqual([
      ['Namespace', '-1'],
      ['CustomResourceDefinition', '-1'],
    ]);
    // an invalid wave value is refused by validation like any annotation value would be
    const bad = build({ argoCdSyncWaves: true, outdir });
    const chart = bad.node.findChild('shop') as KubecraftChart;
    new kplus.ConfigMap(chart, 'bad', { metadata: { name: 'Bad_Name' } });
    expect(() => bad.synth()).toThrow(/Bad_Name/);
  });
});
