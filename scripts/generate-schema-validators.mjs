#!/usr/bin/env node
// Generates lib/validation/schema/generated/: precompiled (ajv standalone) schema validators for
// every Kubernetes version whose OpenAPI definitions it is given, and for the custom resources in
// imports/crds/, plus the table of which apiVersion/kind each version serves.
//
//   node scripts/generate-schema-validators.mjs <dir with v1.X.0-definitions.json | files...>
//        [--crd file.yaml ...] [--out dir]
//
// e.g. `npm run generate:schema -- ../shared/k8s` (default CRDs: every file in imports/crds/;
// default output: lib/validation/schema/generated). The official definitions are used as they
// are, with four additions, each a property of a real API server that the OpenAPI document
// does not spell out:
//   1. strictness: every object schema that lists its properties rejects unknown ones
//      (`additionalProperties: false`), as `kubectl apply` (field validation "Strict") does;
//      maps and `x-kubernetes-preserve-unknown-fields` objects stay open;
//   2. enums: string fields whose allowed values the Go API types fix (+enum) but the documents
//      list only in prose (imagePullPolicy, restartPolicy, protocol, ...), checked per version
//      (see ENUMS below);
//   3. descriptions are dropped (they are not validation, and they would triple the size);
//   4. integer bounds: every integer field of `format` int32 or int64 (and the integer of an
//      IntOrString, an int32 in Go) must fit that format, as the API server's decoder requires
//      (it refuses `replicas: 2147483648` or `terminationGracePeriodSeconds: 1e19` before any
//      validation); the custom keyword `x-kc-int` (see withIntBounds) checks it, only where the
//      value is a number. Custom resources are left as their CRDs write them.
// The generated code reports what ajv reports, and one thing more: an unknown field's error lists
// the fields its object has (`params.known`), for "did you mean ...?" (see withKnownFields).
//
// The store shares what versions share. Each definition is compiled once per distinct content
// (sha256 of its hardened JSON, whatever its name or version); a reference to another definition
// is not inlined or linked at build time but resolved at run time, by name, in the version being
// validated (ajv `passContext`: the validator is called with a per-version context as `this`, and
// the custom keyword `x-kc-ref` compiles to `this.f[i] || this.l(i)`). So DeploymentSpec is
// compiled once for all versions where its own JSON is the same, even though the PodSpec it
// refers to changes in almost every release. The compiled functions are grouped into chunks by
// the set of versions that use them (and a coarse API area), each chunk a module required on
// first use: validating for one version never loads code only other versions use.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;
const { _ } = require('ajv/dist/compile/codegen');
const N = require('ajv/dist/compile/names').default;
const { callRef } = require('ajv/dist/vocabularies/core/ref');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { crd: { type: 'string', multiple: true }, out: { type: 'string' } },
});
if (positionals.length === 0) {
  console.error(
    'usage: node scripts/generate-schema-validators.mjs <dir with v1.X.0-definitions.json | files...> [--crd file.yaml ...] [--out dir]',
  );
  process.exit(2);
}
const outDir = resolve(opts.out ?? join(root, 'lib', 'validation', 'schema', 'generated'));
const crdPaths =
  opts.crd ??
  readdirSync(join(root, 'imports', 'crds'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(root, 'imports', 'crds', f));

const FILE_RE = /^v1\.(\d+)\.(\d+)-definitions\.json$/;
const inputFiles = positionals
  .flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => FILE_RE.test(f))
          .map((f) => join(p, f))
      : [p],
  )
  .map((path) => {
    const m = FILE_RE.exec(basename(path));
    if (!m) throw new Error(`${path}: expected a file named v1.<minor>.<patch>-definitions.json`);
    return { path, minor: Number(m[1]), version: `1.${m[1]}` };
  })
  .sort((a, b) => a.minor - b.minor);
if (new Set(inputFiles.map((f) => f.version)).size !== inputFiles.length) {
  throw new Error('one definitions file per Kubernetes minor version, please');
}

// Enum values of the Kubernetes API types (k8s.io/api, fields marked +enum) that the definitions
// list only in prose, keyed by `<definition>.<property>`; `[]` means the items of an array.
// `values` hold from the first version on; `since` adds values from a version on. Per version the
// generator checks that the field exists and is a string (or string array); uses the definitions'
// own enum instead if that version lists one; and fails when the field's description differs
// from the previous version's unless the version is in `reviewed` or `since` (a person compared
// the new text with the values), or when the description names, after "One of" / "Valid ... are", a value
// missing from the set.
const ENUMS = {
  'io.k8s.api.core.v1.Container.imagePullPolicy': { values: ['Always', 'Never', 'IfNotPresent'] },
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': { values: ['File', 'FallbackToLogsOnError'] },
  'io.k8s.api.core.v1.EphemeralContainer.imagePullPolicy': { values: ['Always', 'Never', 'IfNotPresent'] },
  'io.k8s.api.core.v1.PodSpec.restartPolicy': { values: ['Always', 'OnFailure', 'Never'] },
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': { values: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] },
  'io.k8s.api.core.v1.PodSpec.preemptionPolicy': { values: ['PreemptLowerPriority', 'Never'] },
  'io.k8s.api.core.v1.ContainerPort.protocol': { values: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServicePort.protocol': { values: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServiceSpec.type': { values: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
  'io.k8s.api.core.v1.ServiceSpec.sessionAffinity': { values: ['ClientIP', 'None'] },
  'io.k8s.api.core.v1.ServiceSpec.externalTrafficPolicy': { values: ['Cluster', 'Local'] },
  'io.k8s.api.core.v1.ServiceSpec.internalTrafficPolicy': { values: ['Cluster', 'Local'] },
  'io.k8s.api.core.v1.ServiceSpec.ipFamilyPolicy': { values: ['SingleStack', 'PreferDualStack', 'RequireDualStack'] },
  'io.k8s.api.core.v1.ServiceSpec.ipFamilies[]': { values: ['IPv4', 'IPv6'] },
  // 1.35: "Valid operators are Exists, Equal, Lt, and Gt ... Lt and Gt perform numeric
  // comparisons (requires feature gate TaintTolerationComparisonOperators)"
  'io.k8s.api.core.v1.Toleration.operator': { values: ['Exists', 'Equal'], since: { 1.35: ['Lt', 'Gt'] } },
  'io.k8s.api.core.v1.Toleration.effect': { values: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.Taint.effect': { values: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.NodeSelectorRequirement.operator': {
    values: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement.operator': {
    values: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.accessModes[]': {
    values: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.volumeMode': { values: ['Block', 'Filesystem'] },
  'io.k8s.api.core.v1.PersistentVolumeSpec.accessModes[]': {
    values: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  },
  'io.k8s.api.core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': { values: ['Recycle', 'Delete', 'Retain'] },
  'io.k8s.api.core.v1.HostPathVolumeSource.type': {
    values: ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  },
  'io.k8s.api.core.v1.EmptyDirVolumeSource.medium': { values: ['', 'Memory'] },
  'io.k8s.api.core.v1.HTTPGetAction.scheme': { values: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.SeccompProfile.type': { values: ['Localhost', 'RuntimeDefault', 'Unconfined'] },
  'io.k8s.api.core.v1.PodSecurityContext.fsGroupChangePolicy': { values: ['OnRootMismatch', 'Always'] },
  // 1.31 and 1.36 reword the description (feature-flag note added, then dropped); the values
  // (ProcMountType: Default, Unmasked) are unchanged
  'io.k8s.api.core.v1.SecurityContext.procMount': { values: ['Default', 'Unmasked'], reviewed: ['1.31', '1.36'] },
  'io.k8s.api.core.v1.ResourceQuotaSpec.scopes[]': {
    values: [
      'Terminating',
      'NotTerminating',
      'BestEffort',
      'NotBestEffort',
      'PriorityClass',
      'CrossNamespacePodAffinity',
    ],
  },
  'io.k8s.api.core.v1.LimitRangeItem.type': { values: ['Container', 'Pod', 'PersistentVolumeClaim'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint.whenUnsatisfiable': { values: ['DoNotSchedule', 'ScheduleAnyway'] },
  'io.k8s.api.apps.v1.DeploymentStrategy.type': { values: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy.type': { values: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type': { values: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': { values: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': { values: ['Retain', 'Delete'] },
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': { values: ['Retain', 'Delete'] },
  'io.k8s.api.batch.v1.JobSpec.completionMode': { values: ['NonIndexed', 'Indexed'] },
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': { values: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.networking.v1.HTTPIngressPath.pathType': { values: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec.policyTypes[]': { values: ['Ingress', 'Egress'] },
  'io.k8s.api.networking.v1.NetworkPolicyPort.protocol': { values: ['TCP', 'UDP', 'SCTP'] },
  // 1.33 rewords the description; still "Valid policies are IfHealthyBudget and AlwaysAllow"
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': {
    values: ['IfHealthyBudget', 'AlwaysAllow'],
    reviewed: ['1.33'],
  },
  // 1.32 rewords the description; still the same five source types
  'io.k8s.api.autoscaling.v2.MetricSpec.type': {
    values: ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'],
    reviewed: ['1.32'],
  },
  'io.k8s.api.autoscaling.v2.MetricTarget.type': { values: ['AverageValue', 'Utilization', 'Value'] },
  'io.k8s.api.autoscaling.v2.HPAScalingRules.selectPolicy': { values: ['Max', 'Min', 'Disabled'] },
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy.type': { values: ['Pods', 'Percent'] },
};

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

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

/** The integer formats of the definitions and the bounds their Go types have (int64: below 2^63, as a double). */
const INT_FORMATS = {
  int32: { min: -2147483648, max: 2147483647, exclusiveMax: false },
  int64: { min: -9223372036854775808, max: 9223372036854775808, exclusiveMax: true },
};
/** The definition whose integer is a Go int32 without saying so (its schema is `oneOf: [string, integer]`). */
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/**
 * Marks every integer schema with a known `format` (int32, int64) with `x-kc-int: <format>`, so
 * the generated code checks its bounds (addition 4 above); the integer branch of IntOrString is
 * an int32. Returns a new schema.
 */
function withIntBounds(schema, name) {
  const mark = (s) => {
    if (Array.isArray(s)) return s.map(mark);
    if (!s || typeof s !== 'object') return s;
    const out = {};
    for (const [key, value] of Object.entries(s)) {
      if (key === 'properties')
        out.properties = Object.fromEntries(Object.entries(value).map(([p, v]) => [p, mark(v)]));
      else if (key === 'enum' || key === 'default' || key === 'example') out[key] = value;
      else out[key] = mark(value);
    }
    if (out.type === 'integer' && Object.hasOwn(INT_FORMATS, out.format)) out['x-kc-int'] = out.format;
    return out;
  };
  const marked = mark(schema);
  if (name === INT_OR_STRING) {
    const branches = marked.oneOf ?? marked.anyOf;
    const integer = Array.isArray(branches) ? branches.find((b) => b.type === 'integer') : undefined;
    if (!integer) throw new Error(`${INT_OR_STRING} has no integer branch: ${JSON.stringify(marked)}`);
    integer['x-kc-int'] = 'int32';
  }
  return marked;
}

const LIST_RE =
  /(?:One of|one of|Valid (?:\w+ )*(?:are|is))\s*:?\s*((?:"?[A-Z][A-Za-z0-9]*"?(?:,\s*|,?\s+(?:and|or)\s+)?){2,})/g;

/** Applies the enum overlay to one version's hardened definitions, checking it (see ENUMS). */
function applyEnums(version, raw, hardened, previous, notes) {
  for (const [path, entry] of Object.entries(ENUMS)) {
    const isItems = path.endsWith('[]');
    const clean = isItems ? path.slice(0, -2) : path;
    const dot = clean.lastIndexOf('.');
    const def = clean.slice(0, dot);
    const prop = clean.slice(dot + 1);
    const target = hardened[def]?.properties?.[prop];
    if (!target) throw new Error(`enum overlay: ${path} is not in the ${version} definitions`);
    const field = isItems ? target.items : target;
    if (field?.type !== 'string') throw new Error(`enum overlay: ${path} is not a string in ${version}`);
    const values = [...entry.values];
    for (const [since, extra] of Object.entries(entry.since ?? {})) {
      if (minorOf(version) >= minorOf(since)) values.push(...extra);
    }
    if (Array.isArray(field.enum)) {
      if (JSON.stringify([...field.enum].sort()) !== JSON.stringify([...values].sort())) {
        notes.push(
          `${version} ${path}: the definitions list ${JSON.stringify(field.enum)}, used instead of the overlay`,
        );
      }
      continue;
    }
    const rawProp = raw[def].properties[prop];
    const description = `${rawProp.description ?? ''} ${rawProp.items?.description ?? ''}`;
    const before = previous?.[def]?.properties?.[prop];
    const beforeDescription = before ? `${before.description ?? ''} ${before.items?.description ?? ''}` : description;
    if (description !== beforeDescription && !(entry.reviewed ?? []).includes(version) && !entry.since?.[version]) {
      throw new Error(
        `enum overlay: the description of ${path} changed in ${version}; review the values and add '${version}' to its reviewed list:\n  ${description}`,
      );
    }
    for (const m of description.matchAll(LIST_RE)) {
      const named = m[1].match(/[A-Z][A-Za-z0-9]*/g);
      const missing = named.filter((w) => !values.includes(w));
      if (missing.length > 0 && named.length - missing.length >= 2) {
        throw new Error(`enum overlay: ${version} ${path} names ${missing.join(', ')}, missing from the values`);
      }
    }
    field.enum = values;
  }
}

function minorOf(version) {
  return Number(version.split('.')[1]);
}

// ---- global name index: every definition name (and CRD kind) gets one number, all versions ----
const nameIndex = new Map();
const names = [];
function indexOf(name) {
  let i = nameIndex.get(name);
  if (i === undefined) {
    i = names.length;
    names.push(name);
    nameIndex.set(name, i);
  }
  return i;
}

/** Replaces `$ref: #/definitions/X` with the late-bound `x-kc-ref: <index of X>`. */
function lateBind(schema) {
  if (Array.isArray(schema)) return schema.map(lateBind);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') {
      const m = /^#\/definitions\/(.+)$/.exec(value);
      if (!m) throw new Error(`unexpected $ref ${value}`);
      out['x-kc-ref'] = indexOf(m[1]);
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, lateBind(s)]));
    } else {
      out[key] = lateBind(value);
    }
  }
  return out;
}

const uniques = []; // { json, schema, versions: Set, area }
const uidByHash = new Map();
function uidOf(schema, version, area) {
  const json = JSON.stringify(schema);
  const hash = sha256(json);
  let uid = uidByHash.get(hash);
  if (uid === undefined) {
    uid = uniques.length;
    uniques.push({ schema, versions: new Set(), area });
    uidByHash.set(hash, uid);
  }
  uniques[uid].versions.add(version);
  return uid;
}

const WORKLOAD_AREAS = new Set(['core', 'apps', 'batch', 'autoscaling', 'policy', 'networking', 'rbac', 'meta']);
function areaOf(name) {
  const m = /^io\.k8s\.api\.([^.]+)\./.exec(name);
  const group = m ? m[1] : name.startsWith('io.k8s.apimachinery.') ? 'meta' : 'other';
  return WORKLOAD_AREAS.has(group) ? 'workloads' : 'other';
}

const versions = inputFiles.map((f) => f.version);
const inputs = [];
const uidsByVersion = {}; // version -> name index -> uid
const kindsByVersion = {}; // version -> 'apiVersion/kind' -> name index
const served = {}; // 'apiVersion/kind' -> versions
const notes = [];
let previousRaw;

for (const file of inputFiles) {
  const text = readFileSync(file.path);
  inputs.push({ file: basename(file.path), kubernetesVersion: file.version, sha256: sha256(text) });
  const raw = JSON.parse(text.toString('utf8')).definitions;
  const hardened = {};
  for (const [name, schema] of Object.entries(raw)) hardened[name] = withIntBounds(harden(schema), name);
  applyEnums(file.version, raw, hardened, previousRaw, notes);
  previousRaw = raw;
  const uids = {};
  for (const [name, schema] of Object.entries(hardened)) {
    uids[indexOf(name)] = uidOf(lateBind(schema), file.version, areaOf(name));
  }
  uidsByVersion[file.version] = uids;
  const kinds = {};
  for (const [name, schema] of Object.entries(raw)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || gvks.length !== 1 || name.endsWith('List')) continue;
    if (name.startsWith('io.k8s.apimachinery.')) continue; // Status, DeleteOptions, WatchEvent: not objects one applies
    const { group, version, kind } = gvks[0];
    const key = `${group ? `${group}/${version}` : version}/${kind}`;
    kinds[key] = indexOf(name);
    (served[key] ??= []).push(file.version);
  }
  kindsByVersion[file.version] = kinds;
}

// CRDs: one schema per served CRD version, the same in every Kubernetes version (their metadata
// refers, late-bound, to each version's ObjectMeta).
const crdKinds = {};
const crdInputs = [];
for (const path of crdPaths) {
  const text = readFileSync(path);
  crdInputs.push({ file: basename(path), sha256: sha256(text) });
  const crd = parse(text.toString('utf8'));
  const group = crd.spec.group;
  const kind = crd.spec.names.kind;
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    const schema = harden(version.schema.openAPIV3Schema);
    schema.properties.apiVersion = { type: 'string', enum: [`${group}/${version.name}`] };
    schema.properties.kind = { type: 'string', enum: [kind] };
    schema.properties.metadata = { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
    const key = `${group}/${version.name}/${kind}`;
    const i = indexOf(`crd:${key}`);
    const bound = lateBind(schema);
    for (const v of versions) uidsByVersion[v][i] = uidOf(bound, v, `crd-${kind.toLowerCase()}`);
    crdKinds[key] = i;
  }
}

// ---- compile every distinct schema once ----
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  passContext: true,
  code: { source: true, optimize: 1 },
});
ajv.addKeyword({
  keyword: 'x-kc-ref',
  schemaType: 'number',
  code(cxt) {
    const { gen, schema } = cxt;
    const fn = gen.const('ref', _`${N.this}.f[${schema}] || ${N.this}.l(${schema})`);
    callRef(cxt, fn, undefined, false);
  },
});
ajv.addKeyword({
  keyword: 'x-kc-int',
  type: 'number',
  schemaType: 'string',
  error: {
    message: ({ schema }) => {
      const { min, max, exclusiveMax } = INT_FORMATS[schema];
      const top = exclusiveMax ? `${BigInt(max) - 1n}` : `${max}`;
      return `must be an integer from ${BigInt(min)} to ${top} (${schema}): the API server cannot decode a number outside it`;
    },
    params: ({ schema }) => _`{format: ${schema}}`,
  },
  code(cxt) {
    const { data, schema } = cxt;
    const bounds = INT_FORMATS[schema];
    if (!bounds) throw new Error(`x-kc-int: unknown format ${schema}`);
    cxt.fail(
      bounds.exclusiveMax
        ? _`${data} < ${bounds.min} || ${data} >= ${bounds.max}`
        : _`${data} < ${bounds.min} || ${data} > ${bounds.max}`,
    );
  },
});
const BASE = 'https://kubecraft.local/u/';
uniques.forEach((u, uid) => ajv.addSchema({ $id: `${BASE}${uid}`, ...u.schema }));

// ---- chunks: by the set of versions using a schema, and area ----
function signature(set) {
  const minors = versions.filter((v) => set.has(v)).map(minorOf);
  const ranges = [];
  for (const m of minors) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === m - 1) last[1] = m;
    else ranges.push([m, m]);
  }
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join('_');
}
const chunkByKey = new Map();
const chunkOf = [];
uniques.forEach((u, uid) => {
  const key = `${u.area}.${u.versions.size === versions.length ? 'all' : signature(u.versions)}`;
  if (!chunkByKey.has(key)) chunkByKey.set(key, { file: `${key}.js`, uids: [] });
  const chunk = chunkByKey.get(key);
  chunk.uids.push(uid);
  chunkOf[uid] = [...chunkByKey.keys()].indexOf(key);
});
const chunks = [...chunkByKey.values()];

/**
 * Shrinks ajv's standalone code without changing what it checks or reports (instancePath,
 * keyword, params, message): drops `schemaPath` from error objects (kubecraft does not use it),
 * replaces the error-push boilerplate with a helper, and drops schema constants nothing reads.
 * About a quarter less code to parse on load.
 */
function compact(code) {
  let out = code
    .replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, '')
    .replace(
      /if\(vErrors === null\)\{vErrors = \[(err\d+)\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g,
      'vErrors = kcPush(vErrors, $1);errors++;',
    )
    .replace(/^"use strict";/, '"use strict";function kcPush(a, e) {if (a === null) return [e];a.push(e);return a;}');
  // ajv emits every schema as a constant; the code reads only a few (enum values)
  let result = '';
  let pos = 0;
  const re = /const (schema\d+) = \{/g;
  for (let m = re.exec(out); m; m = re.exec(out)) {
    const end = jsonEnd(out, m.index + m[0].length - 1);
    const stop = out[end] === ';' ? end + 1 : end;
    if (out.split(new RegExp(`\\b${m[1]}\\b`)).length === 2) {
      result += out.slice(pos, m.index);
      pos = stop;
    }
    re.lastIndex = stop;
  }
  return result + out.slice(pos);
}

/**
 * Adds to every "unknown field" error (ajv's additionalProperties error of a closed object) the
 * fields the object does have, as `params.known` (an array of names), so that kubecraft can
 * suggest the field a user probably meant ("did you mean 'dnsNames'?"). ajv checks a closed
 * object with a loop over its keys whose condition is either a chain of `key === "name"` (up to
 * eight properties) or `func2.call(<the schema's properties>, key)` (hasOwnProperty): the names
 * are taken from the chain, or read from the properties object only when the error is raised.
 * Fails when an additionalProperties error does not have one of these shapes.
 */
function withKnownFields(code) {
  const closedObject =
    /for\(const (key\d+) in (data\d*)\)\{if\(!\(((?:[^{};"]|"(?:[^"\\]|\\.)*")*?)\)\)\{const (err\d+) = \{(instancePath[^{}]*?),keyword:"additionalProperties",params:\{additionalProperty: \1\}/g;
  let rewritten = 0;
  const out = code.replace(closedObject, (_match, key, data, condition, err, at) => {
    let known;
    const lookup = new RegExp(
      `^func\\d+\\.call\\((schema\\d+(?:\\.[A-Za-z_$][\\w$]*|\\["(?:[^"\\\\]|\\\\.)*"\\])*), ${key}\\)$`,
    ).exec(condition);
    if (lookup) known = `Object.keys(${lookup[1]})`;
    else {
      const names = [...condition.matchAll(new RegExp(`${key} === ("(?:[^"\\\\]|\\\\.)*")`, 'g'))].map((m) => m[1]);
      const chain = condition.replace(new RegExp(`${key} === "(?:[^"\\\\]|\\\\.)*"`, 'g'), '').replace(/[()|\s]/g, '');
      if (names.length === 0 || chain !== '')
        throw new Error(`unexpected closed-object check in generated code: ${condition}`);
      known = `[${names.join(',')}]`;
    }
    rewritten++;
    return (
      `for(const ${key} in ${data}){if(!(${condition})){const ${err} = {${at},keyword:"additionalProperties",` +
      `params:{additionalProperty: ${key}, known: ${known}}`
    );
  });
  const total = (code.match(/keyword:"additionalProperties"/g) ?? []).length;
  if (rewritten !== total) throw new Error(`${total - rewritten} additionalProperties errors of an unexpected shape`);
  return out;
}

/** The index just after the JSON object or array that starts at `start`. */
function jsonEnd(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unbalanced JSON in generated code');
}

const GENERATED =
  '// GENERATED by scripts/generate-schema-validators.mjs: do not edit; regenerate with `npm run generate:schema -- <dir with v1.X.0-definitions.json>`.';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'chunks'), { recursive: true });
let codeBytes = 0;
for (const chunk of chunks) {
  const code = withKnownFields(
    compact(standaloneCode(ajv, Object.fromEntries(chunk.uids.map((uid) => [`u${uid}`, `${BASE}${uid}`])))),
  );
  const text = `${GENERATED}\n/* eslint-disable */\n${code}\n`;
  codeBytes += Buffer.byteLength(text);
  writeFileSync(join(outDir, 'chunks', chunk.file), text);
}

// ---- index: tables and a lazy loader per chunk ----
const inputsComment = [
  ...inputs.map((i) => `//   ${i.file}  Kubernetes ${i.kubernetesVersion}  sha256 ${i.sha256}`),
  ...crdInputs.map((i) => `//   ${i.file}  CRD  sha256 ${i.sha256}`),
].join('\n');
const header = `${GENERATED}\n// Inputs:\n${inputsComment}\n`;
const kindKeys = [
  ...new Set([...Object.values(kindsByVersion).flatMap((k) => Object.keys(k)), ...Object.keys(crdKinds)]),
];
kindKeys.sort();
const indexJs = `${header}'use strict';
/* eslint-disable */
/** The Kubernetes versions with schemas, oldest first. */
exports.KUBERNETES_VERSIONS = ${JSON.stringify(versions)};
/** The inputs the generator read: file name, Kubernetes version (CRDs: none), sha256. */
exports.INPUTS = ${JSON.stringify([...inputs, ...crdInputs.map((c) => ({ ...c, kubernetesVersion: null }))])};
// The tables are JSON strings: JSON.parse is faster than parsing the same literals as code, and
// only the version in use is parsed.
/** Per version (JSON): the distinct compiled schema (uid) of each name index, -1 where absent. */
exports.UIDS = {
${versions.map((v) => `  '${v}': '${JSON.stringify(names.map((_n, i) => uidsByVersion[v][i] ?? -1))}',`).join('\n')}
};
/** Every \`<apiVersion>/<kind>\` some version (or an imported CRD) has a schema for (JSON). */
exports.KIND_KEYS = '${JSON.stringify(kindKeys)}';
/** Per version (JSON): the name index of each KIND_KEYS entry, -1 where the version lacks it. */
exports.KINDS = {
${versions
  .map((v) => `  '${v}': '${JSON.stringify(kindKeys.map((k) => kindsByVersion[v][k] ?? crdKinds[k] ?? -1))}',`)
  .join('\n')}
};
/** The chunk holding each uid's validator, exported as \`u<uid>\` (JSON). */
exports.CHUNK_OF = '${JSON.stringify(chunkOf)}';
/** Requires chunk \`i\` (static requires, so bundlers include them; each runs on first use). */
exports.loadChunk = function loadChunk(i) {
  switch (i) {
${chunks.map((c, i) => `    case ${i}:\n      return require('./chunks/${c.file}');`).join('\n')}
    default:
      throw new Error('kubecraft: no schema chunk ' + i);
  }
};
`;
writeFileSync(join(outDir, 'index.js'), indexJs);

const versionUnion = versions.map((v) => `'${v}'`).join(', ');
const indexDts = `${header}
/** The Kubernetes versions with schemas, oldest first. */
export declare const KUBERNETES_VERSIONS: readonly [${versionUnion}];
/** The inputs the generator read: file name, Kubernetes version (CRDs: null), sha256. */
export declare const INPUTS: ReadonlyArray<{ file: string; kubernetesVersion: string | null; sha256: string }>;
/** Per version (JSON of number[]): the distinct compiled schema (uid) of each name index, -1 where absent. */
export declare const UIDS: Readonly<Record<(typeof KUBERNETES_VERSIONS)[number], string>>;
/** Every \`<apiVersion>/<kind>\` some version (or an imported CRD) has a schema for (JSON of string[]). */
export declare const KIND_KEYS: string;
/** Per version (JSON of number[]): the name index of each KIND_KEYS entry, -1 where the version lacks it. */
export declare const KINDS: Readonly<Record<(typeof KUBERNETES_VERSIONS)[number], string>>;
/** The chunk holding each uid's validator, exported as \`u<uid>\` (JSON of number[]). */
export declare const CHUNK_OF: string;
/** A compiled validator as generated: call it with a version context as \`this\`. */
export interface GeneratedValidator {
  (this: unknown, data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null;
}
/** Requires chunk \`i\`: its validators, exported as \`u<uid>\`. */
export declare function loadChunk(i: number): Readonly<Record<string, GeneratedValidator>>;
`;
writeFileSync(join(outDir, 'index.d.ts'), indexDts);

// ---- which apiVersion/kind each version serves (for apiLifecycle) ----
const servedKeys = Object.keys(served).sort();
const lifecycleJs = `${header}'use strict';
/* eslint-disable */
/** Per \`<apiVersion>/<kind>\` in the definitions: the versions whose definitions have it. */
exports.SERVED_IN = {
${servedKeys.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(served[k])},`).join('\n')}
};
/** The \`<apiVersion>/<kind>\` of the imported CRDs (served wherever the CRD is installed). */
exports.CRD_KINDS = ${JSON.stringify(Object.keys(crdKinds).sort())};
`;
writeFileSync(join(outDir, 'served.js'), lifecycleJs);
writeFileSync(
  join(outDir, 'served.d.ts'),
  `${header}
/** Per \`<apiVersion>/<kind>\` in the definitions: the versions whose definitions have it. */
export declare const SERVED_IN: Readonly<Record<string, readonly string[]>>;
/** The \`<apiVersion>/<kind>\` of the imported CRDs (served wherever the CRD is installed). */
export declare const CRD_KINDS: readonly string[];
`,
);

for (const note of notes) console.log(`note: ${note}`);
const perVersion = versions.map((v) => new Set(Object.values(uidsByVersion[v])).size);
console.log(
  `wrote ${outDir}: ${versions.length} versions (${versions[0]}–${versions[versions.length - 1]}), ` +
    `${kindKeys.length} kinds, ${uniques.length} distinct schemas (${perVersion.join('+')} = ` +
    `${perVersion.reduce((a, b) => a + b)} before sharing), ${chunks.length} chunks, ${(codeBytes / 1024).toFixed(0)} KiB of code`,
);
