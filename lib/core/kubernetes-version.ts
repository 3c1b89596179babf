import { RUN_VARIABLES } from './run-context';
/**
 * The Kubernetes versions kubecraft validates for, and how to compare them.
 */

/** Every Kubernetes minor version kubecraft can validate for, oldest first. */
export const KUBERNETES_VERSIONS = [
  '1.27',
  '1.28',
  '1.29',
  '1.30',
  '1.31',
  '1.32',
  '1.33',
  '1.34',
  '1.35',
  '1.36',
] as const;

/** A Kubernetes minor version kubecraft can validate for, e.g. `'1.33'`. */
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/**
 * The version validated for when none is given: 1.35, the oldest minor release still in upstream
 * support on 2026-11-22 (the project maintains the three most recent minor releases, each for
 * about 14 months: 1.34, released 2025-08, reached end of life in 2026-10). Set
 * `KubecraftApp`'s `kubernetesVersion` to the version your clusters run.
 */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.35';

/** Whether `v` is a version kubecraft can validate for. */
export function isKubernetesVersion(v: unknown): v is KubernetesVersion {
  return typeof v === 'string' && (KUBERNETES_VERSIONS as readonly string[]).includes(v);
}

/** `v` as a KubernetesVersion; throws, naming the supported ones, when it is not one. */
export function toKubernetesVersion(v: string): KubernetesVersion {
  if (isKubernetesVersion(v)) return v;
  throw new Error(
    `unsupported Kubernetes version '${v}'; supported: ${KUBERNETES_VERSIONS.join(', ')} (minor versions, e.g. '1.33')`,
  );
}

/** The minor number of a `1.x` version string (`33` for `'1.33'`). */
export function minorOf(version: string): number {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a Kubernetes minor version: '${version}' (expected e.g. '1.33')`);
  return Number(m[1]);
}

/** Whether `version` is `since` or later (`atLeast('1.30', '1.29')` is true). */
export function atLeast(version: string, since: string): boolean {
  return minorOf(version) >= minorOf(since);
}

/** The environment variable that overrides `KubecraftAppProps.kubernetesVersion` (set by `--kubernetes-version`). */
export const KUBERNETES_VERSION_VARIABLE = RUN_VARIABLES.kubernetesVersion;
