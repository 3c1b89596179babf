// Upstream YAML: included as upstream wrote it, validated, changed only visibly.
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, UpstreamManifests } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

// #region upstream
const exporter = new UpstreamManifests(chart, 'exporter', {
  // or { file: 'vendor/exporter.yaml' }: a project's install.yaml, an operator's bundle
  text: `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: exporter, namespace: shop }
spec:
  selector: { matchLabels: { app: exporter } }
  template:
    metadata: { labels: { app: exporter } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          ports: [{ name: metrics, containerPort: 9100 }]
          livenessProbe: { httpGet: { path: /, port: metrics } }
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
`,
});
exporter
  .exclude('Namespace', 'shop', 'the chart creates the namespace') // left out, with the reason
  .modify('Deployment', 'exporter', (d) => {
    // typed: d.spec.template.spec.containers[0]... (every change is listed by exporter.changes())
    const c = d.spec.template.spec.containers[0];
    c.resources = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
  })
  .relax(
    'Deployment',
    'exporter',
    'policy/probes',
    'node-exporter answers on / once it runs: no readiness probe upstream',
  );
// #endregion upstream

app.synth();
