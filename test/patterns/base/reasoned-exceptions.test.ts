import { ConstructError, Policy, WebService } from '../../../lib';
import { chartIn, get, valid } from '../support';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const spec = (m: any) => m.spec.template.spec;

describe('root and a writable root filesystem, when reasoned', () => {
  test('user 0 needs a reason; a relaxation on the chart lets it render root, and validation agrees', () => {
    expect(() => new WebService(chartIn(), 'web', { image: IMAGE, user: 0 })).toThrow(ConstructError);
    const chart = chartIn();
    Policy.relax(chart, 'policy/run-as-non-root', 'the legacy image binds as root and drops privileges itself');
    new WebService(chart, 'web', { image: IMAGE, user: 0 });
    const d = get(valid(chart), 'Deployment', 'web');
    expect(spec(d).securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    expect(spec(d).containers[0].securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
  });

  test('runAsRootReason and writableRootFilesystemReason relax on the pattern itself', () => {
    const chart = chartIn();
    const web = new WebService(chart, 'web', {
      image: IMAGE,
      runAsRootReason: 'the image chowns its data directory at start',
      writableRootFilesystemReason: 'the image rewrites its configuration at every start',
    });
    expect(Policy.relaxationsOf(web).map((r) => r.rule)).toEqual([
      'policy/run-as-non-root',
      'policy/read-only-root-fs',
    ]);
    const c = spec(get(valid(chart), 'Deployment', 'web')).containers[0];
    expect(c.securityContext).toMatchObject({ runAsUser: 0, readOnlyRootFilesystem: false });
    expect(() => new WebService(chartIn(), 'web', { image: IMAGE, readOnlyRootFilesystem: false })).toThrow(
      /\(readOnlyRootFilesystem\): a writable root filesystem needs a written reason/,
    );
  });
});
