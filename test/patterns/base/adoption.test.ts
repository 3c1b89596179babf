import { Size } from 'cdk8s';
import { BatchJob, StatefulService, WebService } from '../../../lib';
import { chartIn, get, valid } from '../support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

describe('adopting installed objects (the migration path)', () => {
  test('selector and workload name of an installed Deployment; the Service selects every version', () => {
    const chart = chartIn();
    new WebService(chart, 'reviews', {
      image: IMAGE,
      workloadName: 'reviews-v1',
      selector: { app: 'reviews', version: 'v1' },
      serviceSelector: { app: 'reviews' },
    });
    const m = valid(chart);
    const d = get(m, 'Deployment', 'reviews-v1');
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'reviews', version: 'v1' } });
    expect(d.spec.template.metadata.labels).toMatchObject({ app: 'reviews', version: 'v1' });
    expect(get(m, 'Service', 'reviews').spec.selector).toEqual({ app: 'reviews' });
    expect(
      () => new WebService(chartIn(), 'r', { image: IMAGE, selector: { app: 'r' }, serviceSelector: { app: 'x' } }),
    ).toThrow(/\(serviceSelector\): the Service would not select the pattern's own pods/);
    expect(() => new WebService(chartIn(), 'r', { image: IMAGE, selector: {} })).toThrow(
      /\(selector\): must not be empty/,
    );
    expect(() => new BatchJob(chartIn(), 'j', { image: IMAGE, selector: { app: 'j' } })).toThrow(/\(selector\)/);
  });

  test('a StatefulSet keeps its claim template name and its PVCs', () => {
    const chart = chartIn();
    new StatefulService(chart, 'cassandra', {
      image: 'cassandra:4.1.3',
      port: 9042,
      portName: 'cql',
      storage: Size.gibibytes(10),
      dataPath: '/var/lib/cassandra',
      user: 999,
      selector: { app: 'cassandra' },
      volumeClaimTemplateName: 'cassandra-data',
      updateStrategy: { type: 'OnDelete' },
      parallel: true,
    });
    const ss = get(valid(chart), 'StatefulSet', 'cassandra');
    expect(ss.spec.selector).toEqual({ matchLabels: { app: 'cassandra' } });
    expect(ss.spec.volumeClaimTemplates[0].metadata.name).toBe('cassandra-data');
    expect(ss.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(ss.spec.podManagementPolicy).toBe('Parallel');
  });
});
