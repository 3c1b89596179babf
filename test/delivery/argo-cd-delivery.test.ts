import * as kplus from 'cdk8s-plus-27';
import { ArgoCdClusterSelection, ArgoCdDelivery, ARGOCD_SYNC_WAVE_ANNOTATION, KubecraftChart } from '../../lib';
import { FLEET, fleetApp, objectsIn } from './fleet';

const REPO = 'https://github.com/acme/shop.git';

describe('ArgoCdDelivery', () => {
  test('dist/argocd/: an AppProject and one ApplicationSet with an element per cluster', () => {
    const app = fleetApp();
    // a chart outside the environments: not synced by Argo CD, so not in its AppProject
    new kplus.ClusterRole(new KubecraftChart(app, 'platform'), 'reader', { metadata: { name: 'reader' } });
    new ArgoCdDelivery(app, 'shop', { repoURL: REPO, targetRevision: 'main' });
    const files = app.render();
    const argocd = objectsIn(files, 'argocd');
    expect(Object.keys(argocd).sort()).toEqual(['AppProject/shop', 'ApplicationSet/shop']);
    const set = argocd['ApplicationSet/shop'];
    expect(set.metadata.namespace).toBe('argocd');
    expect(set.spec.goTemplate).toBe(true);
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
    expect(set.spec.generators).toEqual([
      {
        list: {
          elements: [
            { cluster: 'dev', environment: 'dev', server: 'https://dev.k8s.example.com' },
            { cluster: 'staging', environment: 'staging', server: 'https://staging.k8s.example.com' },
            { cluster: 'prod-eu', environment: 'prod', server: 'https://eu.k8s.example.com' },
            { cluster: 'prod-us', environment: 'prod', server: 'https://us.k8s.example.com' },
          ],
        },
      },
    ]);
    expect(set.spec.template.metadata.name).toBe('shop-{{.cluster}}');
    expect(set.spec.template.spec).toEqual({
      project: 'shop',
      source: { repoURL: REPO, targetRevision: 'main', path: 'dist/{{.environment}}' },
      destination: { server: '{{.server}}' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'] },
    });
    expect(set.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
    const project = argocd['AppProject/shop'];
    expect(project.spec.sourceRepos).toEqual([REPO]);
    expect(project.spec.destinations).toEqual(FLEET.map((c) => ({ server: c.server, namespace: '*' })));
    // least privilege: exactly the cluster-scoped kinds the environments' output has
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    expect(app.validate(files).errors).toEqual([]);
  });

  test("the clusters' environments' setup phase becomes sync wave -1; other folders are left alone", () => {
    const app = fleetApp();
    const top = new KubecraftChart(app, 'platform');
    new kplus.Namespace(top, 'ns', { metadata: { name: 'platform' } });
    new ArgoCdDelivery(app, 'shop', { repoURL: REPO });
    const files = app.render();
    expect(objectsIn(files, 'prod')['Namespace/shop'].metadata.annotations[ARGOCD_SYNC_WAVE_ANNOTATION]).toBe('-1');
    expect(objectsIn(files, '')['Namespace/platform'].metadata.annotations).toBeUndefined();
  });

  test("moving a cluster to another environment changes only that cluster's element", () => {
    const render = (clusters = FLEET) => {
      const app = fleetApp(clusters);
      new ArgoCdDelivery(app, 'shop', { repoURL: REPO });
      return objectsIn(app.render(), 'argocd');
    };
    const before = render();
    const after = render(FLEET.map((c) => (c.name === 'prod-us' ? { ...c, environment: 'staging' } : c)));
    const elements = (o: Record<string, any>) => o['ApplicationSet/shop'].spec.generators[0].list.elements;
    expect(
      elements(after).filter((e: object, i: number) => JSON.stringify(e) !== JSON.stringify(elements(before)[i])),
    ).toEqual([{ cluster: 'prod-us', environment: 'staging', server: 'https://us.k8s.example.com' }]);
    expect(after['AppProject/shop']).toEqual(before['AppProject/shop']);
  });

  test('clusters known to Argo CD by name: destination.name', () => {
    const app = fleetApp(FLEET.map(({ server: _server, ...c }) => ({ ...c, argoCdName: `k8s-${c.name}` })));
    new ArgoCdDelivery(app, 'shop', { repoURL: REPO });
    const set = objectsIn(app.render(), 'argocd')['ApplicationSet/shop'];
    expect(set.spec.template.spec.destination).toEqual({ name: '{{.destination}}' });
    expect(set.spec.generators[0].list.elements[0]).toEqual({
      cluster: 'dev',
      environment: 'dev',
      destination: 'k8s-dev',
    });
  });

  test('CLUSTER_LABELS: a cluster generator per environment, by the environment label', () => {
    const app = fleetApp();
    new ArgoCdDelivery(app, 'shop', { repoURL: REPO, clusterSelection: ArgoCdClusterSelection.CLUSTER_LABELS });
    const set = objectsIn(app.render(), 'argocd')['ApplicationSet/shop'];
    expect(set.spec.generators).toEqual(
      ['dev', 'staging', 'prod'].map((env) => ({
        clusters: { selector: { matchLabels: { 'kubecraft.io/environment': env } }, values: { environment: env } },
      })),
    );
    expect(set.spec.template.spec.source.path).toBe('dist/{{.values.environment}}');
    expect(set.spec.template.metadata.name).toBe('shop-{{.nameNormalized}}');
  });

  test('no clusters declared: a clear error', () => {
    const app = fleetApp(null as never);
    expect(() => new ArgoCdDelivery(app, 'shop', { repoURL: REPO })).toThrow(
      /shop \(clusters\): the app declares no clusters\. Fix: declare them once/,
    );
  });

  test('an unknown prop is refused with a suggestion', () => {
    const app = fleetApp();
    expect(() => new ArgoCdDelivery(app, 'shop', { repoURL: REPO, targetRevison: 'main' } as never)).toThrow(
      /'targetRevison' is not a prop of ArgoCdDeliveryProps.*did you mean 'targetRevision'/,
    );
  });
});
