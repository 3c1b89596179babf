import { KubecraftChart, UpstreamManifests } from 'kubecraft';

export const follows =
  "kubecraft's own report, not a problem: upstream YAML stays exactly as upstream wrote it unless you ask (`applySecureDefaults: true`); every field kubecraft then sets is listed, object by object, so the change is reviewed like any other.";

/** An upstream Deployment that sets neither a seccomp profile nor a capability drop. */
const upstream = (extra: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: exporter, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: exporter } }
  template:
    metadata: { labels: { app: exporter } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 65534${extra} }
      containers:
        - name: exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          ports: [{ name: metrics, containerPort: 9100 }]
          livenessProbe: { httpGet: { path: /, port: metrics } }
          readinessProbe: { httpGet: { path: /, port: metrics } }
          resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 100m, memory: 64Mi } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true${extra ? '\n            capabilities: { drop: [ALL] }' : ''}
`;

// #region bad
export function bad(chart: KubecraftChart): void {
  new UpstreamManifests(chart, 'exporter', { text: upstream(''), applySecureDefaults: true });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  // upstream already sets them (or: no applySecureDefaults, and relax or modify what the policy asks)
  new UpstreamManifests(chart, 'exporter', {
    text: upstream(', seccompProfile: { type: RuntimeDefault }'),
    applySecureDefaults: true,
  });
}
// #endregion good
