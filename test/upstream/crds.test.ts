import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App } from 'cdk8s';
import { stringify } from 'yaml';
import { ROOK_MANIFESTS } from '../../examples/rook-operator';
import { KubecraftApp, KubecraftChart, Manifest, registerCrdsFromFile, validateChart } from '../../lib';

/** A small CRD of cert-manager's shape: `scope` and the schema of `spec` as given. */
function crd(kind: string, plural: string, scope: 'Cluster' | 'Namespaced') {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.cert-manager.io` },
    spec: {
      group: 'cert-manager.io',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope,
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
                  required: ['acme'],
                  properties: {
                    acme: {
                      type: 'object',
                      required: ['server'],
                      properties: { server: { type: 'string' }, email: { type: 'string' } },
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
}

describe('CRDs at synth', () => {
  const app = new KubecraftApp();
  const crds = new KubecraftChart(app, 'crds');
  new ApiObject(crds, 'clusterissuers', crd('ClusterIssuer', 'clusterissuers', 'Cluster'));
  new ApiObject(crds, 'issuers', crd('Issuer', 'issuers', 'Namespaced'));
  const chart = new KubecraftChart(app, 'certs', { namespace: 'apps' });
  const spec = { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@example.com' } };
  new ApiObject(chart, 'letsencrypt', {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'letsencrypt' },
    spec,
  });
  new ApiObject(chart, 'local', {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Issuer',
    metadata: { name: 'local' },
    spec,
  });
  new ApiObject(chart, 'broken', {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'broken' },
    spec: { acme: { email: 'ops@example.com', sever: 'typo' } },
  });
  const files = app.render();
  const out = files.find((f) => f.fileName === 'certs.k8s.yaml')!.objects.map((o) => o.manifest);
  const byName = (name: string): Manifest => out.find((m) => m.metadata.name === name)!;

  test('a cluster-scoped custom kind gets no namespace; a namespaced one gets the chart namespace', () => {
    expect(byName('letsencrypt').metadata.namespace).toBeUndefined();
    expect(byName('local').metadata.namespace).toBe('apps');
  });

  test('a CRD constructed in the app validates its custom resources in the same synth', () => {
    const report = app.validate(files);
    expect(
      report.errors.filter((f) => f.rule !== 'refs/namespace').map((f) => [f.rule, f.object, f.field, f.message]),
    ).toEqual([
      ['schema/invalid', 'ClusterIssuer broken', 'spec.acme', "missing required field 'server'"],
      ['schema/invalid', 'ClusterIssuer broken', 'spec.acme', "unknown field 'sever'"],
    ]);
  });
});

describe('registerCrdsFromFile', () => {
  test('registers the CRDs of a file without regenerating the validators', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-crds-'));
    const file = path.join(dir, 'crds.yaml');
    fs.writeFileSync(file, [crd('Challenge', 'challenges', 'Namespaced')].map((c) => stringify(c)).join('---\n'));
    expect(registerCrdsFromFile(file)).toEqual(['cert-manager.io/v1/Challenge']);
    const chart = new KubecraftChart(new App(), 'c', { namespace: 'apps' });
    new ApiObject(chart, 'ch', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Challenge',
      metadata: { name: 'ch' },
      spec: {},
    });
    expect(
      validateChart(chart)
        .errors.filter((f) => f.rule !== 'refs/namespace')
        .map((f) => [f.rule, f.message]),
    ).toEqual([['schema/invalid', "missing required field 'acme'"]]);
  });
});

describe('kubecraft import', () => {
  test('keeps every CRD of one API group (one file per group, all its kinds)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-import-'));
    const input = path.join(dir, 'rook-crds.yaml');
    fs.copyFileSync(ROOK_MANIFESTS.crds, input);
    const root = path.resolve(__dirname, '..', '..');
    // a project of its own (cdk8s import records what it imports in the project's cdk8s.yaml)
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\nimports:\n  - k8s\n');
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'scripts', 'kubecraft.mjs'),
        'import',
        input,
        'cephblockpools.ceph.rook.io',
        'cephclusters.ceph.rook.io',
        'cephfilesystems.ceph.rook.io',
        '--output',
        path.join(dir, 'imports'),
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const ts = fs.readFileSync(path.join(dir, 'imports', 'ceph.rook.io.ts'), 'utf8');
    for (const kind of ['CephBlockPool', 'CephCluster', 'CephFilesystem'])
      expect(ts).toMatch(new RegExp(`export class ${kind} `));
    expect(fs.readdirSync(path.join(dir, 'imports', 'crds')).sort()).toEqual([
      'cephblockpools.ceph.rook.io.yaml',
      'cephclusters.ceph.rook.io.yaml',
      'cephfilesystems.ceph.rook.io.yaml',
    ]);
    expect(fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8')).toBe(
      'language: typescript\napp: node main.js\nimports:\n  - k8s\n  - imports/crds/cephblockpools.ceph.rook.io.yaml\n  - imports/crds/cephclusters.ceph.rook.io.yaml\n  - imports/crds/cephfilesystems.ceph.rook.io.yaml\n',
    );
  }, 120_000);
});

describe('CRD schemas compiled on first use', () => {
  test('a schema ajv cannot compile makes its custom resources invalid, saying why, and leaves the rest alone', () => {
    const app = new KubecraftApp();
    const crds = new KubecraftChart(app, 'crds');
    const broken = crd('Issuer', 'issuers', 'Namespaced');
    (broken.spec.versions[0].schema.openAPIV3Schema.properties.spec as { type: string }).type = 'no-such-type';
    new ApiObject(crds, 'issuers', broken); // compiled only when an Issuer is validated
    new ApiObject(crds, 'clusterissuers', crd('ClusterIssuer', 'clusterissuers', 'Cluster'));
    const certs = new KubecraftChart(app, 'certs', { namespace: 'apps' });
    const spec = { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' } };
    new ApiObject(certs, 'issuer', { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'x' }, spec });
    new ApiObject(certs, 'cluster', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'y' },
      spec,
    });
    const errors = validateChart(certs).errors.filter((e) => e.rule !== 'refs/namespace');
    // the CRD itself is refused too (an unsupported type), as the API server would refuse it
    expect(errors.map((e) => [e.rule, e.object])).toEqual([
      ['schema/invalid', 'Issuer apps/x'],
      ['values/crd-schema', 'CustomResourceDefinition issuers.cert-manager.io'],
    ]);
    expect(errors[0].message).toMatch(
      /^the CRD's openAPIV3Schema for cert-manager.io\/v1 Issuer cannot be compiled \(.+\): fix the CRD$/,
    );
  });
});
