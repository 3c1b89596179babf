import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Manifest } from '../../lib';
import {
  diffManifests,
  diffToJson,
  formatDiff,
  formatDiffJson,
  hasChanges,
  readManifests,
  resourceKey,
  summarizeDiff,
} from '../../lib/output/manifest-diff';

type Env = { name: string; value: string };

interface WorkloadOptions {
  kind?: string;
  name?: string;
  image?: string;
  env?: Env[];
  replicas?: number;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

/** A Deployment (or other workload) with one container `web`. */
function workload(o: WorkloadOptions = {}): Manifest {
  const template = {
    metadata: {
      labels: { app: o.name ?? 'web', ...o.labels },
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      containers: [
        {
          name: 'web',
          image: o.image ?? 'ghcr.io/acme/web:2.0.1',
          env: o.env ?? [],
          ports: [{ name: 'http', containerPort: 8080 }],
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
  const kind = o.kind ?? 'Deployment';
  return {
    apiVersion: kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name: o.name ?? 'web', namespace: 'shop' },
    spec:
      kind === 'CronJob'
        ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } }
        : { ...(o.replicas !== undefined ? { replicas: o.replicas } : {}), template },
  };
}

const service = (port: number): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { ports: [{ name: 'http', port, targetPort: 8080 }], selector: { app: 'web' } },
});

const configMap = (level: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-config', namespace: 'shop' },
  data: { LOG_LEVEL: level },
});

const byKey = (...manifests: Manifest[]) => new Map(manifests.map((m) => [resourceKey(m), m]));
const fieldLines = (text: string) => text.split('\n').filter((l) => /^ {4}[+\-~] /.test(l));
const env = (...names: string[]): Env[] => names.map((n) => ({ name: n, value: n.toLowerCase() }));

describe('keyed arrays', () => {
  test('one added env var is one line', () => {
    const d = diffManifests(
      byKey(workload({ env: env('A', 'B', 'C') })),
      byKey(workload({ env: [...env('A'), { name: 'LOG_LEVEL', value: 'debug' }, ...env('B', 'C')] })),
    );
    const text = formatDiff(d);
    expect(fieldLines(text)).toEqual([
      '    + spec.template.spec.containers[web].env[LOG_LEVEL]: {"name":"LOG_LEVEL","value":"debug"}',
    ]);
    expect(text).toBe(
      [
        '1 changed, 0 added, 0 removed; 1 workload rolls pods (web: env)',
        '~ apps/Deployment shop/web: rolls pods (env)',
        '    + spec.template.spec.containers[web].env[LOG_LEVEL]: {"name":"LOG_LEVEL","value":"debug"}',
      ].join('\n'),
    );
  });

  test('an env var removed in the middle is one line', () => {
    const d = diffManifests(byKey(workload({ env: env('A', 'B', 'C') })), byKey(workload({ env: env('A', 'C') })));
    expect(fieldLines(formatDiff(d))).toEqual([
      '    - spec.template.spec.containers[web].env[B]: {"name":"B","value":"b"}',
    ]);
  });

  test('a changed value inside a keyed entry names the entry', () => {
    const d = diffManifests(
      byKey(workload({ env: env('A', 'B') })),
      byKey(
        workload({
          env: [
            { name: 'A', value: 'a' },
            { name: 'B', value: 'changed' },
          ],
        }),
      ),
    );
    expect(d.changed[0].fields).toEqual([
      { path: 'spec.template.spec.containers[web].env[B].value', type: 'changed', before: 'b', after: 'changed' },
    ]);
  });

  test('a changed order is one "reordered" change (env order matters for $(VAR) references)', () => {
    const d = diffManifests(byKey(workload({ env: env('A', 'B') })), byKey(workload({ env: env('B', 'A') })));
    expect(d.changed[0].fields).toEqual([
      {
        path: 'spec.template.spec.containers[web].env',
        type: 'reordered',
        before: ['A', 'B'],
        after: ['B', 'A'],
      },
    ]);
    expect(d.changed[0].rollout).toEqual({ rollsPods: true, reasons: ['env'] });
    expect(fieldLines(formatDiff(d))).toEqual([
      '    ~ spec.template.spec.containers[web].env (order): ["A","B"] -> ["B","A"]',
    ]);
  });

  test('ports without a name by port and protocol; Ingress rules by host and paths by path; RBAC rules by position', () => {
    const np = (ports: object[]): Manifest => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'np', namespace: 'shop' },
      spec: { ingress: [{ ports }] },
    });
    const ing = (paths: string[]): Manifest => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        rules: [
          { host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix' }] } },
          { host: 'shop.example.com', http: { paths: paths.map((p) => ({ path: p, pathType: 'Prefix' })) } },
        ],
      },
    });
    const role = (verbs: string[][]): Manifest => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'reader', namespace: 'shop' },
      rules: verbs.map((v) => ({ apiGroups: [''], resources: ['pods'], verbs: v })),
    });
    const d = diffManifests(
      byKey(np([{ port: 80 }, { port: 53, protocol: 'UDP' }]), ing(['/api', '/web']), role([['get'], ['list']])),
      byKey(
        np([{ port: 443 }, { port: 80 }, { port: 53, protocol: 'UDP' }]),
        ing(['/api', '/cart', '/web']),
        role([['get'], ['watch']]),
      ),
    );
    expect(d.changed.flatMap((c) => c.fields.map((f) => `${c.kind} ${f.type} ${f.path}`))).toEqual([
      'Ingress added spec.rules[shop.example.com].http.paths[/cart]',
      'NetworkPolicy added spec.ingress[0].ports[443/TCP]',
      'Role changed rules[1].verbs[0]',
    ]);
  });

  test('repeated keys stay apart (#2)', () => {
    const d = diffManifests(
      byKey(
        workload({
          env: [
            { name: 'A', value: '1' },
            { name: 'A', value: '2' },
          ],
        }),
      ),
      byKey(
        workload({
          env: [
            { name: 'A', value: '1' },
            { name: 'A', value: '3' },
          ],
        }),
      ),
    );
    expect(d.changed[0].fields.map((f) => f.path)).toEqual(['spec.template.spec.containers[web].env[A#2].value']);
  });
});

describe('rollouts', () => {
  test('a changed image rolls pods, reason image', () => {
    const d = diffManifests(byKey(workload()), byKey(workload({ image: 'ghcr.io/acme/web:2.1.0' })));
    expect(d.changed[0].rollout).toEqual({ rollsPods: true, reasons: ['image'] });
    expect(formatDiff(d).split('\n').slice(1)).toEqual([
      '~ apps/Deployment shop/web: rolls pods (image)',
      '    ~ spec.template.spec.containers[web].image: "ghcr.io/acme/web:2.0.1" -> "ghcr.io/acme/web:2.1.0"',
    ]);
  });

  test('a changed Service port is not a workload and rolls nothing', () => {
    const d = diffManifests(byKey(service(80), workload()), byKey(service(8080), workload()));
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].rollout).toBeUndefined();
    expect(formatDiff(d)).toBe(
      [
        '1 changed, 0 added, 0 removed; no workload rolls pods',
        '~ Service shop/web',
        '    ~ spec.ports[http].port: 80 -> 8080',
      ].join('\n'),
    );
  });

  test('a workload change outside the pod template: no rollout', () => {
    const d = diffManifests(byKey(workload({ replicas: 2 })), byKey(workload({ replicas: 4 })));
    expect(d.changed[0].rollout).toEqual({ rollsPods: false, reasons: [] });
    expect(formatDiff(d)).toContain('~ apps/Deployment shop/web: no rollout\n    ~ spec.replicas: 2 -> 4');
  });

  test('a ConfigMap change with its config hash rolls pods: config hash', () => {
    const d = diffManifests(
      byKey(configMap('info'), workload({ annotations: { 'kubecraft.io/config-hash': 'aaaa' } })),
      byKey(configMap('debug'), workload({ annotations: { 'kubecraft.io/config-hash': 'bbbb' } })),
    );
    expect(d.changed.map((c) => [c.key, c.rollout])).toEqual([
      ['ConfigMap shop/web-config', undefined],
      ['apps/Deployment shop/web', { rollsPods: true, reasons: ['config hash'] }],
    ]);
    expect(formatDiff(d)).toContain(
      '~ apps/Deployment shop/web: rolls pods (config hash)\n' +
        '    ~ spec.template.metadata.annotations["kubecraft.io/config-hash"]: "aaaa" -> "bbbb"',
    );
  });

  test('a config hash that appears with its annotations map is still "config hash"', () => {
    const d = diffManifests(
      byKey(workload()),
      byKey(workload({ annotations: { 'kubecraft.io/config-hash': 'aaaa' } })),
    );
    expect(d.changed[0].rollout?.reasons).toEqual(['config hash']);
  });

  test('several reasons, in a fixed order; pod labels', () => {
    const d = diffManifests(
      byKey(workload({ env: env('A') })),
      byKey(workload({ env: env('A', 'B'), image: 'web:3', labels: { tier: 'front' } })),
    );
    expect(d.changed[0].rollout?.reasons).toEqual(['image', 'env', 'labels']);
  });

  test('CronJob templates, with a note; Job templates are immutable', () => {
    const d = diffManifests(
      byKey(workload({ kind: 'CronJob', name: 'report' }), workload({ kind: 'Job', name: 'migrate' })),
      byKey(
        workload({ kind: 'CronJob', name: 'report', image: 'web:3' }),
        workload({ kind: 'Job', name: 'migrate', image: 'web:3' }),
      ),
    );
    expect(d.changed.map((c) => [c.key, c.rollout?.reasons, c.rollout?.note?.slice(0, 30)])).toEqual([
      ['batch/CronJob shop/report', ['image'], 'Jobs already started keep thei'],
      ['batch/Job shop/migrate', ['image'], "a Job's pod template is immuta"],
    ]);
  });

  test('a bare Pod: spec changes count, label changes do not; OnDelete StatefulSets get a note', () => {
    const pod = (image: string, tier: string): Manifest => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'shop', labels: { tier } },
      spec: { containers: [{ name: 'debug', image }] },
    });
    const sts = (image: string): Manifest => {
      const w = workload({ kind: 'StatefulSet', name: 'db', image });
      return { ...w, spec: { ...(w.spec as object), updateStrategy: { type: 'OnDelete' } } };
    };
    const d = diffManifests(byKey(pod('a:1', 'x'), sts('db:1')), byKey(pod('a:1', 'y'), sts('db:2')));
    expect(d.changed.map((c) => [c.key, c.rollout?.rollsPods, c.rollout?.note?.slice(0, 25)])).toEqual([
      ['Pod shop/debug', false, undefined],
      ['apps/StatefulSet shop/db', true, 'updateStrategy OnDelete: '],
    ]);
    const image = diffManifests(byKey(pod('a:1', 'x')), byKey(pod('a:2', 'x'))).changed[0].rollout;
    expect([image?.reasons, image?.note?.slice(0, 24)]).toEqual([['image'], 'a bare Pod is not rolled']);
  });
});

describe('Secrets', () => {
  const secret = (data: Record<string, string>, stringData?: Record<string, string>, name = 'db'): Manifest => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'shop' },
    ...(Object.keys(data).length ? { data } : {}),
    ...(stringData ? { stringData } : {}),
  });
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  test('values never appear in the text or JSON output; keys do', () => {
    const values = [
      'hunter2-old',
      'hunter2-new',
      'added-token-value',
      'removed-key-value',
      'plain-string-data',
      'whole-map-value',
      'new-secret-value',
    ];
    const d = diffManifests(
      byKey(secret({ password: b64('hunter2-old'), gone: b64('removed-key-value') }), secret({}, undefined, 'api')),
      byKey(
        secret({ password: b64('hunter2-new'), token: b64('added-token-value') }, { url: 'plain-string-data' }),
        secret({ key: b64('whole-map-value') }, undefined, 'api'),
        secret({ key: b64('new-secret-value') }, undefined, 'brand-new'),
      ),
    );
    const outputs = [formatDiff(d), formatDiffJson(d), JSON.stringify(d), summarizeDiff(d)];
    for (const out of outputs) {
      for (const v of values) {
        expect(out).not.toContain(v);
        expect(out).not.toContain(b64(v));
      }
    }
    expect(formatDiff(d).split('\n').slice(1)).toEqual([
      '+ Secret shop/brand-new',
      '~ Secret shop/api',
      '    + data: <redacted> keys ["key"]',
      '~ Secret shop/db',
      '    ~ data.password: <redacted, changed>',
      '    - data.gone: <redacted>',
      '    + data.token: <redacted>',
      '    + stringData: <redacted> keys ["url"]',
    ]);
    expect(d.changed[0].fields.every((f) => f.redacted)).toBe(true);
  });
});

describe('resource keys', () => {
  test('include the folder, the API group (not for the core group) and the namespace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-keys-'));
    fs.mkdirSync(path.join(dir, 'prod'));
    const yaml = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: viewer}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}',
      // Same kind and name in another group: a different resource.
      'apiVersion: example.com/v1\nkind: Service\nmetadata: {name: web, namespace: shop}',
    ].join('\n---\n');
    fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), yaml);
    fs.writeFileSync(path.join(dir, 'prod', 'app.k8s.yaml'), yaml);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [app.k8s.yaml]\n');
    const keys = [...readManifests(dir).keys()];
    expect(keys).toEqual([
      'apps/Deployment shop/web',
      'Service shop/web',
      'rbac.authorization.k8s.io/ClusterRole viewer',
      'Namespace shop',
      'example.com/Service shop/web',
      '[prod] apps/Deployment shop/web',
      '[prod] Service shop/web',
      '[prod] rbac.authorization.k8s.io/ClusterRole viewer',
      '[prod] Namespace shop',
      '[prod] example.com/Service shop/web',
    ]);
    const d = diffManifests(new Map(), readManifests(dir));
    expect(d.added.map((r) => `${r.folder}|${r.group}|${r.kind}|${r.namespace}|${r.name}`)).toEqual([
      '||Namespace||shop',
      '||Service|shop|web',
      '|apps|Deployment|shop|web',
      '|example.com|Service|shop|web',
      '|rbac.authorization.k8s.io|ClusterRole||viewer',
      'prod||Namespace||shop',
      'prod||Service|shop|web',
      'prod|apps|Deployment|shop|web',
      'prod|example.com|Service|shop|web',
      'prod|rbac.authorization.k8s.io|ClusterRole||viewer',
    ]);
  });
});

describe('summary and JSON', () => {
  const before = byKey(
    configMap('info'),
    workload({ name: 'api', annotations: { 'kubecraft.io/config-hash': 'aaaa' } }),
    workload({ name: 'web' }),
    service(80),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'old', namespace: 'shop' },
      data: { k: 'c2VjcmV0LXZhbHVl' },
    },
  );
  const after = byKey(
    configMap('debug'),
    workload({ name: 'api', annotations: { 'kubecraft.io/config-hash': 'bbbb' } }),
    workload({ name: 'web', image: 'ghcr.io/acme/web:2.1.0' }),
    service(80),
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop' }, spec: {} },
  );
  const d = diffManifests(before, after);

  test('one line fit for a pull-request comment', () => {
    expect(summarizeDiff(d)).toBe(
      '3 changed, 1 added, 1 removed; 2 workloads roll pods (api: config hash; web: image)',
    );
    expect(formatDiff(d).split('\n')[0]).toBe(summarizeDiff(d));
    expect(summarizeDiff(diffManifests(before, before))).toBe('no changes');
    expect(hasChanges(d)).toBe(true);
    expect(hasChanges(diffManifests(before, before))).toBe(false);
  });

  test('workloads with the same name in two folders are named by key', () => {
    const dev = workload();
    const changed = workload({ image: 'web:3' });
    const s = summarizeDiff(
      diffManifests(
        new Map([
          [resourceKey(dev, 'dev'), dev],
          [resourceKey(dev, 'prod'), dev],
        ]),
        new Map([
          [resourceKey(changed, 'dev'), changed],
          [resourceKey(changed, 'prod'), changed],
        ]),
      ),
    );
    expect(s).toBe(
      '2 changed, 0 added, 0 removed; 2 workloads roll pods ([dev] apps/Deployment shop/web: image; [prod] apps/Deployment shop/web: image)',
    );
  });

  test('the JSON form round-trips through JSON.parse and is stable', () => {
    const text = formatDiffJson(d);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(diffToJson(d));
    expect(text).toMatchSnapshot();
    expect(text).not.toContain('c2VjcmV0LXZhbHVl');
  });

  test('the text form', () => {
    expect(formatDiff(d)).toMatchSnapshot();
  });
});

describe('diffManifests and formatDiff: resources and fields added, removed, changed', () => {
  const m = (kind: string, name: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: 'shop' },
    spec,
  });
  test('added, removed and changed resources, field by field', () => {
    const before = byKey(m('Service', 'a', { ports: [{ port: 80 }] }), m('ConfigMap', 'gone', {}));
    const created = m('ConfigMap', 'new', {});
    const after = new Map([
      ...byKey(m('Service', 'a', { ports: [{ port: 8080 }], type: 'NodePort' })),
      [resourceKey(created, 'prod'), created],
    ]);
    const d = diffManifests(before, after);
    expect(d.added.map((r) => r.key)).toEqual(['[prod] ConfigMap shop/new']);
    expect(d.removed.map((r) => r.key)).toEqual(['ConfigMap shop/gone']);
    expect(d.changed).toEqual([
      {
        key: 'Service shop/a',
        folder: '',
        group: '',
        kind: 'Service',
        namespace: 'shop',
        name: 'a',
        fields: [
          { path: 'spec.ports[80/TCP]', type: 'removed', before: { port: 80 } },
          { path: 'spec.ports[8080/TCP]', type: 'added', after: { port: 8080 } },
          { path: 'spec.type', type: 'added', after: 'NodePort' },
        ],
      },
    ]);
    expect(formatDiff(d)).toBe(
      [
        '1 changed, 1 added, 1 removed; no workload rolls pods',
        '+ [prod] ConfigMap shop/new',
        '- ConfigMap shop/gone',
        '~ Service shop/a',
        '    - spec.ports[80/TCP]: {"port":80}',
        '    + spec.ports[8080/TCP]: {"port":8080}',
        '    + spec.type: "NodePort"',
      ].join('\n'),
    );
  });
});
