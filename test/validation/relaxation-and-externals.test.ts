import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { External, KubecraftChart, Policy } from '../../lib';
import { fixtureApp, NON_ROOT, patch, SMALL } from './fixture-app';

describe('Policy.relax', () => {
  test('relaxes a rule for a construct, keeping the finding and its reason in the report', () => {
    const f = fixtureApp();
    f.web.addVolume(kplus.Volume.fromHostPath(f.chart, 'logs', 'logs', { path: '/var/log' }));
    Policy.relax(f.web, 'policy/host-path', 'reads node logs for the demo');
    const report = f.app.validate();
    expect(report.errors).toEqual([]);
    expect(report.relaxed).toHaveLength(1);
    expect(report.relaxed[0].relaxedBy).toEqual({
      rule: 'policy/host-path',
      reason: 'reads node logs for the demo',
      declaredAt: 'shop/web',
    });
  });

  test('a relaxation on a chart covers everything in it, and only that rule', () => {
    const f = fixtureApp();
    Policy.relax(f.chart, 'policy/image-pinned', 'internal mirror rewrites tags at admission');
    f.web.addContainer({
      name: 'side',
      image: 'busybox',
      securityContext: NON_ROOT,
      resources: SMALL,
      liveness: kplus.Probe.fromCommand(['true']),
      readiness: kplus.Probe.fromCommand(['true']),
    });
    f.job.containers[0].mount('/host', kplus.Volume.fromHostPath(f.chart, 'h', 'h', { path: '/' }));
    const report = f.app.validate();
    expect(report.relaxed.map((r) => r.rule)).toEqual(['policy/image-pinned']);
    expect(report.errors.map((e) => e.rule)).toEqual(['policy/host-path']);
  });

  test.each([
    ['policy/nope', 'a long enough reason', /is not a rule id/],
    ['policy/host-path', 'short', /needs a written reason/],
    ['values/port', 'ports are fine, trust me', /cannot be relaxed/],
    ['schema/invalid', 'the API server will accept it', /cannot be relaxed/],
  ])('rejects relax(%s, %s)', (rule, reason, error) => {
    const f = fixtureApp();
    expect(() => Policy.relax(f.web, rule, reason)).toThrow(error);
  });
});

describe('External declarations', () => {
  test('a namespace declared external passes refs/namespace', () => {
    const f = fixtureApp();
    new kplus.ConfigMap(f.chart, 'sys', { metadata: { namespace: 'monitoring' } });
    expect(f.app.validate().errors.map((e) => [e.rule, e.message])).toEqual([
      ['refs/namespace', "namespace 'monitoring' is neither created by the app nor declared as existing"],
    ]);
    External.namespace(f.chart, 'monitoring', 'created by the platform team');
    expect(f.app.validate().errors).toEqual([]);
  });

  test.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])(
    'the namespaces every cluster has need no declaration: %s',
    (ns) => {
      const f = fixtureApp();
      new kplus.ConfigMap(f.chart, 'sys', { metadata: { namespace: ns } });
      new ApiObject(f.chart, 'raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw', namespace: ns } });
      const chart = new KubecraftChart(f.app, `in-${ns}`, { namespace: ns });
      new kplus.ConfigMap(chart, 'settings', { data: { a: 'b' } });
      expect(f.app.validate().errors).toEqual([]);
    },
  );

  test('a namespace named like one every cluster has is not one', () => {
    const f = fixtureApp();
    new kplus.ConfigMap(f.chart, 'sys', { metadata: { namespace: 'kube-systems' } });
    expect(f.app.validate().errors.map((e) => e.rule)).toEqual(['refs/namespace']);
  });

  test('a Secret imported by name is external; declared keys are checked', () => {
    const f = fixtureApp();
    const creds = kplus.Secret.fromSecretName(f.chart, 'creds', 'db-creds');
    f.web.containers[0].env.addVariable('PASSWORD', kplus.EnvValue.fromSecretValue({ secret: creds, key: 'password' }));
    expect(f.app.validate().errors).toEqual([]);

    const g = fixtureApp();
    External.secret(g.chart, 'db-creds', 'managed by the external-secrets operator', {
      keys: ['username', 'password'],
    });
    g.web.containers[0].env.addVariable(
      'PASSWORD',
      kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(g.chart, 'x', 'db-creds'), key: 'pasword' }),
    );
    const errors = g.app.validate().errors;
    expect(errors.map((e) => [e.rule, e.message])).toEqual([
      ['refs/config', "Secret 'db-creds' has no key 'pasword' (it has username, password)"],
    ]);
  });

  test('a Secret used but neither created nor declared is an error', () => {
    const f = fixtureApp();
    f.web.addVolume(kplus.Volume.fromSecret(f.chart, 'v', kplus.Secret.fromSecretName(f.chart, 'tls', 'web-tls')));
    expect(f.app.validate().errors).toEqual([]); // imported by name: declared
    const g = fixtureApp();
    patch(g.web, JsonPatch.add('/spec/template/spec/volumes', [{ name: 'tls', secret: { secretName: 'web-tls' } }]));
    expect(g.app.validate().errors.map((e) => e.rule)).toEqual(['refs/config']);
  });

  test('operator-created pods declared with External.pods satisfy a Service selector', () => {
    const f = fixtureApp();
    const svc = new kplus.Service(f.chart, 'mgr', { ports: [{ port: 7000 }] });
    svc.selectLabel('app', 'mgr');
    expect(f.app.validate().errors.map((e) => e.rule)).toEqual(['refs/service-selector']);
    External.pods(f.chart, { app: 'mgr', extra: 'x' }, 'created by the operator');
    expect(f.app.validate().errors).toEqual([]);
  });

  test('a reason is required', () => {
    const f = fixtureApp();
    expect(() => External.namespace(f.chart, 'x', '')).toThrow(/needs a reason/);
  });
});
