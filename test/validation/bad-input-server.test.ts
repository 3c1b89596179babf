// The API server's own rules, Pod Security Standards and runtime failures (issue 16): each bad
// input is refused at synth with the rule, the object, the construct path and the field.
import { JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Probes, validate } from '../../lib';
import { KubernetesVersion } from '../../lib/core';
import { FixtureApp, fixtureApp, NON_ROOT, patch, SMALL } from './fixture-app';
import { expectRefusedLikeTheServer } from './refused';
import { RULE_APP_ROWS } from './rules/cases';
import { SERVER_CASES } from './server-cases';

const { add } = JsonPatch;
const C = '/spec/template/spec/containers/0';
const POD = '/spec/template/spec';
const F = 'spec.template.spec.containers[0]';
const WEB = 'shop/web/Resource';

describe('bad input the API server rejects (or that fails at run time) is refused at synth', () => {
  test.each(Object.entries(SERVER_CASES))('%s', (_name, c) => expectRefusedLikeTheServer(c));

  test('each rule of the table is reached through at least two cases', () => {
    const counts = new Map<string, number>();
    const rows = [
      ...Object.values(SERVER_CASES),
      ...RULE_APP_ROWS.flatMap(([, c]) => (c.table === 'server' ? [c] : [])),
    ];
    for (const c of rows) counts.set(c.rule, (counts.get(c.rule) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n < 2)).toEqual([]);
  });
});

describe('rules that depend on the target Kubernetes version', () => {
  const validateFor = (f: FixtureApp, kubernetesVersion: KubernetesVersion) =>
    validate([{ folder: '', objects: f.app.render().flatMap((file) => file.objects) }], {
      root: f.app,
      kubernetesVersion,
    });

  test.each([
    [
      'JSON patch',
      (f: FixtureApp) => patch(f.web, add(`${C}/livenessProbe/tcpSocket/host`, '10.0.0.1')),
      WEB,
      `${F}.livenessProbe.tcpSocket.host`,
    ],
    [
      'kubecraft Probes',
      (f: FixtureApp) =>
        new kplus.Deployment(f.chart, 'hosted', {
          containers: [
            {
              image: 'busybox:1.36',
              ports: [{ number: 8080, name: 'http' }],
              securityContext: NON_ROOT,
              resources: SMALL,
              liveness: Probes.tcpSocket({ port: 'http' }),
              readiness: Probes.httpGet('/ready', { port: 'http' }),
            },
          ],
        }),
      'shop/hosted/Resource',
      `${F}.readinessProbe.httpGet.host`,
    ],
  ])('policy/probe-host from 1.34 (%s)', (_entry, mutate, path, field) => {
    const f = fixtureApp();
    mutate(f);
    if (path !== WEB) patch(f.chart.node.findChild('hosted'), add(`${C}/readinessProbe/httpGet/host`, 'example.com'));
    const on134 = validateFor(f, '1.34').errors.filter((e) => e.rule === 'policy/probe-host');
    expect(on134.map((e) => [e.path, e.field])).toEqual([[path, field]]);
    expect(validateFor(f, '1.33').errors.filter((e) => e.rule === 'policy/probe-host')).toEqual([]);
  });

  test('env names: a leading digit is refused before 1.32 and accepted from 1.32; = is refused everywhere', () => {
    const f = fixtureApp();
    patch(f.web, add(`${C}/env/-`, { name: '1VAR', value: 'x' }), add(`${C}/env/-`, { name: 'A=B', value: 'x' }));
    const envErrors = (v: KubernetesVersion) =>
      validateFor(f, v)
        .errors.filter((e) => e.rule === 'values/env-name')
        .map((e) => e.field);
    expect(envErrors('1.31')).toEqual([`${F}.env[1].name`, `${F}.env[2].name`]);
    expect(envErrors('1.32')).toEqual([`${F}.env[2].name`]);
  });

  test('native sidecars may have probes from 1.29; plain init containers never', () => {
    const f = fixtureApp();
    const probe = { exec: { command: ['true'] } };
    patch(
      f.web,
      add(`${POD}/initContainers`, [
        { name: 'side', image: 'busybox:1.36', restartPolicy: 'Always', readinessProbe: probe },
        { name: 'init', image: 'busybox:1.36', readinessProbe: probe },
      ]),
    );
    const fields = (v: KubernetesVersion) =>
      validateFor(f, v)
        .errors.filter((e) => e.rule === 'values/init-container')
        .map((e) => e.field);
    expect(fields('1.29')).toEqual(['spec.template.spec.initContainers[1].readinessProbe']);
    expect(fields('1.28')).toEqual([
      'spec.template.spec.initContainers[0].readinessProbe',
      'spec.template.spec.initContainers[1].readinessProbe',
    ]);
  });

  test('safe sysctls grow with the version', () => {
    const f = fixtureApp();
    patch(f.web, add(`${POD}/securityContext/sysctls`, [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }]));
    const sysctlErrors = (v: KubernetesVersion) => validateFor(f, v).errors.filter((e) => e.rule === 'policy/sysctls');
    expect(sysctlErrors('1.28')).toHaveLength(1);
    expect(sysctlErrors('1.29')).toEqual([]);
  });
});
