import { CRD_KINDS, SERVED_IN } from './generated/served';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, minorOf, toKubernetesVersion } from './versions';

/** Whether a Kubernetes version serves an apiVersion/kind, and what to use instead if not. */
export interface ApiLifecycle {
  /**
   * `served`: the version serves it; `deprecated`: served, but a replacement is served too and a
   * later release stops serving it; `removed`: no longer served; `unknown`: not a kind this
   * version (or an earlier one) serves, e.g. misspelt, a custom resource whose CRD was not
   * imported, or an API added later (see `introducedIn`).
   */
  readonly status: 'served' | 'deprecated' | 'removed' | 'unknown';
  /**
   * For `deprecated`: the release since which the replacement is available (per the guide, else
   * the first release in the definitions, 1.27 at the earliest, that serves it).
   */
  readonly deprecatedIn?: string;
  /** The first release that no longer serves it (also set for a served API with a known end). */
  readonly removedIn?: string;
  /** The apiVersion to migrate to (same kind), when there is one. */
  readonly replacement?: string;
  /** For `unknown`: the first release that serves it, when a later one does. */
  readonly introducedIn?: string;
  /** Migration advice when there is no same-kind replacement. */
  readonly note?: string;
}

interface Removal {
  removedIn: string;
  /** Where to migrate, by preference: apiVersion and the guide's "available since". */
  replacements: ReadonlyArray<{ apiVersion: string; since: string }>;
  note?: string;
}

/**
 * Removals from the official "Deprecated API Migration Guide",
 * https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (source:
 * kubernetes/website, content/en/docs/reference/using-api/deprecation-guide.md, sections
 * "Removed APIs by release" v1.16 … v1.32): `<apiVersion>/<kind>` → the release that stopped
 * serving it, the apiVersion to migrate to and since when that is available. Removals the guide
 * does not list (alpha APIs, beta APIs replaced within 1.27–1.36) are derived from the
 * definitions: see {@link SERVED_IN}.
 */
const GUIDE_REMOVALS: Readonly<Record<string, Removal>> = {
  // v1.32
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema': flowcontrolV1('1.32'),
  'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration': flowcontrolV1('1.32'),
  // v1.29 (the guide: migrate to v1, available since v1.29, or v1beta3, available since v1.26)
  'flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema': flowcontrolV1('1.29', true),
  'flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration': flowcontrolV1('1.29', true),
  // v1.27
  'storage.k8s.io/v1beta1/CSIStorageCapacity': removal('1.27', 'storage.k8s.io/v1', '1.24'),
  // v1.26
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': removal('1.26', 'flowcontrol.apiserver.k8s.io/v1beta2', ''),
  'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration': removal(
    '1.26',
    'flowcontrol.apiserver.k8s.io/v1beta2',
    '',
  ),
  'autoscaling/v2beta2/HorizontalPodAutoscaler': removal('1.26', 'autoscaling/v2', '1.23'),
  // v1.25
  'batch/v1beta1/CronJob': removal('1.25', 'batch/v1', '1.21'),
  'discovery.k8s.io/v1beta1/EndpointSlice': removal('1.25', 'discovery.k8s.io/v1', '1.21'),
  'events.k8s.io/v1beta1/Event': removal('1.25', 'events.k8s.io/v1', '1.19'),
  'autoscaling/v2beta1/HorizontalPodAutoscaler': removal('1.25', 'autoscaling/v2', '1.23'),
  'policy/v1beta1/PodDisruptionBudget': removal('1.25', 'policy/v1', '1.21'),
  'policy/v1beta1/PodSecurityPolicy': {
    removedIn: '1.25',
    replacements: [],
    note: 'migrate to Pod Security Admission or a third-party admission webhook',
  },
  'node.k8s.io/v1beta1/RuntimeClass': removal('1.25', 'node.k8s.io/v1', '1.20'),
  // v1.22
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': removal(
    '1.22',
    'admissionregistration.k8s.io/v1',
    '1.16',
  ),
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': removal(
    '1.22',
    'admissionregistration.k8s.io/v1',
    '1.16',
  ),
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': removal('1.22', 'apiextensions.k8s.io/v1', '1.16'),
  'apiregistration.k8s.io/v1beta1/APIService': removal('1.22', 'apiregistration.k8s.io/v1', '1.10'),
  'authentication.k8s.io/v1beta1/TokenReview': removal('1.22', 'authentication.k8s.io/v1', '1.6'),
  'authorization.k8s.io/v1beta1/LocalSubjectAccessReview': removal('1.22', 'authorization.k8s.io/v1', '1.6'),
  'authorization.k8s.io/v1beta1/SelfSubjectAccessReview': removal('1.22', 'authorization.k8s.io/v1', '1.6'),
  'authorization.k8s.io/v1beta1/SubjectAccessReview': removal('1.22', 'authorization.k8s.io/v1', '1.6'),
  'authorization.k8s.io/v1beta1/SelfSubjectRulesReview': removal('1.22', 'authorization.k8s.io/v1', '1.6'),
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': removal('1.22', 'certificates.k8s.io/v1', '1.19'),
  'coordination.k8s.io/v1beta1/Lease': removal('1.22', 'coordination.k8s.io/v1', '1.14'),
  'extensions/v1beta1/Ingress': removal('1.22', 'networking.k8s.io/v1', '1.19'),
  'networking.k8s.io/v1beta1/Ingress': removal('1.22', 'networking.k8s.io/v1', '1.19'),
  'networking.k8s.io/v1beta1/IngressClass': removal('1.22', 'networking.k8s.io/v1', '1.19'),
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': removal('1.22', 'rbac.authorization.k8s.io/v1', '1.8'),
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': removal('1.22', 'rbac.authorization.k8s.io/v1', '1.8'),
  'rbac.authorization.k8s.io/v1beta1/Role': removal('1.22', 'rbac.authorization.k8s.io/v1', '1.8'),
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': removal('1.22', 'rbac.authorization.k8s.io/v1', '1.8'),
  'scheduling.k8s.io/v1beta1/PriorityClass': removal('1.22', 'scheduling.k8s.io/v1', '1.14'),
  'storage.k8s.io/v1beta1/CSIDriver': removal('1.22', 'storage.k8s.io/v1', '1.19'),
  'storage.k8s.io/v1beta1/CSINode': removal('1.22', 'storage.k8s.io/v1', '1.17'),
  'storage.k8s.io/v1beta1/StorageClass': removal('1.22', 'storage.k8s.io/v1', '1.6'),
  'storage.k8s.io/v1beta1/VolumeAttachment': removal('1.22', 'storage.k8s.io/v1', '1.13'),
  // v1.16
  'extensions/v1beta1/NetworkPolicy': removal('1.16', 'networking.k8s.io/v1', '1.8'),
  'extensions/v1beta1/DaemonSet': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta2/DaemonSet': removal('1.16', 'apps/v1', '1.9'),
  'extensions/v1beta1/Deployment': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta1/Deployment': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta2/Deployment': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta1/StatefulSet': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta2/StatefulSet': removal('1.16', 'apps/v1', '1.9'),
  'extensions/v1beta1/ReplicaSet': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta1/ReplicaSet': removal('1.16', 'apps/v1', '1.9'),
  'apps/v1beta2/ReplicaSet': removal('1.16', 'apps/v1', '1.9'),
  // the guide: policy/v1beta1 PodSecurityPolicy, the replacement, was itself removed in v1.25
  'extensions/v1beta1/PodSecurityPolicy': {
    removedIn: '1.16',
    replacements: [],
    note: 'PodSecurityPolicy was removed altogether in 1.25: migrate to Pod Security Admission',
  },
};

/** A removal with one replacement, available since `since` ('' when the guide does not say). */
function removal(removedIn: string, apiVersion: string, since: string): Removal {
  return { removedIn, replacements: [{ apiVersion, since }] };
}

function flowcontrolV1(removedIn: string, orV1beta3 = false): Removal {
  const v1 = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' };
  const v1beta3 = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' };
  return { removedIn, replacements: orV1beta3 ? [v1, v1beta3] : [v1] };
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
function versionRank(apiVersion: string): number {
  const m = /v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion);
  if (!m) return 0;
  const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

function splitKey(key: string): { apiVersion: string; kind: string } {
  const slash = key.lastIndexOf('/');
  return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The best newer apiVersion of the same group and kind that `version` serves. */
function servedAlternative(apiVersion: string, kind: string, version: string): string | undefined {
  const group = groupOf(apiVersion);
  const rank = versionRank(apiVersion);
  return Object.keys(SERVED_IN)
    .map(splitKey)
    .filter((k) => k.kind === kind && groupOf(k.apiVersion) === group && versionRank(k.apiVersion) > rank)
    .filter((k) => SERVED_IN[`${k.apiVersion}/${k.kind}`].includes(version))
    .map((k) => k.apiVersion)
    .sort((a, b) => versionRank(b) - versionRank(a))[0];
}

/** The first release in the definitions after the last one serving `servedIn`, if any. */
function derivedRemoval(servedIn: readonly string[]): string | undefined {
  const last = minorOf(servedIn[servedIn.length - 1]);
  return (KUBERNETES_VERSIONS as readonly string[]).find((v) => minorOf(v) > last);
}

/**
 * Whether Kubernetes `version` (default {@link DEFAULT_KUBERNETES_VERSION}) serves `apiVersion`
 * `kind`, from the official definitions of 1.27–1.36 and the Deprecated API Migration Guide
 * (removals before 1.27 included). E.g. `apiLifecycle('policy/v1beta1', 'PodDisruptionBudget')`
 * is `{ status: 'removed', removedIn: '1.25', replacement: 'policy/v1' }`. Imported CRDs are
 * `served`. Alpha APIs count as served in the versions that define them, although a cluster
 * serves them only when enabled. Throws on an unsupported `version`.
 */
export function apiLifecycle(
  apiVersion: string,
  kind: string,
  version: string = DEFAULT_KUBERNETES_VERSION,
): ApiLifecycle {
  // a pure function of its arguments, asked once per validated object: remembered
  const key = `${version}|${apiVersion}|${kind}`;
  let life = LIFECYCLES.get(key);
  if (!life) {
    life = Object.freeze(lifecycleOf(apiVersion, kind, version));
    LIFECYCLES.set(key, life);
  }
  return life;
}

const LIFECYCLES = new Map<string, ApiLifecycle>();

function lifecycleOf(apiVersion: string, kind: string, version: string): ApiLifecycle {
  const v = toKubernetesVersion(version);
  const q = minorOf(v);
  const key = `${apiVersion}/${kind}`;
  if (CRD_KINDS.includes(key)) return { status: 'served' };
  const servedIn = Object.prototype.hasOwnProperty.call(SERVED_IN, key) ? SERVED_IN[key] : undefined;
  const guide = Object.prototype.hasOwnProperty.call(GUIDE_REMOVALS, key) ? GUIDE_REMOVALS[key] : undefined;
  const removedIn = guide?.removedIn ?? (servedIn ? derivedRemoval(servedIn) : undefined);
  const note = guide?.note ? { note: guide.note } : {};

  const replacement = replacementAt(apiVersion, kind, v, guide);
  if (servedIn?.includes(v)) {
    if (removedIn === undefined) return { status: 'served' };
    if (replacement && SERVED_IN[`${replacement.apiVersion}/${kind}`]?.includes(v))
      return {
        status: 'deprecated',
        deprecatedIn: replacement.since,
        removedIn,
        replacement: replacement.apiVersion,
        ...note,
      };
    return { status: 'served', removedIn, ...note };
  }
  if (removedIn !== undefined && minorOf(removedIn) <= q) {
    return { status: 'removed', removedIn, ...(replacement ? { replacement: replacement.apiVersion } : {}), ...note };
  }
  if (servedIn && minorOf(servedIn[0]) > q) return { status: 'unknown', introducedIn: servedIn[0] };
  return { status: 'unknown' };
}

/**
 * What to migrate to in `version`: the guide's first replacement served there (or any, for
 * releases before the definitions), else the best other apiVersion of the kind served there.
 */
function replacementAt(
  apiVersion: string,
  kind: string,
  version: string,
  guide: Removal | undefined,
): { apiVersion: string; since: string } | undefined {
  for (const r of guide?.replacements ?? []) {
    const servedIn = SERVED_IN[`${r.apiVersion}/${kind}`];
    if (servedIn?.includes(version)) return { apiVersion: r.apiVersion, since: r.since || servedIn[0] };
  }
  if (guide && guide.replacements.length > 0) {
    const best = servedAlternative(apiVersion, kind, version);
    return best
      ? { apiVersion: best, since: SERVED_IN[`${best}/${kind}`][0] }
      : { apiVersion: guide.replacements[0].apiVersion, since: guide.replacements[0].since };
  }
  if (guide) return undefined;
  const best = servedAlternative(apiVersion, kind, version);
  return best ? { apiVersion: best, since: SERVED_IN[`${best}/${kind}`][0] } : undefined;
}

/** The Deprecated API Migration Guide's removals, `<apiVersion>/<kind>` → release (for tests). */
export function guideRemovals(): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(GUIDE_REMOVALS).map(([k, r]) => [k, r.removedIn]));
}
