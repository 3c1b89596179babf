import { Duration } from 'cdk8s';
import { FluxDelivery, FluxDeliverySource } from '../../lib';
import { FLEET, fleetApp, objectsIn } from './fleet';

const GIT = FluxDeliverySource.git({ url: 'https://github.com/acme/shop.git', ref: { branch: 'main' } });

describe('FluxDelivery', () => {
  test('a folder per cluster: the git source and one Kustomization of its environment', () => {
    const app = fleetApp();
    new FluxDelivery(app, 'shop', { source: GIT });
    const files = app.render();
    const folders = [...new Set(files.map((f) => f.folder))].filter((f) => f.startsWith('flux-')).sort();
    expect(folders).toEqual(['flux-dev', 'flux-prod-eu', 'flux-prod-us', 'flux-staging']);
    const eu = objectsIn(files, 'flux-prod-eu');
    expect(Object.keys(eu).sort()).toEqual(['GitRepository/shop', 'Kustomization/shop']);
    expect(eu['GitRepository/shop']).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'shop', namespace: 'flux-system' },
      spec: { url: 'https://github.com/acme/shop.git', ref: { branch: 'main' }, interval: '1m' },
    });
    expect(eu['Kustomization/shop']).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'shop', namespace: 'flux-system' },
      spec: {
        sourceRef: { kind: 'GitRepository', name: 'shop', namespace: 'flux-system' },
        path: './dist/prod',
        interval: '10m',
        retryInterval: '2m',
        timeout: '5m',
        prune: true,
        wait: true,
      },
    });
    expect(objectsIn(files, 'flux-staging')['Kustomization/shop'].spec.path).toBe('./dist/staging');
    // validated against Flux's own (vendored) CRDs, like every object
    expect(app.validate(files).errors).toEqual([]);
  });

  test('OCI: each environment is the artifact kubecraft publish pushed under its name', () => {
    const app = fleetApp();
    new FluxDelivery(app, 'shop', {
      source: FluxDeliverySource.oci({ url: 'oci://ghcr.io/acme/shop', secretName: 'ghcr' }),
      interval: Duration.minutes(5),
    });
    const files = app.render();
    const dev = objectsIn(files, 'flux-dev');
    expect(dev['OCIRepository/shop'].spec).toEqual({
      url: 'oci://ghcr.io/acme/shop',
      ref: { tag: 'dev' },
      interval: '1m',
      layerSelector: { mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip', operation: 'extract' },
      secretRef: { name: 'ghcr' },
    });
    expect(dev['Kustomization/shop'].spec).toMatchObject({
      sourceRef: { kind: 'OCIRepository', name: 'shop' },
      path: './',
      interval: '5m',
    });
    expect(app.validate(files).errors).toEqual([]);
  });

  test("moving a cluster to another environment changes only that cluster's folder", () => {
    const render = (clusters = FLEET) => {
      const app = fleetApp(clusters);
      new FluxDelivery(app, 'shop', { source: GIT });
      const files = app.render();
      return Object.fromEntries(FLEET.map((c) => [c.name, JSON.stringify(objectsIn(files, `flux-${c.name}`))]));
    };
    const before = render();
    const after = render(FLEET.map((c) => (c.name === 'prod-us' ? { ...c, environment: 'staging' } : c)));
    expect(Object.keys(before).filter((c) => before[c] !== after[c])).toEqual(['prod-us']);
  });

  test('dependsOn: Kustomizations every cluster has, declared external', () => {
    const app = fleetApp();
    new FluxDelivery(app, 'shop', { source: GIT, dependsOn: [{ name: 'infrastructure' }] });
    const files = app.render();
    expect(objectsIn(files, 'flux-dev')['Kustomization/shop'].spec.dependsOn).toEqual([{ name: 'infrastructure' }]);
    expect(app.validate(files).errors).toEqual([]);
  });

  test("includeCrds: Flux's vendored CRDs go to each cluster folder's setup phase", () => {
    const app = fleetApp();
    new FluxDelivery(app, 'shop', { source: GIT, includeCrds: true });
    const files = app.render();
    const crds = files
      .filter((f) => f.folder === 'flux-dev')
      .flatMap((f) => f.objects)
      .filter((o) => o.manifest.kind === 'CustomResourceDefinition')
      .map((o) => o.manifest.metadata.name)
      .sort();
    expect(crds).toEqual([
      'gitrepositories.source.toolkit.fluxcd.io',
      'helmreleases.helm.toolkit.fluxcd.io',
      'kustomizations.kustomize.toolkit.fluxcd.io',
      'ocirepositories.source.toolkit.fluxcd.io',
    ]);
    expect(app.validate(files).errors).toEqual([]);
  });

  test('no CRDs unless asked', () => {
    const app = fleetApp();
    new FluxDelivery(app, 'shop', { source: GIT });
    expect(
      app
        .render()
        .flatMap((f) => f.objects)
        .filter((o) => o.manifest.kind === 'CustomResourceDefinition'),
    ).toEqual([]);
  });
});
