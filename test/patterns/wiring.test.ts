import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AppNetwork,
  BatchJob,
  CONFIG_HASH_ANNOTATION,
  ExistingSecret,
  KubecraftApp,
  StatefulService,
  validateChart,
  WebService,
} from '../../lib';
import { chartIn, get, valid } from './support';

describe('connectTo', () => {
  test('gives the client the endpoint DNS name and port, and allows exactly that traffic', () => {
    const chart = chartIn();
    const db = new StatefulService(chart, 'user-db', {
      image: 'postgres:16.1',
      port: 5432,
      storage: Size.gibibytes(5),
      dataPath: '/var/lib/postgresql/data',
      user: 999,
    });
    const api = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:1.4.2' });
    api.connectTo(db);
    api.connectTo(db); // idempotent policies
    AppNetwork.isolate(chart);
    const m = valid(chart);
    const env = get(m, 'Deployment', 'api').spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: 'USER_DB_HOST', value: 'user-db.shop.svc.cluster.local' },
      { name: 'USER_DB_PORT', value: '5432' },
      { name: 'USER_DB_ADDR', value: 'user-db.shop.svc.cluster.local:5432' },
    ]);
    const policies = m
      .filter((x) => x.kind === 'NetworkPolicy')
      .map((x) => x.metadata.name)
      .sort();
    expect(policies).toEqual([
      'allow-api-egress-to-user-db',
      'allow-api-to-user-db',
      'kubecraft-allow-dns',
      'kubecraft-default-deny',
    ]);
    const ingress = get(m, 'NetworkPolicy', 'allow-api-to-user-db').spec;
    expect(ingress.podSelector.matchLabels).toEqual(db.podSelector);
    expect(ingress.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: api.podSelector } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    const egress = get(m, 'NetworkPolicy', 'allow-api-egress-to-user-db').spec;
    expect(egress.podSelector.matchLabels).toEqual(api.podSelector);
    expect(egress.egress).toEqual([
      { to: [{ podSelector: { matchLabels: db.podSelector } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    const dns = get(m, 'NetworkPolicy', 'kubecraft-allow-dns').spec;
    expect(dns.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
    expect(AppNetwork.of(api)).toBe(AppNetwork.of(db));
  });

  test('custom env prefix; jobs connect too', () => {
    const chart = chartIn();
    const api = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:1.4.2' });
    const job = new BatchJob(chart, 'seed', { image: 'ghcr.io/acme/seed:1.0.0' });
    job.connectTo(api, { envPrefix: 'BACKEND' });
    expect(get(valid(chart), 'Job', 'seed').spec.template.spec.containers[0].env[0]).toEqual({
      name: 'BACKEND_HOST',
      value: 'api.shop.svc.cluster.local',
    });
    expect(() => job.connectTo(api, { envPrefix: 'bad-prefix' })).toThrow(/not a valid environment variable prefix/);
  });

  test('across namespaces: each side gets its policy, with a namespace selector for the peer', () => {
    const app = new KubecraftApp({ outdir: Testing.app().outdir, printReport: false });
    const front = chartIn('front', app);
    const back = chartIn('back', app);
    const api = new WebService(back, 'api', { image: 'ghcr.io/acme/api:1.4.2' });
    const web = new WebService(front, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
    web.connectTo(api);
    AppNetwork.isolate(front);
    AppNetwork.isolate(back);
    expect(validateChart(front).errors).toEqual([]);
    const inBack = get(valid(back), 'NetworkPolicy', 'allow-web-to-api').spec;
    expect(inBack.ingress[0].from[0].namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'front' },
    });
    const inFront = get(valid(front), 'NetworkPolicy', 'allow-web-egress-to-api').spec;
    expect(inFront.egress[0].to[0].namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'back' },
    });
    expect(get(valid(front), 'Deployment', 'web').spec.template.spec.containers[0].env[0].value).toBe(
      'api.back.svc.cluster.local',
    );
  });
});

describe('config-change rollouts', () => {
  function hashFor(data: Record<string, string>, secretData?: Record<string, string>) {
    const chart = chartIn();
    const conf = new kplus.ConfigMap(chart, 'conf', { data });
    const env: Record<string, kplus.EnvValue> = {};
    if (secretData) {
      const s = new kplus.Secret(chart, 'creds', { stringData: secretData });
      env.TOKEN = kplus.EnvValue.fromSecretValue({ secret: s, key: Object.keys(secretData)[0] });
    }
    new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', files: [{ path: '/etc/app', from: conf }], env });
    const d = get(Testing.synth(chart) as any[], 'Deployment', 'web');
    return d.spec.template.metadata.annotations?.[CONFIG_HASH_ANNOTATION];
  }

  test('the hash changes with the ConfigMap and stays with it', () => {
    expect(hashFor({ a: '1' })).toMatch(/^[0-9a-f]{16}$/);
    expect(hashFor({ a: '1' })).toBe(hashFor({ a: '1' }));
    expect(hashFor({ a: '2' })).not.toBe(hashFor({ a: '1' }));
  });

  test('Secrets used through env count too', () => {
    expect(hashFor({ a: '1' }, { token: 'x' })).not.toBe(hashFor({ a: '1' }, { token: 'y' }));
  });

  test('workloads using no config of the chart get no hash; existing Secrets do not count', () => {
    const chart = chartIn();
    const creds = ExistingSecret.fromName(chart, 'creds', ['token']);
    new WebService(chart, 'web', {
      image: 'ghcr.io/acme/web:2.0.1',
      env: { TOKEN: kplus.EnvValue.fromSecretValue({ secret: creds, key: 'token' }) },
    });
    expect(get(valid(chart), 'Deployment', 'web').spec.template.metadata.annotations).toBeUndefined();
  });
});

describe('ExistingSecret', () => {
  test('referenced by name and keys: a wrong key fails validation', () => {
    const chart = chartIn();
    const creds = ExistingSecret.fromName(chart, 'db-creds', ['username', 'password']);
    new WebService(chart, 'web', {
      image: 'ghcr.io/acme/web:2.0.1',
      env: { PASSWORD: kplus.EnvValue.fromSecretValue({ secret: creds, key: 'passwd' }) },
    });
    expect(validateChart(chart).errors.map((e) => e.message)).toEqual([
      "Secret 'db-creds' has no key 'passwd' (it has username, password)",
    ]);
  });

  test('needs its keys', () => {
    expect(() => ExistingSecret.fromName(chartIn(), 'x', [])).toThrow(/list the keys/);
  });

  test('a plaintext Secret fails policy unless relaxed with a reason', () => {
    const chart = chartIn();
    new kplus.Secret(chart, 'inline', { stringData: { token: 'x' } });
    expect(validateChart(chart).errors.map((e) => e.rule)).toEqual(['policy/plaintext-secret']);
  });
});
