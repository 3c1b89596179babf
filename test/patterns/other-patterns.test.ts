import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BatchJob,
  NodeAgent,
  NodeAgentProps,
  Probes,
  ScheduledJob,
  ScheduledJobProps,
  StatefulService,
  StatefulServiceProps,
  validateChart,
} from '../../lib';
import { chartIn, get, valid } from './support';

describe('StatefulService', () => {
  const base: StatefulServiceProps = {
    image: 'redis:7.2.3',
    port: 6379,
    portName: 'redis',
    storage: Size.gibibytes(2),
    dataPath: '/data',
    user: 999,
  };
  test('StatefulSet, headless Service, claim template, budget; validates', () => {
    const chart = chartIn();
    const r = new StatefulService(chart, 'cache', { ...base, replicas: 3, storageClassName: 'fast' });
    const m = valid(chart);
    const sts = get(m, 'StatefulSet', 'cache');
    expect(sts.spec).toMatchObject({ replicas: 3, serviceName: 'cache' });
    expect(sts.spec.volumeClaimTemplates[0]).toEqual({
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast',
        resources: { requests: { storage: '2Gi' } },
      },
    });
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(sts.spec.template.spec.securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999 });
    expect(get(m, 'Service', 'cache').spec).toMatchObject({
      clusterIP: 'None',
      selector: r.podSelector,
      ports: [{ name: 'redis', port: 6379, targetPort: 6379 }],
    });
    expect(get(m, 'PodDisruptionBudget', 'cache').spec.selector.matchLabels).toEqual(r.podSelector);
    expect(r.dnsName).toBe('cache.shop.svc.cluster.local');
  });
  test.each<[string, Partial<StatefulServiceProps>, RegExp]>([
    ['zero replicas', { replicas: 0 }, /shop\/cache \(replicas\): must be at least 1/],
    ['relative data path', { dataPath: 'data' }, /\(dataPath\): must be absolute/],
    ['port 0', { port: 0 }, /\(port\): 0 is invalid/],
  ])('rejects %s', (_n, props, error) => {
    expect(() => new StatefulService(chartIn(), 'cache', { ...base, ...props })).toThrow(error);
  });
});

describe('NodeAgent', () => {
  const base: NodeAgentProps = { image: 'fluent/fluent-bit:2.2.0', port: 2020 };
  test('DaemonSet tolerating control-plane taints, host paths relaxed with their reasons', () => {
    const chart = chartIn('logging');
    new NodeAgent(chart, 'fluent-bit', {
      ...base,
      hostPaths: [
        { hostPath: '/var/log', reason: 'collects container logs' },
        { hostPath: '/var/lib/fluent-bit', readOnly: false, reason: 'keeps read positions' },
      ],
    });
    const report = validateChart(chart);
    expect(report.errors).toEqual([]);
    expect(report.relaxed.map((r) => [r.rule, r.relaxedBy!.reason])).toEqual([
      ['policy/host-path', '/var/log: collects container logs; /var/lib/fluent-bit: keeps read positions'],
      ['policy/host-path', '/var/log: collects container logs; /var/lib/fluent-bit: keeps read positions'],
    ]);
    const ds = get(valid(chart), 'DaemonSet', 'fluent-bit');
    expect(ds.spec.template.spec.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(ds.spec.template.spec.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'host-0', mountPath: '/var/log', readOnly: true },
        { name: 'host-1', mountPath: '/var/lib/fluent-bit', readOnly: false },
      ]),
    );
    expect(ds.spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '500m', memory: '256Mi' });
  });
  test('running as root needs a reason, which is reported', () => {
    const chart = chartIn('logging');
    new NodeAgent(chart, 'agent', { ...base, runAsRootReason: 'reads root-owned files under /var/log' });
    const report = validateChart(chart);
    expect(report.errors).toEqual([]);
    expect(report.relaxed.map((r) => r.rule)).toEqual(['policy/run-as-non-root']);
    expect(get(valid(chart), 'DaemonSet', 'agent').spec.template.spec.containers[0].securityContext).toMatchObject({
      runAsUser: 0,
      runAsNonRoot: false,
    });
  });
  test.each<[string, Partial<NodeAgentProps>, RegExp]>([
    ['no port and no health check', { port: undefined }, /give a healthCheck probe, or a port to check/],
    [
      'relative host path',
      { hostPaths: [{ hostPath: 'var/log', reason: 'collects container logs' }] },
      /logging\/agent \(hostPaths\[0\]\.hostPath\): must be absolute/,
    ],
    ['host path without a reason', { hostPaths: [{ hostPath: '/var/log', reason: '' }] }, /needs a reason/],
  ])('rejects %s', (_n, props, error) => {
    expect(() => new NodeAgent(chartIn('logging'), 'agent', { ...base, ...props })).toThrow(error);
  });
  test('a health check replaces the port probe; control plane can be skipped', () => {
    const chart = chartIn('logging');
    new NodeAgent(chart, 'agent', {
      image: 'ghcr.io/acme/agent:1.0.0',
      healthCheck: Probes.exec(['agent', 'health']),
      tolerateControlPlane: false,
    });
    const ds = get(valid(chart), 'DaemonSet', 'agent');
    expect(ds.spec.template.spec.tolerations).toBeUndefined();
    expect(ds.spec.template.spec.containers[0].livenessProbe.exec.command).toEqual(['agent', 'health']);
  });
});

describe('BatchJob and ScheduledJob', () => {
  test('BatchJob: backoff, deadline, TTL, Never; validates', () => {
    const chart = chartIn('batch');
    new BatchJob(chart, 'pi', {
      image: 'perl:5.34.0',
      command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
      backoffLimit: 4,
    });
    const job = get(valid(chart), 'Job', 'pi');
    expect(job.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].command).toEqual(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
  });
  test('ScheduledJob: schedule, time zone, concurrency, deadlines, history; validates', () => {
    const chart = chartIn('batch');
    new ScheduledJob(chart, 'report', {
      image: 'ghcr.io/acme/report:1.2.0',
      schedule: '0 3 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      history: { successful: 5 },
    });
    const cj = get(valid(chart), 'CronJob', 'report');
    expect(cj.spec).toMatchObject({
      schedule: '0 3 * * MON-FRI',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 1,
    });
    expect(cj.spec).not.toHaveProperty('suspend'); // false is the server's default: not rendered
    expect(cj.spec.jobTemplate.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('report');
  });
  test('descriptors are kept as written', () => {
    const chart = chartIn('batch');
    new ScheduledJob(chart, 'hourly', { image: 'ghcr.io/acme/report:1.2.0', schedule: '@hourly' });
    expect(get(valid(chart), 'CronJob', 'hourly').spec.schedule).toBe('@hourly');
  });
  test.each<[string, Partial<ScheduledJobProps>, RegExp]>([
    [
      'three fields',
      { schedule: '* * *' },
      /batch\/job \(schedule\): '\* \* \*' is invalid: expected exactly 5 fields, found 3: \[\* \* \*\]/,
    ],
    ['minute 61', { schedule: '61 * * * *' }, /\(schedule\): '61 \* \* \* \*' is invalid/],
    ['bad time zone', { timeZone: 'Mars/Olympus' }, /is not an IANA time zone/],
    ['restart Always', { restartPolicy: kplus.RestartPolicy.ALWAYS }, /restartPolicy must be Never or OnFailure/],
    ['negative backoff', { backoffLimit: -1 }, /\(backoffLimit\): must be a non-negative integer/],
    ['zero deadline', { activeDeadline: Duration.seconds(0) }, /\(activeDeadline\): must be positive/],
    ['negative history', { history: { failed: -1 } }, /\(history\.failed\): must be a non-negative integer/],
    ['a TTL', { ttlAfterFinished: Duration.hours(1) }, /\(ttlAfterFinished\): does not apply to scheduled jobs/],
  ])('ScheduledJob rejects %s', (_n, props, error) => {
    expect(
      () =>
        new ScheduledJob(chartIn('batch'), 'job', {
          image: 'ghcr.io/acme/job:1.0.0',
          schedule: '*/5 * * * *',
          ...props,
        }),
    ).toThrow(error);
  });
});
