import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubecraftApp, KubecraftChart, Manifest, synthValidated } from '../../lib';

/** A chart in namespace `ns` that creates its namespace, in a fresh app. */
export function chartIn(
  ns = 'shop',
  app: Construct = new KubecraftApp({ outdir: Testing.app().outdir, printReport: false }),
): KubecraftChart {
  const chart = new KubecraftChart(app, ns, { namespace: ns });
  new kplus.Namespace(chart, 'ns', { metadata: { name: ns } });
  return chart;
}

/** The validated manifests of the chart (fails the test on any validation error). */
export function valid(chart: KubecraftChart): Manifest[] {
  return synthValidated(chart);
}

export function get(manifests: Manifest[], kind: string, name: string): any {
  const m = manifests.find((x) => x.kind === kind && x.metadata.name === name);
  if (!m) throw new Error(`no ${kind}/${name} in ${manifests.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return m;
}
