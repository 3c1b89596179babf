import diff from 'microdiff';
import { CONFIG_HASH_ANNOTATION, getPath, Manifest, podSpecPath } from '../../core';
import { LocatedChange } from './field-changes';
import { propertyNames } from './keyed-arrays';
import { ROLLOUT_REASONS, RolloutReason, WorkloadRollout } from './model';

export { ROLLOUT_REASONS } from './model';
export type { RolloutReason, WorkloadRollout } from './model';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const CONTAINER_FIELD_REASONS: Readonly<Record<string, RolloutReason>> = {
  image: 'image',
  env: 'env',
  envFrom: 'env',
  resources: 'resources',
  command: 'command/args',
  args: 'command/args',
  livenessProbe: 'probes',
  readinessProbe: 'probes',
  startupProbe: 'probes',
  volumeMounts: 'volumes',
  volumeDevices: 'volumes',
};

/** The reason for a change at property path `names` relative to the pod template; undefined outside it (bare Pods). */
function reasonFor(names: readonly string[], bare: boolean): RolloutReason | undefined {
  const [top, field, sub] = names;
  if (top === 'metadata') {
    // A bare Pod's labels and annotations change in place; nothing restarts.
    if (bare) return undefined;
    if (field === 'labels') return 'labels';
    if (field === 'annotations') return sub === CONFIG_HASH_ANNOTATION ? 'config hash' : 'other';
    return 'other';
  }
  if (top === 'spec') {
    if (CONTAINER_LISTS.has(field)) return sub === undefined ? 'containers' : (CONTAINER_FIELD_REASONS[sub] ?? 'other');
    if (field === 'volumes') return 'volumes';
    return 'other';
  }
  return bare ? undefined : 'other';
}

/** Whether a change at `names` is too coarse to classify (a whole template, metadata or annotations map). */
function tooCoarse(names: readonly string[]): boolean {
  return names.length < 2 || (names.length === 2 && names[0] === 'metadata' && names[1] === 'annotations');
}

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function classify(names: string[], before: unknown, after: unknown, bare: boolean, out: Set<RolloutReason>): void {
  if (tooCoarse(names) && (typeof before === 'object' || typeof after === 'object')) {
    for (const d of diff(asObject(before), asObject(after))) {
      const sub = d.path.filter((p): p is string => typeof p === 'string');
      classify(
        [...names, ...sub],
        d.type === 'CREATE' ? undefined : d.oldValue,
        d.type === 'REMOVE' ? undefined : d.value,
        bare,
        out,
      );
    }
    return;
  }
  const reason = reasonFor(names, bare);
  if (reason) out.add(reason);
}

function noteFor(kind: string, after: Manifest): string | undefined {
  const spec = asObject(after.spec);
  switch (kind) {
    case 'ReplicaSet':
    case 'ReplicationController':
      return `a ${kind} does not replace running pods; only pods it creates from now on use the new template`;
    case 'Job':
      return "a Job's pod template is immutable (but for a few fields of suspended Jobs): apply fails; delete the Job (or rename it) to run the new template";
    case 'CronJob':
      return 'Jobs already started keep their template; Jobs created from now on use the new one';
    case 'Pod':
      return 'a bare Pod is not rolled: an image change restarts the container in place, most other pod spec changes are rejected (delete and recreate the Pod)';
    case 'StatefulSet':
    case 'DaemonSet':
      return asObject(spec.updateStrategy).type === 'OnDelete'
        ? 'updateStrategy OnDelete: pods are replaced only when they are deleted'
        : undefined;
    case 'Deployment':
      return spec.paused === true ? 'the Deployment is paused: pods roll once it is resumed' : undefined;
    default:
      return undefined;
  }
}

/**
 * What `changes` (of a resource of `kind`, now `after`) do to its pods: whether the pod template
 * changed and why. Undefined when the kind has no pod template. For a bare Pod only its `spec`
 * counts (its labels and annotations change in place).
 */
export function rolloutOf(
  kind: string,
  after: Manifest,
  changes: readonly LocatedChange[],
): WorkloadRollout | undefined {
  const specPath = podSpecPath(kind);
  if (!specPath) return undefined;
  const template = specPath.slice(0, -1);
  const bare = template.length === 0;
  const reasons = new Set<RolloutReason>();
  for (const { segments, field } of changes) {
    const names = propertyNames(segments);
    const outerLength = Math.min(names.length, template.length);
    // Only property steps may lead to the template; a keyed or indexed step before it means elsewhere.
    if (segments.slice(0, outerLength).some((s) => !('prop' in s))) continue;
    if (names.slice(0, outerLength).some((n, i) => n !== template[i])) continue;
    if (names.length >= template.length) {
      classify(names.slice(template.length), field.before, field.after, bare, reasons);
    } else {
      // A change above the template (it appeared or went wholesale): classify what is inside.
      const rest = template.slice(names.length);
      classify([], getPath(field.before, rest), getPath(field.after, rest), bare, reasons);
    }
  }
  const ordered = ROLLOUT_REASONS.filter((r) => reasons.has(r));
  const note = ordered.length > 0 ? noteFor(kind, after) : undefined;
  return { rollsPods: ordered.length > 0, reasons: ordered, ...(note ? { note } : {}) };
}
