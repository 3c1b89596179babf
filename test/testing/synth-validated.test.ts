import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, Probes, SynthesisError, synthValidated, validateChart } from '../../lib';

function chartWith(image: string) {
  const chart = new KubecraftChart(Testing.app(), 'c', { namespace: 'c' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'c' } });
  new kplus.Deployment(chart, 'web', {
    containers: [
      {
        image,
        portNumber: 8080,
        securityContext: { user: 101, group: 101 },
        liveness: Probes.tcpSocket(),
        readiness: Probes.httpGet('/'),
      },
    ],
  });
  return chart;
}

describe("synthValidated (for users' jest tests)", () => {
  test('returns the manifests of a valid chart, in install order', () => {
    const manifests = synthValidated(chartWith('nginx:1.25.3'));
    expect(manifests.map((m) => m.kind)).toEqual(['Namespace', 'Deployment']);
  });

  test('throws a SynthesisError with the report for an invalid chart', () => {
    expect(() => synthValidated(chartWith('nginx:latest'))).toThrow(SynthesisError);
    expect(() => synthValidated(chartWith('nginx:latest'))).toThrow(
      /\[policy\/image-pinned\] Deployment c\/web \(c\/web\/Resource\)/,
    );
  });

  test('validateChart returns the report', () => {
    expect(validateChart(chartWith('nginx:latest')).errors.map((e) => e.rule)).toEqual(['policy/image-pinned']);
  });
});
