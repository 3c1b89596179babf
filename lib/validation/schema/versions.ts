import { KUBERNETES_VERSIONS as GENERATED_VERSIONS } from './generated/index';

/** The Kubernetes versions kubecraft has schemas for, oldest first: '1.27' … '1.36'. */
export const KUBERNETES_VERSIONS = GENERATED_VERSIONS;

/** A Kubernetes minor version kubecraft can validate for, e.g. '1.33'. */
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/**
 * The version validated for when none is given: 1.35, the oldest minor release still in upstream
 * support on 2026-11-22 (the project maintains the three most recent minor releases, each for
 * about 14 months: 1.34, released 2025-08, reached end of life in 2026-10). Valid manifests for
 * the oldest supported release are, apart from removed APIs, valid for the newer ones too.
 */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = '1.35';

/** Whether `v` is one of {@link KUBERNETES_VERSIONS} (a string such as '1.33'). */
export function isKubernetesVersion(v: unknown): v is KubernetesVersion {
  return typeof v === 'string' && (KUBERNETES_VERSIONS as readonly string[]).includes(v);
}

/** `v` as a KubernetesVersion; throws, naming the supported ones, when it is not one. */
export function toKubernetesVersion(v: string): KubernetesVersion {
  if (isKubernetesVersion(v)) return v;
  throw new Error(
    `kubecraft: unsupported Kubernetes version '${v}'; supported: ${KUBERNETES_VERSIONS.join(', ')} (minor versions, e.g. '1.33')`,
  );
}

/** The minor number of a version: 33 for '1.33'. */
export function minorOf(v: string): number {
  return Number(v.split('.')[1]);
}
