/**
 * Evidence that the AppProject and ApplicationSet objects kubecraft writes are accepted by Argo CD's
 * own CRD schemas. kubecraft ships no CRD for these two kinds (see crds/gitops/README.md), so this
 * file registers older upstream copies from test/fixtures/argocd-crds/ (test fixtures only, see
 * the README there). The registration stays in this file's jest module registry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { JsonPatch } from 'cdk8s';
import { ArgoCdClusterSelection, ArgoCdDelivery, ClusterSpec, Finding, KubecraftApp } from '../../lib';
import { registerCrdsFromFile } from '../../lib/upstream/crds';
import { FLEET, fleetApp, objectsIn } from './fleet';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'argocd-crds');
const REPO = 'https://github.com/acme/shop.git';
const ARGO_KINDS = /^(AppProject|ApplicationSet) /;

const registered = [
  ...registerCrdsFromFile(path.join(FIXTURES, 'argoproj.io_appprojects.yaml')),
  ...registerCrdsFromFile(path.join(FIXTURES, 'argoproj.io_applicationsets.yaml')),
];

/** The fleet, with its clusters known to Argo CD by name instead of by API server URL. */
const FLEET_BY_NAME: readonly ClusterSpec[] = FLEET.map(({ server: _server, ...c }) => ({
  ...c,
  argoCdName: `k8s-${c.name}`,
}));

const VARIANTS = [
  { selection: ArgoCdClusterSelection.LIST, clusters: FLEET, by: 'server' },
  { selection: ArgoCdClusterSelection.LIST, clusters: FLEET_BY_NAME, by: 'name' },
  { selection: ArgoCdClusterSelection.CLUSTER_LABELS, clusters: FLEET, by: 'server' },
  { selection: ArgoCdClusterSelection.CLUSTER_LABELS, clusters: FLEET_BY_NAME, by: 'name' },
];

function deliveredFleet(v: (typeof VARIANTS)[number]): { app: KubecraftApp; delivery: ArgoCdDelivery } {
  const app = fleetApp(v.clusters);
  const delivery = new ArgoCdDelivery(app, 'shop', {
    repoURL: REPO,
    targetRevision: 'main',
    clusterSelection: v.selection,
  });
  return { app, delivery };
}

const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.object} ${f.field}: ${f.message}`);

test('the fixtures are apiextensions.k8s.io/v1 CRDs of AppProject and ApplicationSet', () => {
  for (const file of ['argoproj.io_appprojects.yaml', 'argoproj.io_applicationsets.yaml']) {
    expect(fs.readFileSync(path.join(FIXTURES, file), 'utf8')).toMatch(/^apiVersion: apiextensions\.k8s\.io\/v1$/m);
  }
  expect(registered).toEqual(['argoproj.io/v1alpha1/AppProject', 'argoproj.io/v1alpha1/ApplicationSet']);
});

describe.each(VARIANTS)('ArgoCdDelivery, $selection, clusters by $by', (v) => {
  test("Argo CD's CRDs accept the AppProject and ApplicationSet (but for goTemplateOptions, newer than the fixture)", () => {
    const { app, delivery } = deliveredFleet(v);
    // spec.goTemplateOptions is Argo CD 2.7+; the ApplicationSet fixture predates it (see the next test)
    delivery.applicationSet.apiObject.addJsonPatch(JsonPatch.remove('/spec/goTemplateOptions'));
    const files = app.render();
    const argocd = objectsIn(files, 'argocd');
    expect(Object.keys(argocd).sort()).toEqual(['AppProject/shop', 'ApplicationSet/shop']);
    if (v.by === 'name') {
      expect(argocd['AppProject/shop'].spec.destinations[0]).toEqual({ name: 'k8s-dev', namespace: '*' });
    }
    const report = app.validate(files);
    expect(brief(report.errors)).toEqual([]);
    expect(brief(report.findings.filter((f) => ARGO_KINDS.test(f.object)))).toEqual([]);
  });

  test('the one field the older ApplicationSet CRD refuses: spec.goTemplateOptions', () => {
    const { app } = deliveredFleet(v);
    expect(brief(app.validate(app.render()).errors)).toEqual([
      "schema/invalid ApplicationSet argocd/shop spec: unknown field 'goTemplateOptions'",
    ]);
  });
});

test('with the CRDs registered, the schema check runs on both kinds: unknown fields are errors, no schema/unknown-kind', () => {
  const { app, delivery } = deliveredFleet(VARIANTS[0]);
  delivery.applicationSet.apiObject.addJsonPatch(JsonPatch.remove('/spec/goTemplateOptions'));
  delivery.project.apiObject.addJsonPatch(
    JsonPatch.add('/spec/bogusProjectField', 1),
    JsonPatch.add('/spec/destinations/0/bogusDestinationField', 'x'),
  );
  delivery.applicationSet.apiObject.addJsonPatch(
    JsonPatch.add('/spec/bogusSetField', 1),
    JsonPatch.add('/spec/template/spec/source/bogusSourceField', 'x'),
    JsonPatch.replace('/spec/syncPolicy/preserveResourcesOnDeletion', 'yes'),
  );
  const report = app.validate(app.render());
  expect(brief(report.errors).sort()).toEqual(
    [
      "schema/invalid AppProject argocd/shop spec: unknown field 'bogusProjectField'",
      "schema/invalid AppProject argocd/shop spec.destinations[0]: unknown field 'bogusDestinationField'",
      "schema/invalid ApplicationSet argocd/shop spec: unknown field 'bogusSetField'",
      "schema/invalid ApplicationSet argocd/shop spec.template.spec.source: unknown field 'bogusSourceField'",
      'schema/invalid ApplicationSet argocd/shop spec.syncPolicy.preserveResourcesOnDeletion: must be boolean',
    ].sort(),
  );
  // the relaxed schema/unknown-kind (kubecraft ships no CRD of these kinds) no longer applies: the kinds are known
  expect(report.findings.filter((f) => f.rule === 'schema/unknown-kind')).toEqual([]);
});
