// Bad input to the delivery constructs, through every entry point: the typed constructs (refused
// when built, or at synth with the object and field named), raw ApiObjects, JSON patches and
// included YAML (validated against Flux's vendored CRDs like any custom resource).
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import {
  ArgoCdApplication,
  ArgoCdApplicationSet,
  ArgoCdGenerator,
  Clusters,
  External,
  FluxChartSourceKind,
  FluxGitRepository,
  FluxHelmRelease,
  FluxKustomization,
  FluxSourceKind,
  KubecraftApp,
  KubecraftChart,
  UpstreamManifests,
} from '../../lib';
import { FLEET, fleetApp } from './fleet';

const SPEC = {
  project: 'shop',
  source: { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' },
  destination: { server: 'https://eu.k8s.example.com' },
};

function argoChart(app: KubecraftApp): Chart {
  const chart = new KubecraftChart(app, 'argocd', { namespace: 'argocd' });
  External.namespace(chart, 'argocd', 'Argo CD is installed in it');
  return chart;
}

/** The message of the error `f` throws. */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('refused at synth, with the object and field named', () => {
  test('an Application whose destination is a cluster the app does not declare', () => {
    const app = fleetApp();
    new ArgoCdApplication(argoChart(app), 'app', {
      metadata: { name: 'shop-eu' },
      ...SPEC,
      destination: { server: 'https://eu-west.k8s.example.com' },
    });
    expect(errorOf(() => app.render())).toMatch(
      /\[argocd\/app\] Application 'shop-eu' spec\.destination\.server: cluster 'https:\/\/eu-west\.k8s\.example\.com' is not declared in 'clusters' \(declared: https:\/\/dev\.k8s\.example\.com, .*\)\. Fix: add it to the clusters/,
    );
  });

  test('an Application by cluster name', () => {
    const app = fleetApp(FLEET.map(({ server: _s, ...c }) => c));
    new ArgoCdApplication(argoChart(app), 'app', {
      metadata: { name: 'a' },
      ...SPEC,
      destination: { name: 'prod-asia' },
    });
    expect(errorOf(() => app.render())).toMatch(
      /spec\.destination\.name: cluster 'prod-asia' is not declared .*declared: dev, staging, prod-eu, prod-us/,
    );
  });

  test('an ApplicationSet whose list generator has no elements', () => {
    const app = fleetApp();
    new ArgoCdApplicationSet(argoChart(app), 'set', {
      metadata: { name: 'shop' },
      generators: [ArgoCdGenerator.list([])],
      template: { name: 'shop-{{.cluster}}', spec: { ...SPEC, destination: { server: '{{.server}}' } } },
    });
    expect(errorOf(() => app.render())).toMatch(
      /ApplicationSet 'shop' spec\.generators\[0\]\.list\.elements: the list generator has no elements, so it generates no Application/,
    );
  });

  test('an ApplicationSet whose cluster generator selects no declared cluster', () => {
    const app = fleetApp();
    new ArgoCdApplicationSet(argoChart(app), 'set', {
      metadata: { name: 'shop' },
      generators: [ArgoCdGenerator.clusters({ matchLabels: { region: 'asia' } })],
      template: { name: 'shop-{{.name}}', spec: { ...SPEC, destination: { server: '{{.server}}' } } },
    });
    expect(errorOf(() => app.render())).toMatch(
      /ApplicationSet 'shop' spec\.generators\[0\]\.clusters\.selector: selects no declared cluster \(region=asia; declared in 'clusters': dev, staging, prod-eu, prod-us\)/,
    );
  });

  test('a cluster running an environment the app does not define: both named', () => {
    const app = fleetApp([...FLEET, { name: 'qa', environment: 'qa', server: 'https://qa.k8s.example.com' }]);
    expect(errorOf(() => app.render())).toMatch(
      /\[clusters\] clusters\[4\]\.environment: cluster 'qa' runs environment 'qa', which the app does not define \(defined: dev, staging, prod\)/,
    );
  });
});

describe('refused when built', () => {
  const rows: [string, (app: KubecraftApp) => unknown, RegExp][] = [
    [
      'an ApplicationSet with no generators',
      (app) => new ArgoCdApplicationSet(argoChart(app), 'set', { generators: [], template: { name: 'x', spec: SPEC } }),
      /argocd\/set \(generators\): no generators given/,
    ],
    [
      'an Application destination with server and name',
      (app) => new ArgoCdApplication(argoChart(app), 'a', { ...SPEC, destination: { server: 'https://a', name: 'a' } }),
      /argocd\/a \(spec\.destination\): the destination gives both server and name/,
    ],
    [
      'an Application destination with neither',
      (app) => new ArgoCdApplication(argoChart(app), 'a', { ...SPEC, destination: {} }),
      /the destination gives neither server nor name/,
    ],
    [
      'an Application source typo',
      (app) => new ArgoCdApplication(argoChart(app), 'a', { ...SPEC, source: { repoUrl: 'x' } as never }),
      /'repoUrl' is not a prop of ArgoCdSource.*did you mean 'repoURL'/,
    ],
    [
      'a cluster declared twice',
      () => new Clusters(new KubecraftApp(), 'c', { clusters: [FLEET[0], { ...FLEET[1], name: 'dev' }] }),
      /cluster 'dev' is declared twice \(clusters\[0\] and clusters\[1\]\)/,
    ],
    [
      'a cluster name that is no DNS label',
      () => new Clusters(new KubecraftApp(), 'c', { clusters: [{ ...FLEET[0], name: 'Prod_EU' }] }),
      /c \(clusters\[0\]\.name\)/,
    ],
    [
      'servers for some clusters only',
      () => new Clusters(new KubecraftApp(), 'c', { clusters: [FLEET[0], { name: 'x', environment: 'dev' }] }),
      /cluster 'x' gives no server while 'dev' does/,
    ],
    [
      'an unknown key of a cluster',
      () => new Clusters(new KubecraftApp(), 'c', { clusters: [{ ...FLEET[0], enviroment: 'dev' } as never] }),
      /'enviroment' is not a prop of ClusterSpec.*did you mean 'environment'/,
    ],
    ['no clusters', () => new Clusters(new KubecraftApp(), 'c', { clusters: [] }), /c \(clusters\): no clusters given/],
    [
      'two Clusters declarations',
      () => {
        const app = new KubecraftApp();
        new Clusters(app, 'a', { clusters: [FLEET[0]] });
        return new Clusters(app, 'b', { clusters: [FLEET[1]] });
      },
      /the app already declares its clusters at 'a'/,
    ],
    [
      'a GitRepository URL that is not http(s) or ssh',
      (app) =>
        new FluxGitRepository(new Chart(app, 'c'), 'g', {
          url: 'git@github.com:acme/shop.git',
          ref: { branch: 'main' },
        }),
      /g \(url\).*must start with https:\/\/, http:\/\/ or ssh:\/\//,
    ],
    [
      'a GitRepository following nothing',
      (app) => new FluxGitRepository(new Chart(app, 'c'), 'g', { url: 'https://x', ref: {} }),
      /\(ref\).*names nothing to follow/,
    ],
    [
      'a HelmRelease with chart and chartRef',
      (app) =>
        new FluxHelmRelease(new Chart(app, 'c'), 'h', {
          chart: { chart: 'redis', sourceKind: FluxChartSourceKind.HELM_REPOSITORY, sourceName: 'bitnami' },
          chartRef: { kind: 'OCIRepository' as never, name: 'redis' },
        }),
      /give exactly one of chart and chartRef \(got both\)/,
    ],
  ];
  test.each(rows)('%s', (_name, build, expected) => {
    expect(errorOf(() => build(fleetApp()))).toMatch(expected);
  });
});

describe("Flux objects validated against Flux's own CRDs, through every entry point", () => {
  const errorsOf = (app: KubecraftApp) =>
    app.validate(app.render()).errors.map((f) => `${f.rule} ${f.object} ${f.field}: ${f.message}`);

  test('a raw ApiObject Kustomization without prune', () => {
    const app = fleetApp();
    new ApiObject(new KubecraftChart(app, 'raw', { namespace: 'shop' }), 'k', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'k' },
      spec: { interval: '5m', sourceRef: { kind: 'GitRepository', name: 'g' } },
    });
    expect(errorsOf(app)).toContainEqual(
      expect.stringMatching(/^schema\/invalid Kustomization shop\/k spec: missing required field 'prune'/),
    );
  });

  test('a JSON patch that breaks the interval of a FluxKustomization', () => {
    const app = fleetApp();
    const k = new FluxKustomization(new KubecraftChart(app, 'flux', { namespace: 'shop' }), 'k', {
      metadata: { name: 'k' },
      source: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'g' },
    });
    k.apiObject.addJsonPatch(JsonPatch.replace('/spec/interval', 'every 5 minutes'));
    expect(errorsOf(app)).toContainEqual(
      expect.stringMatching(/^schema\/invalid Kustomization shop\/k spec\.interval: must match pattern/),
    );
  });

  test('included YAML: a GitRepository with a misspelt field', () => {
    const app = fleetApp();
    new UpstreamManifests(new KubecraftChart(app, 'upstream', { namespace: 'shop' }), 'flux', {
      text: 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: repo\nspec:\n  url: https://github.com/acme/shop.git\n  interval: 1m\n  reference:\n    branch: main\n',
    });
    expect(errorsOf(app)).toContainEqual(
      expect.stringMatching(/^schema\/invalid GitRepository shop\/repo spec: unknown field 'reference'/),
    );
  });
});

describe('a Flux Kustomization that dependsOn one neither in its output folder nor declared (refs/flux-depends-on), through every entry point', () => {
  const MISSING =
    "refs/flux-depends-on Kustomization flux-system/shop spec.dependsOn[0]: Kustomization 'infra' is neither in this output folder (namespace 'flux-system') nor declared";
  const errorsOf = (app: KubecraftApp) =>
    app.validate(app.render()).errors.map((f) => `${f.rule} ${f.object} ${f.field}: ${f.message}`);
  const fluxChart = (app: KubecraftApp) => {
    const chart = new KubecraftChart(app, 'flux', { namespace: 'flux-system' });
    External.namespace(chart, 'flux-system', 'Flux is installed in it');
    return chart;
  };
  const SOURCE = { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' };
  const RAW_SPEC = {
    interval: '10m',
    path: './',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'flux-system' },
  };

  test('a typed FluxKustomization: refused with the object, construct path and field, and the fix', () => {
    const app = fleetApp();
    new FluxKustomization(fluxChart(app), 'k', {
      metadata: { name: 'shop' },
      source: SOURCE,
      dependsOn: [{ name: 'infra' }],
    });
    const [finding] = app.validate(app.render()).errors;
    expect(finding).toMatchObject({
      rule: 'refs/flux-depends-on',
      path: 'flux/k/Resource',
      field: 'spec.dependsOn[0]',
    });
    expect(finding.hint).toMatch(
      /External\.object\(scope, \{ kind: 'Kustomization', name: 'infra', namespace: 'flux-system', reason \}\)/,
    );
    expect(() => app.synth()).toThrow(/refs\/flux-depends-on/);
  });

  test('it passes when the one it depends on is in the folder, or declared external', () => {
    const app = fleetApp();
    const chart = fluxChart(app);
    const infra = new FluxKustomization(chart, 'infra', { metadata: { name: 'infra' }, source: SOURCE });
    new FluxKustomization(chart, 'shop', {
      metadata: { name: 'shop' },
      source: SOURCE,
      dependsOn: [infra, { name: 'platform' }],
    });
    External.object(chart, {
      kind: 'Kustomization',
      name: 'platform',
      namespace: 'flux-system',
      reason: 'the platform team applies it',
    });
    expect(errorsOf(app)).toEqual([]);
  });

  test('a raw ApiObject', () => {
    const app = fleetApp();
    new ApiObject(fluxChart(app), 'k', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'shop' },
      spec: { ...RAW_SPEC, dependsOn: [{ name: 'infra' }] },
    });
    expect(errorsOf(app)).toEqual([MISSING]);
  });

  test('a JSON patch that adds the dependency', () => {
    const app = fleetApp();
    const k = new FluxKustomization(fluxChart(app), 'k', { metadata: { name: 'shop' }, source: SOURCE });
    k.apiObject.addJsonPatch(JsonPatch.add('/spec/dependsOn', [{ name: 'infra' }]));
    expect(errorsOf(app)).toEqual([MISSING]);
  });

  test('included YAML', () => {
    const app = fleetApp();
    new UpstreamManifests(fluxChart(app), 'flux', {
      text: [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        'metadata:',
        '  name: shop',
        'spec:',
        '  interval: 10m',
        '  path: ./',
        '  prune: true',
        '  sourceRef: { kind: GitRepository, name: flux-system }',
        '  dependsOn: [{ name: infra }]',
        '',
      ].join('\n'),
    });
    expect(errorsOf(app)).toEqual([MISSING]);
  });
});

describe("Argo CD Applications validated against Argo CD's own Application CRD", () => {
  test('a raw ApiObject Application with a misspelt field and no destination', () => {
    const app = fleetApp();
    new ApiObject(new KubecraftChart(app, 'raw', { namespace: 'argocd' }), 'a', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'shop' },
      spec: { project: 'default', source: { repoURL: 'https://x', path: 'dist/prod' }, syncPolicy: { automatic: {} } },
    });
    const errors = app.validate(app.render()).errors.map((f) => `${f.rule} ${f.object} ${f.field}: ${f.message}`);
    expect(errors).toContainEqual(
      expect.stringMatching(/^schema\/invalid Application argocd\/shop spec: missing required field 'destination'/),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^schema\/invalid Application argocd\/shop spec\.syncPolicy: unknown field 'automatic'/),
    );
  });

  test('a typed ArgoCdApplication passes, and a JSON patch that breaks it is refused', () => {
    const app = fleetApp();
    const a = new ArgoCdApplication(argoChart(app), 'app', { metadata: { name: 'shop-eu' }, ...SPEC });
    expect(app.validate(app.render()).errors).toEqual([]);
    a.apiObject.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 'ten'));
    expect(app.validate(app.render()).errors.map((f) => `${f.rule} ${f.field}`)).toContainEqual(
      'schema/invalid spec.revisionHistoryLimit',
    );
  });
});
