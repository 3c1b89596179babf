import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../core/errors';
import { knownProps } from '../core/known-props';

/** Horizontal autoscaling of a `WebService`. */
export interface WebServiceAutoscaling {
  /**
   * Fewest replicas.
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization, in percent of the request.
   *
   * @default 70
   */
  readonly cpuUtilization?: number;
}

/** The props of `WebServiceAutoscaling`. */
export const WEB_SERVICE_AUTOSCALING_PROPS = knownProps<WebServiceAutoscaling>('WebServiceAutoscaling')([
  'minReplicas',
  'maxReplicas',
  'cpuUtilization',
]);

/**
 * The HorizontalPodAutoscaler of a `WebService`: `autoscaling` checked (errors name
 * `autoscaling.<prop>`), scaling `deployment` on average CPU utilization.
 */
export function webServiceAutoscaler(
  scope: Construct,
  metadata: kplus.HorizontalPodAutoscalerProps['metadata'],
  deployment: kplus.Deployment,
  a: WebServiceAutoscaling,
): kplus.HorizontalPodAutoscaler {
  const min = a.minReplicas ?? 2;
  if (!(Number.isInteger(min) && min >= 1))
    throw new ConstructError(scope, `must be an integer of at least 1 (is ${min})`, {
      prop: 'autoscaling.minReplicas',
    });
  if (!(Number.isInteger(a.maxReplicas) && a.maxReplicas >= 1))
    throw new ConstructError(scope, `must be an integer of at least 1 (is ${a.maxReplicas})`, {
      prop: 'autoscaling.maxReplicas',
    });
  const cpu = a.cpuUtilization ?? 70;
  if (!(Number.isInteger(cpu) && cpu > 0 && cpu <= 100))
    throw new ConstructError(scope, `must be from 1 to 100 (is ${cpu})`, { prop: 'autoscaling.cpuUtilization' });
  // cdk8s-plus checks minReplicas <= maxReplicas
  return inScope(
    scope,
    'autoscaling',
    () =>
      new kplus.HorizontalPodAutoscaler(scope, 'Autoscaler', {
        metadata,
        target: deployment,
        minReplicas: min,
        maxReplicas: a.maxReplicas,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(cpu))],
      }),
  );
}
