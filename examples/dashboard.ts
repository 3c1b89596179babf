import * as path from 'path';
import { Construct } from 'constructs';
import { KubecraftChart, UpstreamContainer, UpstreamManifests, UpstreamWorkload } from '../lib';

/** The Kubernetes Dashboard v2.7.0, as upstream ships it (`recommended.yaml`, vendored in examples/upstream/). */
export const DASHBOARD_MANIFESTS = path.join(__dirname, 'upstream', 'kubernetes-dashboard-v2.7.0-recommended.yaml');

/**
 * The Kubernetes Dashboard v2.7.0 from its upstream `recommended.yaml`, included as upstream
 * wrote it and validated like the rest of the app. What kubecraft's policy asks beyond it is
 * changed visibly, in typed code (`modify`): both containers declare they run as non-root
 * (upstream runs them as uid 1001 without saying so), drop every capability, get a readiness
 * probe on the endpoint upstream's liveness probe already uses, and get requests and limits.
 * The one relaxation, with its reason: the csrf Secret, which upstream ships empty.
 */
export class DashboardChart extends KubecraftChart {
  public readonly upstream: UpstreamManifests;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.upstream = new UpstreamManifests(this, 'recommended', { file: DASHBOARD_MANIFESTS });
    const harden = (d: UpstreamWorkload, cpu: string, memory: string): void => {
      const c: UpstreamContainer = d.spec.template.spec.containers[0];
      c.securityContext = { ...c.securityContext, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
      c.readinessProbe = { ...c.livenessProbe, initialDelaySeconds: 5 };
      c.resources = { requests: { cpu, memory }, limits: { cpu: '500m', memory: '256Mi' } };
    };
    this.upstream
      .modify('Deployment', 'kubernetes-dashboard', (d) => harden(d, '100m', '128Mi'))
      .modify('Deployment', 'dashboard-metrics-scraper', (d) => harden(d, '50m', '64Mi'))
      .relax(
        'Secret',
        'kubernetes-dashboard-csrf',
        'policy/plaintext-secret',
        'upstream ships it with an empty csrf key that the dashboard fills in at its first start: no secret value is in the manifest',
      );
  }
}
