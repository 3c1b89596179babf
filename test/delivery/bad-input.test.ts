// Bad input to the delivery constructs, through every entry point: the typed constructs (refused
// when built, or at synth with the object and field named), raw ApiObjects, JSON patches and
// included YAML (validated against Flux's vendored CRDs like any custom resource).
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { stringify } from 'yaml';
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
  Policy,
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

describe('Argo CD objects judged against the declared clusters (refs/argocd-destination, refs/argocd-generator), through every entry point', () => {
  const findingsOf = (app: KubecraftApp) =>
    app.validate(app.render()).errors.map((f) => `${f.rule} ${f.object} ${f.path} ${f.field}: ${f.message}`);
  const SET_TEMPLATE = { name: 'shop-{{.name}}', spec: { ...SPEC, destination: { server: '{{.server}}' } } };
  const RAW_APP = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'shop-eu' },
    spec: {
      project: 'shop',
      source: { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' },
      destination: { server: 'https://eu-west.k8s.example.com' },
    },
  };
  const UNDECLARED =
    "cluster 'https://eu-west.k8s.example.com' is not declared in 'clusters' (declared: https://dev.k8s.example.com, https://staging.k8s.example.com, https://eu.k8s.example.com, https://us.k8s.example.com)";

  test('a typed ArgoCdApplication whose destination server is not declared: object, construct path, field and fix', () => {
    const app = fleetApp();
    new ArgoCdApplication(argoChart(app), 'app', {
      metadata: { name: 'shop-eu' },
      ...SPEC,
      destination: { server: 'https://eu-west.k8s.example.com' },
    });
    const [finding] = app.validate(app.render()).errors;
    expect(finding).toMatchObject({
      rule: 'refs/argocd-destination',
      object: 'Application argocd/shop-eu',
      path: 'argocd/app/Resource',
      field: 'spec.destination.server',
      message: UNDECLARED,
      hint: 'add it to the clusters, or name a declared one',
    });
    expect(() => app.synth()).toThrow(/refs\/argocd-destination/);
  });

  test('by cluster name: the names Argo CD knows the clusters by', () => {
    const app = fleetApp(FLEET.map(({ server: _s, ...c }) => c));
    new ArgoCdApplication(argoChart(app), 'app', {
      metadata: { name: 'a' },
      ...SPEC,
      destination: { name: 'prod-asia' },
    });
    expect(findingsOf(app)).toEqual([
      "refs/argocd-destination Application argocd/a argocd/app/Resource spec.destination.name: cluster 'prod-asia' is not declared in 'clusters' (declared: dev, staging, prod-eu, prod-us)",
    ]);
  });

  test('a raw ApiObject Application, a JSON patch and included YAML are judged alike', () => {
    const raw = fleetApp();
    new ApiObject(argoChart(raw), 'raw', RAW_APP);
    expect(findingsOf(raw)).toEqual([
      `refs/argocd-destination Application argocd/shop-eu argocd/raw spec.destination.server: ${UNDECLARED}`,
    ]);
    const patched = fleetApp();
    const a = new ArgoCdApplication(argoChart(patched), 'app', { metadata: { name: 'shop-eu' }, ...SPEC });
    a.apiObject.addJsonPatch(JsonPatch.replace('/spec/destination/server', 'https://eu-west.k8s.example.com'));
    expect(findingsOf(patched)).toEqual([
      `refs/argocd-destination Application argocd/shop-eu argocd/app/Resource spec.destination.server: ${UNDECLARED}`,
    ]);
    const included = fleetApp();
    new UpstreamManifests(argoChart(included), 'upstream', { text: stringify(RAW_APP) });
    expect(findingsOf(included)).toEqual([
      `refs/argocd-destination Application argocd/shop-eu argocd/upstream/Application-shop-eu spec.destination.server: ${UNDECLARED}`,
    ]);
  });

  test('an app that declares no clusters: destinations are not judged', () => {
    const app = new KubecraftApp({ printReport: false });
    new ApiObject(argoChart(app), 'raw', RAW_APP);
    expect(app.validate(app.render()).findings.filter((f) => f.rule === 'refs/argocd-destination')).toEqual([]);
  });

  test('an ApplicationSet whose list generator has no elements', () => {
    const app = fleetApp();
    new ArgoCdApplicationSet(argoChart(app), 'set', {
      metadata: { name: 'shop' },
      generators: [ArgoCdGenerator.list([])],
      template: { name: 'shop-{{.cluster}}', spec: { ...SPEC, destination: { server: '{{.server}}' } } },
    });
    expect(findingsOf(app)).toEqual([
      'refs/argocd-generator ApplicationSet argocd/shop argocd/set/Resource spec.generators[0].list.elements: the list generator has no elements, so it generates no Application (no cluster gets the app)',
    ]);
  });

  test('an ApplicationSet whose cluster generator selects no declared cluster; one that selects some passes', () => {
    const app = fleetApp();
    new ArgoCdApplicationSet(argoChart(app), 'set', {
      metadata: { name: 'shop' },
      generators: [ArgoCdGenerator.clusters({ matchLabels: { region: 'asia' } })],
      template: SET_TEMPLATE,
    });
    expect(findingsOf(app)).toEqual([
      `refs/argocd-generator ApplicationSet argocd/shop argocd/set/Resource spec.generators[0].clusters.selector: selector {"matchLabels":{"region":"asia"}} selects no declared cluster (declared in 'clusters': dev, staging, prod-eu, prod-us), so it generates no Application`,
    ]);
    const good = fleetApp();
    new ArgoCdApplicationSet(argoChart(good), 'set', {
      metadata: { name: 'shop' },
      generators: [ArgoCdGenerator.clusters({ matchLabels: { 'kubecraft.io/environment': 'prod' } })],
      template: SET_TEMPLATE,
    });
    expect(findingsOf(good)).toEqual([]);
  });

  test('a JSON patch that empties a list generator, and included YAML with a selector no cluster matches', () => {
    const patched = fleetApp();
    const set = new ArgoCdApplicationSet(argoChart(patched), 'set', {
      metadata: { name: 'shop' },
      generators: [ArgoCdGenerator.list([{ cluster: 'dev', server: 'https://dev.k8s.example.com' }])],
      template: { name: 'shop-{{.cluster}}', spec: { ...SPEC, destination: { server: '{{.server}}' } } },
    });
    set.apiObject.addJsonPatch(JsonPatch.replace('/spec/generators/0/list/elements', []));
    expect(findingsOf(patched)).toEqual([
      'refs/argocd-generator ApplicationSet argocd/shop argocd/set/Resource spec.generators[0].list.elements: the list generator has no elements, so it generates no Application (no cluster gets the app)',
    ]);
    const included = fleetApp();
    const upstream = new UpstreamManifests(argoChart(included), 'upstream', {
      text: stringify({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'shop' },
        spec: {
          generators: [{ clusters: { selector: { matchLabels: { region: 'asia' } } } }],
          template: {
            metadata: { name: 'shop-{{.name}}' },
            spec: { ...RAW_APP.spec, destination: { server: '{{.server}}' } },
          },
        },
      }),
    });
    upstream.relax(
      'ApplicationSet',
      'shop',
      'schema/unknown-kind',
      "Argo CD's ApplicationSet CRD is installed with Argo CD",
    );
    expect(findingsOf(included).map((f) => f.split(':')[0])).toEqual([
      'refs/argocd-generator ApplicationSet argocd/shop argocd/upstream/ApplicationSet-shop spec.generators[0].clusters.selector',
    ]);
  });

  test('a raw ApplicationSet: an undeclared template destination and a selector by expression that selects nothing', () => {
    const app = fleetApp();
    const set = new ApiObject(argoChart(app), 'raw-set', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'shop' },
      spec: {
        generators: [
          { clusters: { selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['asia'] }] } } },
        ],
        template: {
          metadata: { name: 'shop-{{.name}}' },
          spec: { ...RAW_APP.spec, destination: { server: 'https://asia.k8s.example.com' } },
        },
      },
    });
    // kubecraft vendors no ApplicationSet CRD (crds/gitops/README.md): a raw one says so
    Policy.relax(set, 'schema/unknown-kind', "Argo CD's ApplicationSet CRD is installed with Argo CD");
    expect(findingsOf(app).map((f) => f.split(':')[0])).toEqual([
      'refs/argocd-generator ApplicationSet argocd/shop argocd/raw-set spec.generators[0].clusters.selector',
      'refs/argocd-destination ApplicationSet argocd/shop argocd/raw-set spec.template.spec.destination.server',
    ]);
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
