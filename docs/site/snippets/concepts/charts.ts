// Apps and charts: one KubecraftApp, one file in dist/ per KubecraftChart.
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { KubecraftApp, KubecraftChart, Probes } from 'kubecraft';

// #region app
const app = new KubecraftApp({
  kubernetesVersion: '1.35', // validate for the release your clusters run
  graph: true, // also draw dist/app-graph.svg (Graphviz, offline)
});
const shop = new KubecraftChart(app, 'shop', { namespace: 'shop' }); // dist/shop.k8s.yaml
new kplus.Namespace(shop, 'shop-ns', { metadata: { name: 'shop' } }); // dist/setup/shop.k8s.yaml
// #endregion app

// #region objects
// any cdk8s-plus construct works in a KubecraftChart: this Deployment is named "web", not
// "shop-web-c8a1b2c3", and gets a RuntimeDefault seccomp profile and dropped capabilities
const settings = new kplus.ConfigMap(shop, 'web-settings', { data: { LOG_LEVEL: 'info' } });
const web = new kplus.Deployment(shop, 'web', {
  replicas: 2,
  containers: [
    {
      image: 'ghcr.io/acme/web:2.0.1',
      ports: [{ number: 8080, name: 'http' }],
      envFrom: [kplus.Env.fromConfigMap(settings)], // kubecraft.io/config-hash: a change rolls the pods
      liveness: Probes.tcpSocket({ port: 'http' }),
      readiness: Probes.httpGet('/healthz', { port: 'http' }),
    },
  ],
});
// #endregion objects

// #region patch
// the escape hatch: a JSON patch, applied by kubecraft to the final JSON and validated too
ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 10));
// #endregion patch

// #region second-chart
// a second chart is a second file (dist/monitoring.k8s.yaml); this one keeps cdk8s's hashed names
const monitoring = new KubecraftChart(app, 'monitoring', { namespace: 'monitoring', hashNames: true });
new kplus.Namespace(monitoring, 'monitoring-ns', { metadata: { name: 'monitoring' } });
new kplus.ConfigMap(monitoring, 'dashboards', { data: { 'shop.json': '{}' } }); // monitoring-dashboards-c8...
// #endregion second-chart

// #region other-kinds
// a built-in kind cdk8s-plus-27 has no construct for: its L1 class (every kind of Kubernetes 1.27)
new k8s.KubeCsiDriver(shop, 'hostpath-driver', {
  metadata: { name: 'hostpath.csi.k8s.io' },
  spec: { attachRequired: false, podInfoOnMount: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'] },
});
// a kind added after 1.27 (admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy, 1.30): a raw
// ApiObject, validated against the schema of the target version (below 1.30, schema/removed-api)
new ApiObject(shop, 'replica-limit', {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'replica-limit' },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: {
      resourceRules: [
        { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] },
      ],
    },
    validations: [{ expression: 'object.spec.replicas <= 5', message: 'at most 5 replicas per Deployment' }],
  },
});
new ApiObject(shop, 'replica-limit-binding', {
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  metadata: { name: 'replica-limit' },
  spec: { policyName: 'replica-limit', validationActions: ['Deny'] },
});
// #endregion other-kinds

app.synth(); // validated; dist/ replaced atomically, or left as it was if anything fails
