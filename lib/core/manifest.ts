/**
 * The manifest model: a synthesized Kubernetes object as plain JSON, and safe ways to read it.
 *
 * This is the bottom layer of kubecraft (`lib/core/`): it imports nothing from the rest of
 * the library, and everything else reads manifests through it.
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** The metadata of a manifest. */
export interface ManifestMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** A synthesized Kubernetes manifest, as plain JSON. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ManifestMetadata;
  readonly [key: string]: unknown;
}

/** `value` as a JSON object, or undefined when it is not one (null, an array, a scalar). */
export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** `value` as an array, or an empty array when it is not one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads the value at `path` in `obj`, or undefined when any segment is missing. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as JsonObject)[seg];
  }
  return cur;
}

/** The API group of an apiVersion: `apps` for `apps/v1`, '' for the core group (`v1`). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash >= 0 ? apiVersion.slice(0, slash) : '';
}

/** Sets `obj[key]`, placing a new key where alphabetical order puts it (cdk8s writes keys sorted). */
export function insertSorted(obj: JsonObject, key: string, value: unknown): void {
  const entries = Object.entries(obj);
  const at = entries.findIndex(([k]) => k > key);
  entries.splice(at < 0 ? entries.length : at, 0, [key, value]);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) obj[k] = v;
}
