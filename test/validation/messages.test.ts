import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { CephCluster } from '../../imports/ceph.rook.io';
import { HelmManifests, KubecraftChart, UpstreamManifests, validateChart, WebService } from '../../lib';
import { closestNames, editDistance } from '../../lib/core/suggest';
import { portNumberProblems } from '../../lib/values/dns-name';
import { chartIn } from '../patterns/support';
import { fixtureApp, patch } from './fixture-app';

describe('a port given as a string says so', () => {
  test.each<[unknown, string]>([
    ['8080', 'must be an integer from 1 to 65535, not the string "8080"'],
    [70000, 'must be an integer from 1 to 65535 (is 70000)'],
    [0, 'must be an integer from 1 to 65535 (is 0)'],
    [80.5, 'must be an integer from 1 to 65535 (is 80.5)'],
    [true, 'must be an integer from 1 to 65535, not the boolean true'],
    [null, 'must be an integer from 1 to 65535, not null'],
    [[80], 'must be an integer from 1 to 65535, not an array'],
  ])('%p', (port, message) => expect(portNumberProblems(port)).toEqual([message]));

  test("a pattern's port prop: the construct, the prop and the message, without repeating the value", () => {
    expect(
      () => new WebService(chartIn(), 'web', { image: 'nginx:1.25.3', port: '8080' as unknown as number }),
    ).toThrow('shop/web (port): must be an integer from 1 to 65535, not the string "8080"');
  });
});

describe('did you mean: an unknown field names the known field within edit distance 2', () => {
  test.each<[string, string[], string[]]>([
    ['dnsName', ['dnsNames', 'secretName', 'issuerRef'], ['dnsNames']],
    ['imagePullPolicyy', ['image', 'imagePullPolicy'], ['imagePullPolicy']],
    ['replcias', ['replicas', 'selector'], ['replicas']],
    ['ImagePullPolicy', ['imagePullPolicy'], ['imagePullPolicy']],
    ['secretname', ['secretName'], ['secretName']],
    ['tls', ['tty'], []],
    ['colour', ['color', 'column'], ['color']],
    ['zzz', ['dnsNames', 'secretName'], []],
    ['dnsNames', ['dnsNames'], []],
  ])('%p among %p', (name, known, expected) => expect(closestNames(name, known)).toEqual(expected));

  test('edit distance counts a swap of adjacent characters as one', () => {
    expect(editDistance('replcias', 'replicas')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  test('a built-in kind, by JSON patch (the generated validators)', () => {
    const f = fixtureApp();
    patch(f.web, JsonPatch.add('/spec/template/spec/containers/0/imagePullPolicyy', 'Always'));
    patch(f.web, JsonPatch.add('/spec/replcias', 2));
    const errors = f.app.validate().errors.filter((e) => e.rule === 'schema/invalid');
    expect(errors.map((e) => [e.field, e.message, e.hint])).toEqual([
      ['spec', "unknown field 'replcias'", "did you mean 'replicas'? (see the Deployment API reference for spec)"],
      [
        'spec.template.spec.containers[0]',
        "unknown field 'imagePullPolicyy'",
        "did you mean 'imagePullPolicy'? (see the Deployment API reference for spec.template.spec.containers[0])",
      ],
    ]);
  });

  test('a built-in kind in a raw ApiObject, and a field with no near neighbour: the fields there are', () => {
    const chart = chartIn();
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, dta: { a: 'b' } });
    new ApiObject(chart, 'svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { ports: [{ port: 80, protocol: 'TCP', colour: 'blue' }] },
    });
    const errors = validateChart(chart).errors.filter((e) => e.rule === 'schema/invalid');
    expect(errors.map((e) => [e.object, e.message, e.hint])).toEqual([
      [
        'ConfigMap shop/cm',
        "unknown field 'dta'",
        "did you mean 'data'? (see the ConfigMap API reference for the object)",
      ],
      [
        'Service shop/svc',
        "unknown field 'colour'",
        "remove it; spec.ports[0] has 'appProtocol', 'name', 'nodePort', 'port', 'protocol' and 'targetPort' " +
          '(see the Service API reference for spec.ports[0])',
      ],
    ]);
  });

  test('a custom resource of a CRD built into the library (CephCluster)', () => {
    const chart = chartIn();
    const cluster = new CephCluster(chart, 'ceph', {
      metadata: { name: 'ceph' },
      spec: { cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' }, dataDirHostPath: '/var/lib/rook' },
    });
    cluster.addJsonPatch(JsonPatch.add('/spec/dashboard', { enabled: true, sll: true }));
    const errors = validateChart(chart).errors.filter((e) => e.rule === 'schema/invalid');
    expect(errors.map((e) => [e.field, e.message, e.hint])).toEqual([
      [
        'spec.dashboard',
        "unknown field 'sll'",
        "did you mean 'ssl'? (see the CephCluster API reference for spec.dashboard)",
      ],
    ]);
  });

  test('a custom resource of a CRD in the app (compiled at synth): the Certificate', () => {
    const chart = chartIn();
    new ApiObject(chart, 'crd', CERTIFICATE_CRD);
    new ApiObject(chart, 'cert', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web' },
      spec: { secretName: 'web-tls', dnsName: ['shop.example.com'], issuerRef: { name: 'le', kindd: 'ClusterIssuer' } },
    });
    const errors = validateChart(chart).errors.filter((e) => e.rule === 'schema/invalid');
    expect(errors.map((e) => [e.field, e.message, e.hint])).toEqual([
      ['spec', "unknown field 'dnsName'", "did you mean 'dnsNames'? (see the Certificate API reference for spec)"],
      [
        'spec.issuerRef',
        "unknown field 'kindd'",
        "did you mean 'kind'? (see the Certificate API reference for spec.issuerRef)",
      ],
    ]);
  });
});

describe('schema/unknown-kind says what a user of the installed package does', () => {
  test('a custom resource without its CRD: include it, registerCrdsFromFile, kubecraft import, or relax', () => {
    const chart = chartIn();
    new ApiObject(chart, 'cert', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web' } });
    const [error] = validateChart(chart).errors;
    expect(error.rule).toBe('schema/unknown-kind');
    expect(error.message).toBe(
      'no API serves cert-manager.io/v1 Certificate (neither Kubernetes 1.35 nor a CRD kubecraft knows): a misspelt ' +
        'kind or apiVersion, or a custom resource whose CRD kubecraft has not been given',
    );
    expect(error.hint).toContain("new UpstreamManifests(chart, 'crds', { file: 'crds.yaml' })");
    expect(error.hint).toContain("registerCrdsFromFile('crds.yaml') before synth");
    expect(error.hint).toContain('`kubecraft import crds.yaml` also generates typed classes');
    expect(error.hint).toContain('relax schema/unknown-kind with the reason');
    expect(error.hint).not.toContain('npm run');
    expect(error.hint).not.toContain('regenerate');
  });

  test.each<[string, string, string]>([
    ['apps/v1', 'Deploymnet', 'did you mean apps/v1 Deployment? fix the apiVersion and kind.'],
    ['v1', 'Deployment', 'Deployment is served as apiVersion apps/v1. fix the apiVersion and kind.'],
    ['networking.k8s.io/v1', 'Ingres', 'did you mean networking.k8s.io/v1 Ingress? fix the apiVersion and kind.'],
  ])('a misspelt built-in: %s %s', (apiVersion, kind, hint) => {
    const chart = chartIn();
    new ApiObject(chart, 'x', { apiVersion, kind, metadata: { name: 'x' } });
    const [error] = validateChart(chart).errors;
    expect(error.rule).toBe('schema/unknown-kind');
    expect(error.hint.startsWith(hint)).toBe(true);
  });
});

/** A Deployment as upstream projects write them: no seccomp profile, no capability drop, root. */
const UPSTREAM_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: shop
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      containers:
        - name: agent
          image: ghcr.io/acme/agent:1.2.3
`;

function hintsOf(chart: KubecraftChart, ...rules: string[]): Record<string, string> {
  const errors = validateChart(chart).errors.filter((e) => rules.includes(e.rule));
  return Object.fromEntries(errors.map((e) => [e.rule, e.hint]));
}

describe('fixes for objects kept as upstream wrote them name what can be done there', () => {
  test('UpstreamManifests: modify, applySecureDefaults where it would set the field, relax', () => {
    const chart = chartIn();
    new UpstreamManifests(chart, 'agent', { text: UPSTREAM_DEPLOYMENT });
    const hints = hintsOf(chart, 'policy/capabilities', 'policy/seccomp', 'policy/run-as-non-root');
    expect(hints['policy/capabilities']).toBe(
      "drop ALL capabilities: this object is kept as upstream wrote it by the UpstreamManifests at shop/agent, so kubecraft's " +
        "chart defaults do not apply; change it with modify('Deployment', 'agent', (m) => { ... }), or with " +
        'applySecureDefaults: true (kubecraft then sets it where upstream leaves it unset, listing each change in the ' +
        "report); or accept it with relax('Deployment', 'agent', 'policy/capabilities', '<reason>') " +
        "(or Policy.relax(<the UpstreamManifests>, 'policy/capabilities', '<reason>') for all its objects)",
    );
    expect(hints['policy/seccomp']).toContain(
      'use RuntimeDefault on the pod: this object is kept as upstream wrote it',
    );
    expect(hints['policy/seccomp']).toContain('applySecureDefaults: true');
    expect(hints['policy/run-as-non-root']).toContain('set runAsNonRoot: true and a non-zero runAsUser: this object');
    expect(hints['policy/run-as-non-root']).not.toContain('applySecureDefaults'); // it sets no user
    for (const hint of Object.values(hints)) expect(hint).not.toContain('kubecraft charts do this by default');
  });

  test('upstream settings applySecureDefaults would keep: no applySecureDefaults in the fix', () => {
    const chart = chartIn();
    new UpstreamManifests(chart, 'agent', {
      text: UPSTREAM_DEPLOYMENT.replace(
        '          image: ghcr.io/acme/agent:1.2.3\n',
        '          image: ghcr.io/acme/agent:1.2.3\n' +
          '          securityContext:\n' +
          '            capabilities: { add: [NET_ADMIN] }\n' +
          '            seccompProfile: { type: Unconfined }\n',
      ),
      applySecureDefaults: true,
    });
    const hints = hintsOf(chart, 'policy/capabilities', 'policy/seccomp');
    expect(Object.keys(hints).sort()).toEqual(['policy/capabilities', 'policy/seccomp']);
    for (const hint of Object.values(hints)) {
      expect(hint).toContain("modify('Deployment', 'agent'");
      expect(hint).not.toContain('applySecureDefaults');
    }
  });

  test("HelmManifests: the chart's values too", () => {
    const chart = chartIn();
    new HelmManifests(chart, 'agent', { chart: 'acme/agent', helmExecutable: fakeHelm(UPSTREAM_DEPLOYMENT) });
    const hints = hintsOf(chart, 'policy/capabilities');
    expect(hints['policy/capabilities']).toContain(
      "drop ALL capabilities: this object is kept as upstream wrote it by the HelmManifests at shop/agent, so kubecraft's " +
        "chart defaults do not apply; change it through the chart's values, if it has one for it (often securityContext), " +
        "or with modify('Deployment', 'agent', (m) => { ... }), or with applySecureDefaults: true",
    );
    expect(hints['policy/capabilities']).toContain("(or Policy.relax(<the HelmManifests>, 'policy/capabilities'");
  });

  test('objects of kubecraft charts keep the short fix', () => {
    const chart = chartIn();
    const d = rawDeployment(chart);
    d.addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/securityContext', { capabilities: { add: ['NET_ADMIN'] } }),
    );
    expect(hintsOf(chart, 'policy/capabilities')['policy/capabilities']).toBe(
      'drop ALL capabilities (kubecraft charts do this by default)',
    );
  });
});

function rawDeployment(scope: Construct): ApiObject {
  return new ApiObject(scope, 'raw', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'raw' },
    spec: {
      selector: { matchLabels: { app: 'raw' } },
      template: {
        metadata: { labels: { app: 'raw' } },
        spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/raw:1.0.0' }] },
      },
    },
  });
}

/** A stand-in for helm that prints `yaml` for `helm template`. */
function fakeHelm(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-fake-helm-'));
  fs.writeFileSync(path.join(dir, 'out.yaml'), yaml);
  const script = path.join(dir, 'helm');
  fs.writeFileSync(script, `#!/bin/sh\ncat '${path.join(dir, 'out.yaml')}'\n`, { mode: 0o755 });
  return script;
}

/** A cut-down cert-manager Certificate CRD: the fields these tests use. */
const CERTIFICATE_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    names: { kind: 'Certificate', listKind: 'CertificateList', plural: 'certificates', singular: 'certificate' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['issuerRef', 'secretName'],
                properties: {
                  dnsNames: { type: 'array', items: { type: 'string' } },
                  secretName: { type: 'string' },
                  issuerRef: {
                    type: 'object',
                    required: ['name'],
                    properties: { group: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
};
