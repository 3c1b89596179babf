import { NodeAgent, NodeAgentProps, Probes, validateChart } from '../../lib';
import { chartIn, get, valid } from './support';

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
