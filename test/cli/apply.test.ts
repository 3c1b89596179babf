// kubecraft apply and kubecraft diff --cluster, run as users run them (the CLI in a fresh
// project), with the real kubectl against the fake API server of test/support/fake-cluster.ts
// (what it does not model is listed there).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { applySetFlag, applySetId } from '../../lib';
import { runKubectl } from '../../lib/deploy/kubectl';
import { kubecraftAsync, lib, project } from '../support/cli';
import { FakeCluster, startFakeCluster, unreachableKubeconfig } from '../support/fake-cluster';
import { WIDGET_CRD } from '../support/manifests';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl && process.env.CI) throw new Error('kubectl is required in CI (the apply tests run the real kubectl)');

// One app: a CRD and two of its custom resources, a Namespace, a WebService, a Worker-like
// Deployment that `-- no-worker` leaves out, a ConfigMap; the image tag from `-- tag=X`.
const app = `import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Probes, WebService, Worker } from ${lib};
const args = process.argv.slice(2);
const tag = args.find((a) => a.startsWith('tag='))?.slice(4) ?? '1.0.0';
const app = new KubecraftApp({ printReport: false });
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'ns', { metadata: { name: 'shop' } });
new ApiObject(chart, 'crd', ${JSON.stringify(WIDGET_CRD)});
new ApiObject(chart, 'w1', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 1 } });
if (!args.includes('no-settings')) new kplus.ConfigMap(chart, 'settings', { metadata: { name: 'settings' }, data: { mode: 'fast' } });
new WebService(chart, 'web', { image: 'ghcr.io/acme/web:' + tag });
if (!args.includes('no-worker')) new Worker(chart, 'worker', { image: 'ghcr.io/acme/worker:1.0.0', liveness: Probes.exec(['/bin/healthy']), readiness: Probes.exec(['/bin/ready']) });
app.synth();
`;

type Live = ReturnType<FakeCluster['objects']>[number];
const idOf = (o: Live) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
/** The app's objects in the fake cluster: everything but what the server or kubecraft's ApplySet make. */
const appObjects = (c: FakeCluster) =>
  c.objects().filter((o) => o.metadata.labels?.['applyset.kubernetes.io/part-of'] !== undefined);

(hasKubectl ? describe : describe.skip)('kubecraft apply and diff --cluster (real kubectl, fake API server)', () => {
  let cluster: FakeCluster;
  let dir: string;
  /** The CLI with the fake cluster's kubeconfig (before any `--`: what follows goes to the app). */
  const run = (args: string[]) => {
    const at = args.includes('--') ? args.indexOf('--') : args.length;
    return kubecraftAsync([...args.slice(0, at), '--kubeconfig', cluster.kubeconfig, ...args.slice(at)], dir, {
      KUBECACHEDIR: cluster.cacheDir,
    });
  };
  const kubectl = (args: string[], env: Record<string, string> = {}) =>
    runKubectl(args, { kubeconfig: cluster.kubeconfig }, { env: { KUBECACHEDIR: cluster.cacheDir, ...env } });

  beforeAll(async () => {
    cluster = await startFakeCluster();
    dir = project({ 'main.ts': app }, 'shop-app');
  });
  afterAll(() => cluster.close());

  test('first apply on an empty cluster: every object, CRDs and Namespaces first, exit 0', async () => {
    const r = await run(['apply']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/== the charts outside environments: phase setup \(1 CRD, 1 Namespace\)/);
    expect(r.stdout).toMatch(/waiting for 1 CRD to be established/);
    expect(r.stdout).toMatch(/creating the ApplySet parent applysets\.kubecraft\.io\/shop-app/);
    const expected = [
      'ConfigMap shop/settings',
      'CustomResourceDefinition /widgets.example.com',
      'Deployment shop/web',
      'Deployment shop/worker',
      'Namespace /shop',
      'PodDisruptionBudget shop/web',
      'Service shop/web',
      'Widget shop/w1',
    ];
    const ids = appObjects(cluster).map(idOf);
    for (const id of expected) expect(ids).toContain(id);
    // every applied object is a member of the folder's ApplySet, applied by the field manager kubecraft
    for (const o of appObjects(cluster)) {
      expect([idOf(o), o.metadata.labels?.['applyset.kubernetes.io/part-of']]).toEqual([
        idOf(o),
        applySetId('shop-app'),
      ]);
      expect(JSON.stringify(o.metadata.managedFields)).toContain('"manager":"kubecraft"');
    }
    const parent = cluster.get('kubecraft.io/v1', 'ApplySet', 'shop-app')!;
    expect(parent.metadata.labels?.['applyset.kubernetes.io/id']).toBe(applySetId('shop-app'));
    expect(parent.metadata.annotations?.['applyset.kubernetes.io/contains-group-kinds']).toContain(
      'Widget.example.com',
    );
    expect(r.stdout).toMatch(/kubecraft apply: \d+ objects applied, 0 pruned, in 1 folder/);
  }, 120000);

  test('a second apply changes nothing', async () => {
    const before = appObjects(cluster).map((o) => [idOf(o), o.metadata.resourceVersion]);
    const r = await run(['apply']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(appObjects(cluster).map((o) => [idOf(o), o.metadata.resourceVersion])).toEqual(before);
    const d = await run(['diff', '--cluster']);
    expect([d.status, d.stdout.split('\n')[1]]).toEqual([0, 'no changes']);
  }, 120000);

  test('kubecraft synth --stdout | kubectl apply --dry-run=client -f -: kubectl parses every document', async () => {
    const stream = await kubecraftAsync(['synth', '--stdout'], dir);
    expect([stream.status, stream.stderr]).toEqual([0, '']);
    const docs = stream.stdout.split(/^---\n/m).filter((d) => d.trim() !== '');
    expect(docs[0]).toMatch(/^kind: (Namespace|CustomResourceDefinition)$/m); // the setup phase first
    const r = await runKubectl(
      ['apply', '--dry-run=client', '-f', '-'],
      { kubeconfig: cluster.kubeconfig },
      { input: stream.stdout, env: { KUBECACHEDIR: cluster.cacheDir } },
    );
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.match(/ \(dry run\)$/gm)).toHaveLength(docs.length);
  }, 120000);

  test('diff --cluster after an image change: that Deployment rolls pods, nothing else changes', async () => {
    const d = await run(['diff', '--cluster', '--json', '--', 'tag=1.1.0']);
    expect(d.status).toBe(1);
    const json = JSON.parse(d.stdout);
    expect(json.counts).toEqual({ changed: 1, added: 0, removed: 0, rollingWorkloads: 1 });
    expect(json.changed[0]).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      rollout: { rollsPods: true, reasons: ['image'] },
    });
    expect(json.changed[0].fields).toEqual([
      {
        path: 'spec.template.spec.containers[web].image',
        type: 'changed',
        before: 'ghcr.io/acme/web:1.0.0',
        after: 'ghcr.io/acme/web:1.1.0',
      },
    ]);
    const text = await run(['diff', '--cluster', '--', 'tag=1.1.0']);
    expect(text.stdout).toContain('~ apps/Deployment shop/web: rolls pods (image)');
  }, 120000);

  test('after removing a Deployment: diff --cluster lists it, apply prunes exactly it', async () => {
    const d = await run(['diff', '--cluster', '--', 'no-worker']);
    expect(d.status).toBe(1);
    expect(d.stdout).toContain('0 changed, 0 added, 1 removed');
    expect(d.stdout).toContain('- apps/Deployment shop/worker');
    // an object of the same kind and namespace that is not in the set must survive the prune
    const other = path.join(dir, 'other.yaml');
    fs.writeFileSync(
      other,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-ours, namespace: shop}\ndata: {a: b}\n',
    );
    // (kubectl runs asynchronously: the fake API server answers from this process)
    const k = await kubectl(['apply', '--server-side', '-f', other]);
    expect([k.status, k.stderr]).toEqual([0, '']);
    const before = appObjects(cluster).map(idOf);
    const r = await run(['apply', '--', 'no-worker']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/deployment\.apps\/worker pruned/);
    expect(r.stdout).toMatch(/1 pruned/);
    expect(appObjects(cluster).map(idOf)).toEqual(before.filter((id) => id !== 'Deployment shop/worker'));
    expect(cluster.get('v1', 'ConfigMap', 'not-ours', 'shop')).toBeDefined();
  }, 120000);

  test("kubectl's own --applyset takes the same set over: nothing changes, and it prunes what kubecraft applied", async () => {
    const before = appObjects(cluster).map((o) => [idOf(o), o.metadata.resourceVersion]);
    const dist = path.join(dir, 'dist');
    const args = [
      'apply',
      '--server-side',
      '--field-manager=kubecraft',
      '--prune',
      `--applyset=${applySetFlag('shop-app')}`,
    ];
    const same = await kubectl([...args, '-f', path.join(dist, 'setup'), '-f', dist], { KUBECTL_APPLYSET: 'true' });
    expect([same.status, same.stderr]).toEqual([0, '']);
    expect(same.stdout).not.toContain('pruned');
    expect(appObjects(cluster).map((o) => [idOf(o), o.metadata.resourceVersion])).toEqual(before);
    // and kubectl prunes a member kubecraft applied: the Widget, left out of its input
    const noWidget = path.join(dir, 'no-widget');
    fs.mkdirSync(noWidget);
    for (const f of fs.readdirSync(dist).filter((n) => n.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(dist, f), 'utf8');
      fs.writeFileSync(
        path.join(noWidget, f),
        text
          .split(/^---$/m)
          .filter((d) => !/^kind: Widget$/m.test(d))
          .join('---'),
      );
    }
    const pruned = await kubectl([...args, '-f', path.join(dist, 'setup'), '-f', noWidget], {
      KUBECTL_APPLYSET: 'true',
    });
    expect([pruned.status, pruned.stderr]).toEqual([0, '']);
    expect(pruned.stdout).toMatch(/^widget\.example\.com\/w1 pruned$/m);
    expect(appObjects(cluster).map(idOf)).toEqual(before.map(([id]) => id).filter((id) => id !== 'Widget shop/w1'));
    // kubecraft apply brings it back, as a member of the same set
    const back = await run(['apply', '--', 'no-worker']);
    expect([back.status, back.stderr]).toEqual([0, '']);
    expect(
      cluster.get('example.com/v1', 'Widget', 'w1', 'shop')?.metadata.labels?.['applyset.kubernetes.io/part-of'],
    ).toBe(applySetId('shop-app'));
  }, 120000);

  test('--dry-run stores nothing and shows what the prune would delete', async () => {
    // kubectl sends a delete's dry run in the body (DeleteOptions), every other write's in the query
    const writes = () =>
      cluster.requests.filter((q) => q.method !== 'GET' && q.query.dryRun === undefined && q.method !== 'DELETE');
    const liveBefore = appObjects(cluster).map(idOf);
    const before = writes().length;
    const r = await run(['apply', '--dry-run', '--', 'no-worker', 'no-settings', 'tag=2.0.0']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('(server-side dry run: nothing stored)');
    expect(writes().slice(before)).toEqual([]);
    expect(appObjects(cluster).map(idOf)).toEqual(liveBefore);
    expect(r.stdout).toMatch(/configmap\/settings pruned \(server dry run\)/);
    expect(cluster.get('apps/v1', 'Deployment', 'web', 'shop')!.spec).toMatchObject({
      template: { spec: { containers: [expect.objectContaining({ image: 'ghcr.io/acme/web:1.0.0' })] } },
    });
  }, 120000);

  test('a failed phase names the phase, kubectl reason and what was applied before it; exit 1', async () => {
    cluster.failNext({ method: 'PATCH', kind: 'deployments', name: 'web' }, 500, 'etcd is on fire');
    const r = await run(['apply', '--no-synth', '--', 'no-worker']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^kubecraft apply: phase 'main' of the charts outside environments failed: .*etcd is on fire/,
    );
    expect(r.stderr).toMatch(/in this phase kubectl had applied \d+: /);
  }, 120000);

  test('an unreachable cluster or a missing kubectl: one message, exit 2, nothing applied', async () => {
    const unreachable = await kubecraftAsync(['apply', '--no-synth', '--kubeconfig', unreachableKubeconfig()], dir);
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^kubecraft apply: cannot reach the cluster of context '[^']+': /);
    const missing = await run(['apply', '--no-synth', '--kubectl', '/nonexistent/kubectl']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^kubecraft apply: kubectl not found \('\/nonexistent\/kubectl'\)/);
    const diff = await run(['diff', '--cluster', '--kubectl', '/nonexistent/kubectl']);
    expect(diff.status).toBe(2);
  }, 120000);

  test('usage errors: an environment the output does not have', async () => {
    const r = await run(['apply', '--no-synth', '--env', 'prod']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('kubecraft apply: no environment prod in dist');
    expect(applySetFlag('x')).toBe('applysets.kubecraft.io/x');
  }, 120000);
});

(hasKubectl ? describe : describe.skip)('kubecraft apply on a fresh cluster: dry run, --wait, --no-prune', () => {
  test('a dry run on an empty cluster checks everything the server can, says what it could not, stores nothing', async () => {
    const cluster = await startFakeCluster();
    try {
      const dir = project({ 'main.ts': app }, 'shop-app');
      const env = { KUBECACHEDIR: cluster.cacheDir };
      const before = cluster.objects().map(idOf);
      const r = await kubecraftAsync(['apply', '--dry-run', '--kubeconfig', cluster.kubeconfig], dir, env);
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(
        /not checked: \d+ objects of kinds Widget\.example\.com whose CRDs( and namespaces shop, which)? the setup phase creates/,
      );
      expect(r.stdout).toMatch(
        /^ {2}customresourcedefinition\.apiextensions\.k8s\.io\/widgets\.example\.com serverside-applied \(server dry run\)$/m,
      );
      expect(cluster.objects().map(idOf)).toEqual(before);
      // --wait follows each rollout; --no-prune applies without an ApplySet
      const w = await kubecraftAsync(
        ['apply', '--wait', '--no-prune', '--timeout', '20', '--kubeconfig', cluster.kubeconfig],
        dir,
        env,
      );
      expect([w.status, w.stderr]).toEqual([0, '']);
      expect(w.stdout).toMatch(/waiting for the rollout of deployment\/web/);
      expect(w.stdout).toMatch(/waiting for the rollout of deployment\/worker/);
      expect(
        cluster.get('apps/v1', 'Deployment', 'web', 'shop')?.metadata.labels?.['applyset.kubernetes.io/part-of'],
      ).toBeUndefined();
      expect(cluster.get('kubecraft.io/v1', 'ApplySet', 'shop-app')).toBeUndefined();
    } finally {
      await cluster.close();
    }
  }, 120000);
});

// The README's plain-kubectl path (Deploying, "With kubectl alone"), command for command.
(hasKubectl ? describe : describe.skip)("the README's kubectl steps (real kubectl, fake API server)", () => {
  test('first install in one step per phase, a second apply changes nothing, the documented prune removes exactly the Deployment', async () => {
    const cluster = await startFakeCluster();
    try {
      const dir = project({ 'main.ts': app }, 'shop-app');
      expect((await kubecraftAsync(['synth', '--quiet'], dir)).status).toBe(0);
      const kubectl = (args: string[], env: Record<string, string> = {}) =>
        runKubectl(args, { kubeconfig: cluster.kubeconfig }, { env: { KUBECACHEDIR: cluster.cacheDir, ...env } });
      const ok = async (args: string[], env: Record<string, string> = {}) => {
        const r = await kubectl(args, env);
        expect([args.join(' '), r.status, r.stderr]).toEqual([args.join(' '), 0, '']);
        return r.stdout;
      };
      const dist = path.join(dir, 'dist');
      const prune = ['--prune', '--applyset=shop', '-n', 'shop'];
      const applySetApply = () =>
        ok(
          ['apply', '--server-side', '--field-manager=kubecraft', ...prune, '-f', path.join(dist, 'setup'), '-f', dist],
          {
            KUBECTL_APPLYSET: 'true',
          },
        );
      await ok(['apply', '--server-side', '--field-manager=kubecraft', '-f', path.join(dist, 'setup')]);
      await ok(['wait', '--for=condition=established', '--timeout=120s', 'crd', '--all']);
      await ok(['wait', '--for=create', '--timeout=60s', 'serviceaccount/default', '-n', 'shop']);
      await ok(['apply', '--server-side', '--field-manager=kubecraft', '-f', dist]);
      const ids = cluster
        .objects()
        .filter((o) => o.metadata.namespace === 'shop' || o.metadata.name === 'shop')
        .map(idOf);
      for (const id of ['Deployment shop/web', 'Deployment shop/worker', 'Widget shop/w1', 'Namespace /shop'])
        expect(ids).toContain(id);
      // the ApplySet command: the first run labels every object, the second changes nothing
      await applySetApply();
      const members = () => appObjects(cluster).map((o) => [idOf(o), o.metadata.resourceVersion]);
      const before = members();
      expect(before.length).toBeGreaterThanOrEqual(8);
      await applySetApply();
      expect(members()).toEqual(before);
      // remove the Deployment from the app, synthesize, run the same command: exactly it is pruned
      expect((await kubecraftAsync(['synth', '--quiet', '--', 'no-worker'], dir)).status).toBe(0);
      expect(await applySetApply()).toMatch(/^deployment\.apps\/worker pruned$/m);
      expect(members().map(([id]) => id)).toEqual(
        before.map(([id]) => id).filter((id) => id !== 'Deployment shop/worker'),
      );
    } finally {
      await cluster.close();
    }
  }, 120000);
});
