// Tests of the app with jest (kubecraft/jest-transform): synthValidated and validateChart validate exactly as
// `kubecraft synth` does, without writing anything.
import { KubecraftApp, Manifest, synthValidated, validateChart } from 'kubecraft';
import { buildShop } from './shop';

describe('the shop', () => {
  const chart = buildShop(new KubecraftApp());

  test('is valid, and the web tier runs three replicas reaching the database by name', () => {
    const manifests: Manifest[] = synthValidated(chart); // throws the validation report on any error
    const web = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'web');
    expect(web?.spec).toMatchObject({ replicas: 3 });
    expect(JSON.stringify(web)).toContain('"name":"DB_HOST","value":"db.shop.svc.cluster.local"');
  });

  test('its only exception is the reasoned one of StatefulService', () => {
    const report = validateChart(chart);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.relaxed.map((f) => `${f.rule} ${f.object}`)).toEqual(['policy/probes StatefulSet shop/db']);
  });
});
