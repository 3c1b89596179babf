import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppNetwork, Exposure, Probes, WebService, WebServiceProps } from '../../lib';
import { chartIn, get, valid } from './support';

const IMAGE = 'ghcr.io/acme/api:1.4.2';
const APP_IMAGE = 'ghcr.io/acme/app:1.0.0';
const spec = (m: any) => m.spec.template.spec;

describe('WebService', () => {
  test('defaults: Deployment, Service, PDB, probes, rolling update, recommended labels; validates', () => {
    const chart = chartIn();
    const api = new WebService(chart, 'api', { image: IMAGE, partOf: 'shop' });
    const m = valid(chart);
    const d = get(m, 'Deployment', 'api');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    expect(d.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'api',
      'app.kubernetes.io/instance': 'api',
      'app.kubernetes.io/component': 'web',
    });
    expect(d.spec.template.metadata.labels).toEqual({
      ...d.spec.selector.matchLabels,
      'app.kubernetes.io/managed-by': 'kubecraft',
      'app.kubernetes.io/part-of': 'shop',
    });
    const c = d.spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.securityContext).toMatchObject({ runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true });
    expect(c.volumeMounts).toEqual([{ name: 'writable-0', mountPath: '/tmp' }]);
    expect(get(m, 'Service', 'api').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      selector: d.spec.selector.matchLabels,
    });
    expect(get(m, 'PodDisruptionBudget', 'api').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: d.spec.selector.matchLabels },
    });
    expect(api.dnsName).toBe('api.shop.svc.cluster.local');
    for (const o of m.filter((x) => x.kind !== 'Namespace'))
      expect(o.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('kubecraft');
  });

  test('selectors do not depend on the construct path', () => {
    const a = chartIn();
    new WebService(a, 'api', { image: IMAGE });
    const b = chartIn();
    new WebService(new Construct(new Construct(b, 'team'), 'nested'), 'api', { image: IMAGE });
    const strip = (m: any) => ({ selector: m.spec.selector, labels: m.spec.template.metadata.labels });
    expect(strip(get(valid(b), 'Deployment', 'api'))).toEqual(strip(get(valid(a), 'Deployment', 'api')));
    expect(JSON.stringify(valid(b))).not.toContain('cdk8s.io/metadata.addr');
  });

  test.each<[string, Exposure, string, Record<string, unknown>]>([
    ['NodePort', Exposure.nodePort(30080), 'NodePort', { nodePort: 30080 }],
    ['LoadBalancer', Exposure.loadBalancer(), 'LoadBalancer', {}],
  ])('exposure %s: Service type and an allow-from-outside policy', (_n, exposure, type, port) => {
    const chart = chartIn();
    new WebService(chart, 'web', { image: IMAGE, exposure });
    AppNetwork.isolate(chart);
    const m = valid(chart);
    expect(get(m, 'Service', 'web').spec).toMatchObject({ type, ports: [{ port: 80, targetPort: 8080, ...port }] });
    expect(get(m, 'NetworkPolicy', 'allow-outside-to-web').spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
  });

  test('exposure through an Ingress with TLS from an existing Secret', () => {
    const chart = chartIn();
    new WebService(chart, 'web', {
      image: IMAGE,
      exposure: Exposure.ingress({
        host: 'shop.example.com',
        path: '/app',
        className: 'nginx',
        tlsSecretName: 'shop-tls',
      }),
    });
    const m = valid(chart);
    expect(get(m, 'Service', 'web').spec.type).toBe('ClusterIP');
    expect(get(m, 'Ingress', 'web').spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [{ path: '/app', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }],
          },
        },
      ],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    });
  });

  test('internal services get no outside allowance and no policies at all', () => {
    const chart = chartIn();
    new WebService(chart, 'web', { image: IMAGE });
    expect(valid(chart).filter((x) => x.kind === 'NetworkPolicy')).toEqual([]);
  });

  test('autoscaling: an HPA owns the replica count', () => {
    const chart = chartIn();
    new WebService(chart, 'web', { image: IMAGE, autoscaling: { maxReplicas: 8, cpuUtilization: 50 } });
    const m = valid(chart);
    expect(get(m, 'Deployment', 'web').spec.replicas).toBeUndefined();
    expect(get(m, 'HorizontalPodAutoscaler', 'web').spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 8,
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
    });
    expect(get(m, 'HorizontalPodAutoscaler', 'web').spec.metrics[0].resource.target).toEqual({
      type: 'Utilization',
      averageUtilization: 50,
    });
  });

  test('files, envFrom, env and writable paths', () => {
    const chart = chartIn();
    const conf = new kplus.ConfigMap(chart, 'conf', { data: { 'app.yaml': 'x: 1', MODE: 'prod' } });
    new WebService(chart, 'web', {
      image: IMAGE,
      env: { A: 'b' },
      envFrom: [conf],
      files: [{ path: '/etc/app', from: conf }],
      writablePaths: ['/var/cache'],
    });
    const c = get(valid(chart), 'Deployment', 'web').spec.template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'A', value: 'b' }]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'conf' } }]);
    expect(c.volumeMounts).toEqual([
      { name: 'writable-0', mountPath: '/var/cache' },
      { name: 'files-0', mountPath: '/etc/app', readOnly: true },
    ]);
  });

  test.each<[string, Partial<WebServiceProps>, RegExp]>([
    ['an invalid name', { name: 'Web_App' }, /shop\/web \(name\): "Web_App" is invalid/],
    ['port 0', { port: 0 }, /\(port\): 0 is invalid: must be an integer from 1 to 65535/],
    [
      'port as a string',
      { port: '8080' as unknown as number },
      /\(port\): must be an integer from 1 to 65535, not the string "8080"$/,
    ],
    ['servicePort 70000', { servicePort: 70000 }, /\(servicePort\): 70000 is invalid/],
    ['negative replicas', { replicas: -1 }, /\(replicas\): must be a non-negative integer/],
    [
      'replicas and autoscaling',
      { replicas: 3, autoscaling: { maxReplicas: 5 } },
      /set either replicas or autoscaling/,
    ],
    [
      'min above max',
      { autoscaling: { minReplicas: 5, maxReplicas: 3 } },
      /\(autoscaling\): 'minReplicas' \(5\) must be less than or equal to 'maxReplicas' \(3\)/,
    ],
    [
      'cpu utilization 0',
      { autoscaling: { maxReplicas: 3, cpuUtilization: 0 } },
      /\(autoscaling\.cpuUtilization\): must be from 1 to 100/,
    ],
    ['a relative health path', { healthPath: 'healthz' }, /\(healthPath\): must start with '\/'/],
    ['root user without a reason', { user: 0 }, /\(user\): running as root \(user 0\) needs a written reason/],
    ['relative writable path', { writablePaths: ['tmp'] }, /\(writablePaths\[0\]\): must be absolute/],
    ['invalid component label', { component: 'web server' }, /\(component\): "web server" is invalid/],
  ])('rejects %s', (_n, props, error) => {
    expect(() => new WebService(chartIn(), 'web', { image: IMAGE, ...props })).toThrow(error);
  });

  test.each<[string, () => Exposure, RegExp]>([
    ['node port 80', () => Exposure.nodePort(80), /shop\/web \(exposure\.nodePort\): must be from 30000 to 32767/],
    [
      'bad host',
      () => Exposure.ingress({ host: 'Not A Host' }),
      /\(exposure\.host\): 'Not A Host' is not a valid DNS name/,
    ],
    [
      'relative path (checked by cdk8s-plus)',
      () => Exposure.ingress({ host: 'a.example.com', path: 'app' }),
      /shop\/web \(exposure\.path\): ingress paths must begin with a "\/"/,
    ],
  ])('Exposure rejects %s when given to the construct', (_n, make, error) => {
    const exposure = make();
    expect(() => new WebService(chartIn(), 'web', { image: IMAGE, exposure })).toThrow(error);
  });

  test('explicit probes replace the HTTP defaults', () => {
    const chart = chartIn();
    new WebService(chart, 'grpc', {
      image: IMAGE,
      port: 9090,
      liveness: Probes.grpc(9090),
      readiness: Probes.grpc(9090),
    });
    const c = get(valid(chart), 'Deployment', 'grpc').spec.template.spec.containers[0];
    expect(c.livenessProbe.grpc).toEqual({ port: 9090 });
  });
});

describe('WebService: ports, Services, strategies', () => {
  test('a gRPC port is named grpc and probed with gRPC; several ports; an extra LoadBalancer', () => {
    const chart = chartIn();
    new WebService(chart, 'api', {
      image: APP_IMAGE,
      port: 9090,
      portName: 'grpc',
      servicePort: 9090,
      extraPorts: [{ name: 'metrics', port: 9100 }],
      additionalServices: [{ name: 'api-public', exposure: Exposure.loadBalancer(), ports: ['grpc'] }],
    });
    const m = valid(chart);
    const c = spec(get(m, 'Deployment', 'api')).containers[0];
    expect(c.ports).toEqual([
      { containerPort: 9090, name: 'grpc' },
      { containerPort: 9100, name: 'metrics' },
    ]);
    expect(c.livenessProbe.grpc).toEqual({ port: 9090 });
    expect(get(m, 'Service', 'api').spec.ports.map((p: { name: string }) => p.name)).toEqual(['grpc', 'metrics']);
    const pub = get(m, 'Service', 'api-public').spec;
    expect(pub.type).toBe('LoadBalancer');
    expect(pub.ports).toEqual([{ name: 'grpc', port: 9090, targetPort: 9090 }]);
  });

  test('rolling parameters; maxSurge and updateStrategy together are refused', () => {
    const chart = chartIn();
    new WebService(chart, 'web', {
      image: APP_IMAGE,
      updateStrategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: '50%' },
    });
    expect(get(valid(chart), 'Deployment', 'web').spec.strategy.rollingUpdate).toEqual({
      maxSurge: 1,
      maxUnavailable: '50%',
    });
    expect(
      () => new WebService(chartIn(), 'web', { image: APP_IMAGE, maxSurge: 1, updateStrategy: { type: 'Recreate' } }),
    ).toThrow(/\(maxSurge\): set either maxSurge or updateStrategy, not both/);
    expect(
      () => new WebService(chartIn(), 'web', { image: APP_IMAGE, extraPorts: [{ name: 'Metrics!', port: 9100 }] }),
    ).toThrow(/\(extraPorts\[0\]\.name\)/);
  });
});
