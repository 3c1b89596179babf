#!/usr/bin/env node
// Generates lib/validation/schema/validators.generated.ts: precompiled (ajv standalone) schema
// validators for every Kubernetes 1.27 kind, and for the custom resources in imports/crds/.
//
//   node scripts/generate-schema-validators.mjs <v1.27.0-definitions.json> [crd.yaml ...]
//
// (default CRDs: every file in imports/crds/). The official definitions are used as they are,
// with three additions, each a property of a real API server that the OpenAPI document does
// not spell out:
//   1. strictness: every object schema that lists its properties rejects unknown ones
//      (`additionalProperties: false`), as `kubectl apply` (field validation "Strict") does;
//      maps and `x-kubernetes-preserve-unknown-fields` objects stay open;
//   2. enums: string fields whose allowed values the Go API types fix (+enum) but the 1.27
//      document lists only in prose (imagePullPolicy, restartPolicy, protocol, ...);
//   3. descriptions are dropped (they are not validation, and they would triple the size).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [definitionsPath, ...crdArgs] = process.argv.slice(2);
if (!definitionsPath) {
  console.error('usage: node scripts/generate-schema-validators.mjs <v1.27.0-definitions.json> [crd.yaml ...]');
  process.exit(2);
}
const crdPaths =
  crdArgs.length > 0
    ? crdArgs
    : readdirSync(join(root, 'imports', 'crds'))
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(root, 'imports', 'crds', f));

// Enum values of the Kubernetes 1.27 API types (k8s.io/api, fields marked +enum), keyed by
// `<definition>.<property>`; `[]` suffix means the items of an array property.
const ENUMS = {
  'io.k8s.api.core.v1.Container.imagePullPolicy': ['Always', 'Never', 'IfNotPresent'],
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'io.k8s.api.core.v1.EphemeralContainer.imagePullPolicy': ['Always', 'Never', 'IfNotPresent'],
  'io.k8s.api.core.v1.PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  'io.k8s.api.core.v1.PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'io.k8s.api.core.v1.ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'io.k8s.api.core.v1.ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'io.k8s.api.core.v1.ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'io.k8s.api.core.v1.ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'io.k8s.api.core.v1.ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'io.k8s.api.core.v1.ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'io.k8s.api.core.v1.ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'io.k8s.api.core.v1.ServiceSpec.ipFamilies[]': ['IPv4', 'IPv6'],
  'io.k8s.api.core.v1.Toleration.operator': ['Exists', 'Equal'],
  'io.k8s.api.core.v1.Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'io.k8s.api.core.v1.Taint.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'io.k8s.api.core.v1.NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.accessModes[]': [
    'ReadWriteOnce',
    'ReadOnlyMany',
    'ReadWriteMany',
    'ReadWriteOncePod',
  ],
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'io.k8s.api.core.v1.PersistentVolumeSpec.accessModes[]': [
    'ReadWriteOnce',
    'ReadOnlyMany',
    'ReadWriteMany',
    'ReadWriteOncePod',
  ],
  'io.k8s.api.core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Recycle', 'Delete', 'Retain'],
  'io.k8s.api.core.v1.HostPathVolumeSource.type': [
    '',
    'DirectoryOrCreate',
    'Directory',
    'FileOrCreate',
    'File',
    'Socket',
    'CharDevice',
    'BlockDevice',
  ],
  'io.k8s.api.core.v1.EmptyDirVolumeSource.medium': ['', 'Memory'],
  'io.k8s.api.core.v1.HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'io.k8s.api.core.v1.SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'io.k8s.api.core.v1.PodSecurityContext.fsGroupChangePolicy': ['OnRootMismatch', 'Always'],
  'io.k8s.api.core.v1.SecurityContext.procMount': ['Default', 'Unmasked'],
  'io.k8s.api.core.v1.ResourceQuotaSpec.scopes[]': [
    'Terminating',
    'NotTerminating',
    'BestEffort',
    'NotBestEffort',
    'PriorityClass',
    'CrossNamespacePodAffinity',
  ],
  'io.k8s.api.core.v1.LimitRangeItem.type': ['Container', 'Pod', 'PersistentVolumeClaim'],
  'io.k8s.api.core.v1.TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'io.k8s.api.apps.v1.DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': ['Retain', 'Delete'],
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': ['Retain', 'Delete'],
  'io.k8s.api.batch.v1.JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'io.k8s.api.networking.v1.HTTPIngressPath.pathType': ['Exact', 'Prefix', 'ImplementationSpecific'],
  'io.k8s.api.networking.v1.NetworkPolicySpec.policyTypes[]': ['Ingress', 'Egress'],
  'io.k8s.api.networking.v1.NetworkPolicyPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': ['IfHealthyBudget', 'AlwaysAllow'],
  'io.k8s.api.autoscaling.v2.MetricSpec.type': ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'],
  'io.k8s.api.autoscaling.v2.MetricTarget.type': ['AverageValue', 'Utilization', 'Value'],
  'io.k8s.api.autoscaling.v2.HPAScalingRules.selectPolicy': ['Max', 'Min', 'Disabled'],
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy.type': ['Pods', 'Percent'],
};

const definitions = JSON.parse(readFileSync(definitionsPath, 'utf8')).definitions;

/** Strips descriptions and closes object schemas; returns a new schema. */
function harden(schema) {
  if (Array.isArray(schema)) return schema.map(harden);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description') continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, harden(s)]));
    } else {
      out[key] = harden(value);
    }
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

const hardened = {};
for (const [name, schema] of Object.entries(definitions)) hardened[name] = harden(schema);
for (const [path, values] of Object.entries(ENUMS)) {
  const isItems = path.endsWith('[]');
  const clean = isItems ? path.slice(0, -2) : path;
  const dot = clean.lastIndexOf('.');
  const def = clean.slice(0, dot);
  const prop = clean.slice(dot + 1);
  const target = hardened[def]?.properties?.[prop];
  if (!target) throw new Error(`enum overlay: ${path} is not in the definitions`);
  if (isItems) target.items = { ...target.items, enum: values };
  else target.enum = values;
}

const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  code: { source: true, optimize: 1 },
  inlineRefs: false,
});
const BASE = 'https://kubecraft.local/schemas/';
const K8S = `${BASE}k8s-1.27.json`;
ajv.addSchema({ $id: K8S, definitions: hardened });

const exportsMap = {};
const kinds = [];
for (const [name, schema] of Object.entries(definitions)) {
  const gvks = schema['x-kubernetes-group-version-kind'];
  if (!Array.isArray(gvks) || gvks.length !== 1 || name.endsWith('List')) continue;
  const { group, version, kind } = gvks[0];
  const apiVersion = group ? `${group}/${version}` : version;
  const key = `${apiVersion}/${kind}`;
  const id = `${BASE}kinds/${fnName(key)}.json`;
  ajv.addSchema({ $id: id, $ref: `${K8S}#/definitions/${name}` });
  exportsMap[fnName(key)] = id;
  kinds.push(key);
}

for (const path of crdPaths) {
  const crd = parse(readFileSync(path, 'utf8'));
  const group = crd.spec.group;
  const kind = crd.spec.names.kind;
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    const schema = harden(version.schema.openAPIV3Schema);
    schema.properties.apiVersion = { type: 'string', enum: [`${group}/${version.name}`] };
    schema.properties.kind = { type: 'string', enum: [kind] };
    schema.properties.metadata = { $ref: `${K8S}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` };
    const key = `${group}/${version.name}/${kind}`;
    const id = `${BASE}kinds/${fnName(key)}.json`;
    ajv.addSchema({ $id: id, ...schema });
    exportsMap[fnName(key)] = id;
    kinds.push(key);
  }
}

function fnName(key) {
  return 'v_' + key.replace(/[^A-Za-z0-9]/g, '_');
}

const code = standaloneCode(ajv, exportsMap);
const header = `// @ts-nocheck\n/* eslint-disable */\n// GENERATED by scripts/generate-schema-validators.mjs from the Kubernetes 1.27.0 definitions\n// and ${crdPaths.length} CRD file(s). Do not edit; regenerate with \`npm run generate:schema -- <definitions.json>\`.\n`;
const index = `\n/** The schema-validated kinds, as \`<apiVersion>/<kind>\`. */\nexports.SCHEMA_KINDS = ${JSON.stringify(kinds)};\n/** Validator function name per \`<apiVersion>/<kind>\`. */\nexports.VALIDATOR_NAMES = ${JSON.stringify(Object.fromEntries(kinds.map((k) => [k, fnName(k)])))};\n`;
const outFile = join(root, 'lib', 'validation', 'schema', 'validators.generated.js');
writeFileSync(outFile, header + code + index);
console.log(`wrote ${outFile}: ${kinds.length} kinds, ${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB`);
