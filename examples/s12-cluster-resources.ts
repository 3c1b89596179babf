import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { LimitRange, LimitType, PodDisruptionBudget, ResourceQuota } from '../lib';
import { ScenarioChart } from './scenario-chart';
import { serveHostname } from './serve-hostname';

/**
 * Scenario 12 (seed 000): cluster-level and metadata resources around one team namespace,
 * `team-a`: a ServiceAccount; a Role (read pods) and its RoleBinding; a ClusterRole (read
 * nodes) and its ClusterRoleBinding; a LimitRange and a ResourceQuota for the namespace; and a
 * `web` Deployment with a HorizontalPodAutoscaler (2–5 replicas at 70% CPU) and a
 * PodDisruptionBudget (at least 1 available).
 */
export class ClusterResourcesChart extends ScenarioChart {
  public readonly serviceAccount: kplus.ServiceAccount;
  public readonly role: kplus.Role;
  public readonly roleBinding: kplus.RoleBinding;
  public readonly clusterRole: kplus.ClusterRole;
  public readonly clusterRoleBinding: kplus.ClusterRoleBinding;
  public readonly limitRange: LimitRange;
  public readonly quota: ResourceQuota;
  public readonly web: kplus.Deployment;
  public readonly autoscaler: kplus.HorizontalPodAutoscaler;
  public readonly budget: PodDisruptionBudget;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'team-a' });
    this.serviceAccount = new kplus.ServiceAccount(this, 'app-sa', { automountToken: false });

    this.role = new kplus.Role(this, 'pod-reader');
    this.role.allowRead(kplus.ApiResource.PODS);
    this.roleBinding = new kplus.RoleBinding(this, 'read-pods', { role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);

    this.clusterRole = new kplus.ClusterRole(this, 'node-viewer');
    this.clusterRole.allowRead(kplus.ApiResource.NODES);
    this.clusterRoleBinding = new kplus.ClusterRoleBinding(this, 'team-a-node-viewer', { role: this.clusterRole });
    this.clusterRoleBinding.addSubjects(this.serviceAccount);

    this.limitRange = new LimitRange(this, 'defaults', {
      limits: [
        {
          type: LimitType.CONTAINER,
          min: { cpu: '10m', memory: '8Mi' },
          defaultRequest: { cpu: '100m', memory: '64Mi' },
          default: { cpu: '500m', memory: '256Mi' },
          max: { cpu: '2', memory: '2Gi' },
        },
      ],
    });
    this.quota = new ResourceQuota(this, 'team-a-quota', {
      hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', pods: '20' },
    });

    this.web = serveHostname(this, 'web', { labels: { 'app.kubernetes.io/name': 'web' }, autoscaled: true });
    this.autoscaler = new kplus.HorizontalPodAutoscaler(this, 'web-hpa', {
      target: this.web,
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
    });
    this.budget = new PodDisruptionBudget(this, 'web-pdb', { selector: this.web, minAvailable: 1 });
  }
}
