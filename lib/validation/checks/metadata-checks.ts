import { podSpecOf } from '../../core';
import { dns1035LabelProblems, pathSegmentProblems } from '../../values/api-names';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
} from '../../values/dns-name';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { display, asObject, asString } from './shape';

/** Kinds whose names are DNS-1123 labels (`NameIsDNSLabel`). StatefulSets since 1.27. */
const DNS_LABEL_NAMED_KINDS = new Set(['Namespace', 'StatefulSet']);
/** Kinds whose names are DNS-1035 labels (`ValidateServiceName`). */
const DNS1035_NAMED_KINDS = new Set(['Service']);
/** Kinds whose names are only path segments: RBAC (`ValidateRBACName`) and PDBs (no kind-specific rule). */
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'PodDisruptionBudget']);
/** `TotalAnnotationSizeLimitB`: 256 KiB, keys and values counted. */
const ANNOTATION_SIZE_LIMIT = 256 * 1024;
/** CronJob names: at most 63 - 11 characters (`ValidateCronJobCreate`), room for the Job suffix. */
const CRON_JOB_NAME_MAX = 52;

/** Checks metadata: names, namespaces, labels, annotation keys and sizes (the object's and its pod template's). */
export function checkMetadata(ctx: ValidationContext, obj: ObjectToValidate): void {
  const m = obj.manifest;
  const meta = asObject(m.metadata) ?? {};
  checkName(ctx, obj, meta.name);
  const ns = meta.namespace;
  if (ns !== undefined) {
    const nsName = asString(ns);
    const problems = nsName === undefined ? ['must be a string'] : dns1123LabelProblems(nsName);
    for (const p of problems)
      ctx.report(
        obj,
        'values/name',
        'metadata.namespace',
        `'${display(ns)}' ${p}`,
        'use a DNS-1123 label as namespace',
      );
  }
  checkLabels(ctx, obj, meta.labels, 'metadata.labels');
  checkAnnotations(ctx, obj, meta.annotations, 'metadata.annotations');
  const pod = podSpecOf(m);
  if (pod && m.kind !== 'Pod') {
    checkLabels(ctx, obj, pod.metadata?.labels, `${pod.metadataField}.labels`);
    checkAnnotations(ctx, obj, pod.metadata?.annotations, `${pod.metadataField}.annotations`);
  }
}

function checkName(ctx: ValidationContext, obj: ObjectToValidate, value: unknown): void {
  const kind = obj.manifest.kind;
  const name = asString(value);
  if (name === undefined || name.length === 0) {
    ctx.report(
      obj,
      'values/name',
      'metadata.name',
      'metadata.name is missing',
      'give the object a name (metadata.name) or let the chart generate one',
    );
    return;
  }
  let problems: string[];
  let hint = "use lowercase letters, digits and '-' (e.g. 'my-app')";
  if (PATH_SEGMENT_KINDS.has(kind)) problems = pathSegmentProblems(name);
  else if (DNS1035_NAMED_KINDS.has(kind)) {
    problems = dns1035LabelProblems(name);
    hint = "start with a letter, then lowercase letters, digits and '-', no dots (e.g. 'web-svc')";
  } else if (DNS_LABEL_NAMED_KINDS.has(kind)) problems = dns1123LabelProblems(name);
  else problems = dns1123SubdomainProblems(name);
  if (kind === 'CronJob' && name.length > CRON_JOB_NAME_MAX) {
    problems = [...problems, `must be no more than ${CRON_JOB_NAME_MAX} characters for a CronJob (is ${name.length})`];
    hint = 'shorten the name: the CronJob controller appends an 11-character suffix to name its Jobs';
  }
  for (const p of problems) ctx.report(obj, 'values/name', 'metadata.name', `'${name}' ${p}`, hint);
}

/** Checks label keys and values of a label map (`metadata.labels`, `nodeSelector`, a Service selector). */
export function checkLabels(ctx: ValidationContext, obj: ObjectToValidate, labels: unknown, field: string): void {
  const map = asObject(labels);
  if (!map) return;
  for (const [key, value] of Object.entries(map)) {
    for (const p of labelKeyProblems(key))
      ctx.report(
        obj,
        'values/label',
        `${field}['${key}']`,
        `label key '${key}': ${p}`,
        "use an optional DNS prefix and a name of alphanumerics, '-', '_' or '.' (e.g. 'app.kubernetes.io/name')",
      );
    if (typeof value === 'string') {
      for (const p of labelValueProblems(value))
        ctx.report(
          obj,
          'values/label',
          `${field}['${key}']`,
          `label value '${value}': ${p}`,
          'shorten the value or move it to an annotation',
        );
    }
  }
}

function checkAnnotations(ctx: ValidationContext, obj: ObjectToValidate, annotations: unknown, field: string): void {
  const map = asObject(annotations);
  if (!map) return;
  let size = 0;
  for (const [key, value] of Object.entries(map)) {
    // The API server lowercases annotation keys before the qualified-name check.
    for (const p of labelKeyProblems(key.toLowerCase()))
      ctx.report(
        obj,
        'values/label',
        `${field}['${key}']`,
        `annotation key '${key}': ${p}`,
        'use an optional DNS prefix and a valid name',
      );
    size += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (size > ANNOTATION_SIZE_LIMIT)
    ctx.report(
      obj,
      'values/annotation-size',
      field,
      `annotations total ${size} bytes, more than the ${ANNOTATION_SIZE_LIMIT} bytes (256 KiB) the API server allows`,
      'move large data into a ConfigMap and reference it',
    );
}
