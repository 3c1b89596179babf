import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppNetwork, Exposure, StatefulService, WebService } from '../../lib';
import { chartIn, get, valid } from './support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const spec = (m: any) => m.spec.template.spec;

describe('the network model: isolation is explicit', () => {
  function cassandraRing() {
    const chart = chartIn();
    const ring = new StatefulService(chart, 'cassandra', {
      image: 'cassandra:4.1.3',
      port: 9042,
      portName: 'cql',
      peerPorts: [
        { name: 'intra-node', port: 7000 },
        { name: 'tls-intra-node', port: 7001 },
        { name: 'jmx', port: 7199 },
      ],
      replicas: 3,
      storage: Size.gibibytes(10),
      dataPath: '/var/lib/cassandra',
      user: 999,
      terminationGracePeriod: Duration.seconds(1800),
      lifecycle: { preStop: kplus.Handler.fromCommand(['nodetool', 'drain']) },
      capabilities: { add: ['IPC_LOCK'], reason: 'Cassandra locks its memory (mlockall) so it is never swapped' },
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(2000) },
        memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) },
      },
    });
    const client = new WebService(chart, 'app', { image: IMAGE });
    client.connectTo(ring);
    return { chart, ring };
  }
  const policies = (m: any[]) =>
    m
      .filter((x) => x.kind === 'NetworkPolicy')
      .map((x) => x.metadata.name)
      .sort();

  test('connectTo alone writes no policy and cuts nothing', () => {
    const { chart } = cassandraRing();
    expect(policies(valid(chart))).toEqual([]);
  });

  test("isolated, a client connecting to a ring never cuts the ring's own peer traffic", () => {
    const { chart, ring } = cassandraRing();
    AppNetwork.isolate(chart);
    const m = valid(chart);
    expect(policies(m)).toEqual([
      'allow-app-egress-to-cassandra',
      'allow-app-to-cassandra',
      'allow-cassandra-peers',
      'kubecraft-allow-dns',
      'kubecraft-default-deny',
    ]);
    const peers = get(m, 'NetworkPolicy', 'allow-cassandra-peers').spec;
    expect(peers.podSelector.matchLabels).toEqual(ring.podSelector);
    const ports = [7000, 7001, 7199].map((port) => ({ port, protocol: 'TCP' }));
    expect(peers.ingress).toEqual([{ from: [{ podSelector: { matchLabels: ring.podSelector } }], ports }]);
    expect(peers.egress).toEqual([{ to: [{ podSelector: { matchLabels: ring.podSelector } }], ports }]);
    const s = spec(get(m, 'StatefulSet', 'cassandra'));
    expect(s.terminationGracePeriodSeconds).toBe(1800);
    expect(s.containers[0].lifecycle.preStop.exec.command).toEqual(['nodetool', 'drain']);
  });

  test('ingress from the ingress controller namespace; egress to outside CIDRs; isolate once', () => {
    const chart = chartIn();
    new WebService(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ host: 'shop.example.com' }) });
    const network = AppNetwork.isolate(chart, {
      ingressControllerNamespace: 'ingress-nginx',
      egress: [{ cidr: '0.0.0.0/0', except: ['169.254.169.254/32'], ports: [443] }],
    });
    const m = valid(chart);
    expect(get(m, 'NetworkPolicy', 'allow-outside-to-web').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} },
    ]);
    expect(get(m, 'NetworkPolicy', 'kubecraft-allow-egress').spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }],
        ports: [{ port: 443, protocol: 'TCP' }],
      },
    ]);
    expect(network.isolated).toBe(true);
    expect(() => AppNetwork.isolate(chart)).toThrow(/already isolated/);
    expect(() => AppNetwork.isolate(chartIn(), { egress: [{ cidr: 'internet' }] })).toThrow(/\(egress\[0\]\.cidr\)/);
  });
});
