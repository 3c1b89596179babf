import { Manifest, PodSpecLocation, podSpecOf } from '../../core';
import { dns1035LabelProblems, pathSegmentProblems } from '../../values/api-names';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
} from '../../values/dns-name';
import { FieldPath } from '../field-path';
import { invalid, Problem, required, tooLong } from '../problem';
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
  ctx.reportAll(obj, metadataProblems(obj.manifest, ctx.inputOf(obj).pod?.location));
}

/** The problems of an object's metadata and of its pod template's (`pod`: its pod spec, when already read). */
export function metadataProblems(m: Manifest, pod: PodSpecLocation | undefined = podSpecOf(m)): Problem[] {
  const meta = asObject(m.metadata) ?? {};
  const metadata = FieldPath.root('metadata');
  const problems = nameProblems(m.kind, meta.name, metadata.child('name'));
  const ns = meta.namespace;
  if (ns !== undefined) {
    const nsName = asString(ns);
    for (const p of nsName === undefined ? ['must be a string'] : dns1123LabelProblems(nsName))
      problems.push(
        invalid(
          metadata.child('namespace'),
          `'${display(ns)}' ${p}`,
          'use a DNS-1123 label as namespace',
          'values/name',
        ),
      );
  }
  problems.push(...labelProblems(meta.labels, metadata.child('labels')));
  problems.push(...annotationProblems(meta.annotations, metadata.child('annotations')));
  if (pod && m.kind !== 'Pod') {
    const podMetadata = FieldPath.root(pod.metadataField);
    problems.push(...labelProblems(pod.metadata?.labels, podMetadata.child('labels')));
    problems.push(...annotationProblems(pod.metadata?.annotations, podMetadata.child('annotations')));
  }
  return problems;
}

function nameProblems(kind: string, value: unknown, field: FieldPath): Problem[] {
  const name = asString(value);
  if (name === undefined || name.length === 0)
    return [
      required(
        field,
        'metadata.name is missing',
        'give the object a name (metadata.name) or let the chart generate one',
        'values/name',
      ),
    ];
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
  return problems.map((p) => invalid(field, `'${name}' ${p}`, hint, 'values/name'));
}

/** The problems of the label keys and values of a label map (`metadata.labels`, `nodeSelector`, a Service selector) at `field`. */
export function labelProblems(labels: unknown, field: FieldPath): Problem[] {
  const map = asObject(labels);
  if (!map) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(map)) {
    const at = field.key(key);
    for (const p of labelKeyProblems(key))
      problems.push(
        invalid(
          at,
          `label key '${key}': ${p}`,
          "use an optional DNS prefix and a name of alphanumerics, '-', '_' or '.' (e.g. 'app.kubernetes.io/name')",
          'values/label',
        ),
      );
    if (typeof value === 'string')
      for (const p of labelValueProblems(value))
        problems.push(
          invalid(at, `label value '${value}': ${p}`, 'shorten the value or move it to an annotation', 'values/label'),
        );
  }
  return problems;
}

function annotationProblems(annotations: unknown, field: FieldPath): Problem[] {
  const map = asObject(annotations);
  if (!map) return [];
  const problems: Problem[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(map)) {
    // The API server lowercases annotation keys before the qualified-name check.
    for (const p of labelKeyProblems(key.toLowerCase()))
      problems.push(
        invalid(
          field.key(key),
          `annotation key '${key}': ${p}`,
          'use an optional DNS prefix and a valid name',
          'values/label',
        ),
      );
    size += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (size > ANNOTATION_SIZE_LIMIT)
    problems.push(
      tooLong(
        field,
        `annotations total ${size} bytes, more than the ${ANNOTATION_SIZE_LIMIT} bytes (256 KiB) the API server allows`,
        'move large data into a ConfigMap and reference it',
        'values/annotation-size',
      ),
    );
  return problems;
}
