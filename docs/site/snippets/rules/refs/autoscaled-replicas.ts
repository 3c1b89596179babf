import { ApiObject } from 'cdk8s';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  'Server-side apply and the HorizontalPodAutoscaler: the HPA writes `spec.replicas`; a manifest that also sets it takes the field back on every apply, so the replica count flaps between the two ([HPA docs, "Migrating Deployments and StatefulSets to horizontal autoscaling"](https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling)).';

// #region bad
export function bad(chart: KubecraftChart): void {
  new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1', replicas: 3 });
  new ApiObject(chart, 'web-hpa', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  new WebService(chart, 'web', {
    image: 'ghcr.io/acme/web:2.0.1',
    autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 }, // and no replicas
  });
}
// #endregion good
