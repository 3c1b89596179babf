import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubecraftChart, KubecraftChartProps } from '../lib';

/** Properties for `ScenarioChart`. */
export interface ScenarioChartProps extends KubecraftChartProps {
  /** The namespace the scenario's objects live in; the chart creates it. */
  readonly namespace: string;
}

/**
 * A chart for one scenario of the example app: its own namespace, created by the chart
 * (installed first, by kind order), and everything else inside it.
 */
export class ScenarioChart extends KubecraftChart {
  /** The Namespace object this chart creates. */
  public readonly ns: kplus.Namespace;

  constructor(scope: Construct, id: string, props: ScenarioChartProps) {
    super(scope, id, props);
    this.ns = new kplus.Namespace(this, 'namespace', { metadata: { name: props.namespace } });
  }

  /** The in-cluster DNS name of a Service of this chart: `<name>.<namespace>.svc.cluster.local`. */
  public serviceDns(service: kplus.Service): string {
    return `${service.name}.${this.namespace}.svc.cluster.local`;
  }
}
