import { randomBytes } from 'crypto';

/**
 * A map kept for the whole process on `globalThis` under `Symbol.for(key)`: `kubecraft synth
 * --watch` reloads the app's bundle every cycle (and with it, in a project that bundles
 * kubecraft itself, the library), and what a cache remembers must outlive the reload.
 */
export function processMemo<K, V>(key: string): Map<K, V> {
  const g = globalThis as Record<symbol, Map<K, V> | undefined>;
  return (g[Symbol.for(key)] ??= new Map<K, V>());
}

/**
 * Sets `key` to `value` in `memo` as its most recently used entry (a Map iterates in insertion
 * order), then drops the least recently used entries beyond `limit`.
 */
export function rememberRecent<K, V>(memo: Map<K, V>, key: K, value: V, limit: number): void {
  memo.delete(key);
  memo.set(key, value);
  for (const oldest of memo.keys()) {
    if (memo.size <= limit) break;
    memo.delete(oldest);
  }
}

/**
 * A token of this copy of the library, new each time its modules load: part of the keys of
 * what a process memo remembers from kubecraft's own code (another copy's checks or serializer
 * may differ).
 */
export const LIBRARY_COPY = randomBytes(9).toString('base64');
