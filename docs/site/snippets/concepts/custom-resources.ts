// Custom resources: a CRD in the app validates its custom resources in the same synth; the CRD
// goes to the setup phase (dist/setup/), applied and established before the custom resources.
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Policy } from 'kubecraft';

const app = new KubecraftApp();
const chart = new KubecraftChart(app, 'shop', { namespace: 'shop' });
new kplus.Namespace(chart, 'shop-ns', { metadata: { name: 'shop' } });

// #region crd
new ApiObject(chart, 'backups-crd', {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'backups.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind: 'Backup', plural: 'backups', singular: 'backup' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['schedule', 'retentionDays'],
                properties: {
                  schedule: { type: 'string' },
                  retentionDays: { type: 'integer', minimum: 1 },
                },
              },
            },
          },
        },
      },
    ],
  },
});
// #endregion crd

// #region custom-resource
// a kind neither cdk8s nor cdk8s-plus types: a raw ApiObject, validated against the CRD above
// (strictly: `retentionDay: 7` or `retentionDays: '7'` would fail the synth)
new ApiObject(chart, 'nightly-backup', {
  apiVersion: 'example.com/v1',
  kind: 'Backup',
  metadata: { name: 'nightly' },
  spec: { schedule: '0 2 * * *', retentionDays: 7 },
});
// #endregion custom-resource

// #region installed-elsewhere
// a custom resource whose CRD is installed in the cluster by other means (here cert-manager's):
// without its schema kubecraft cannot check it, and says so unless you relax schema/unknown-kind
const certificate = new ApiObject(chart, 'shop-certificate', {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'shop-tls' },
  spec: {
    secretName: 'shop-tls',
    dnsNames: ['shop.example.com'],
    issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
  },
});
Policy.relax(certificate, 'schema/unknown-kind', 'cert-manager and its CRDs are installed by the platform team');
// #endregion installed-elsewhere

app.synth();
