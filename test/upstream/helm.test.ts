import { spawnSync } from 'child_process';
import * as path from 'path';
import { App } from 'cdk8s';
import { HelmManifests, KubecraftChart, synthValidated } from '../../lib';

const helmVersion = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
const HELM = !helmVersion.error && helmVersion.status === 0;
const REASON =
  'helm is not on the PATH (no helm 3 package on the npm registry or Debian reachable here; see README, Helm charts)';
if (!HELM) console.log(`test/upstream/helm.test.ts skipped: ${REASON}`);
const helmTest = HELM ? test : test.skip;

describe('HelmManifests', () => {
  helmTest(HELM ? 'renders a chart with helm template, validated, hooks left out' : `SKIPPED: ${REASON}`, () => {
    const chart = new KubecraftChart(new App(), 'c', { namespace: 'default' });
    const hello = new HelmManifests(chart, 'hello', {
      chart: path.join(__dirname, 'fixtures', 'hello-chart'),
      values: { greeting: 'hi' },
    });
    expect(hello.skippedHooks).toEqual(['Pod hello-test (helm.sh/hook: test)']);
    const out = synthValidated(chart);
    expect(out.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['ConfigMap/hello-config']);
  });

  test('a missing helm executable is a clear construct error', () => {
    const chart = new KubecraftChart(new App(), 'c');
    expect(
      () => new HelmManifests(chart, 'x', { chart: 'whatever', helmExecutable: 'kubecraft-no-such-helm' }),
    ).toThrow(/cannot run kubecraft-no-such-helm/);
  });
});
