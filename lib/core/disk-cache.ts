import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomically } from './atomic-file';
import { runSetting } from './run-context';

/**
 * The file under which `key` is kept in the cache's `area` (`<cacheDir>/<area>/<key><suffix>`),
 * or undefined when the run has no cache folder (`$KUBECRAFT_CACHE_DIR`: `kubecraft synth` sets
 * it to the project's `.kubecraft/cache`).
 */
export function diskCacheFile(area: string, key: string, suffix: string): string | undefined {
  const dir = runSetting('cacheDir');
  return dir ? path.join(dir, area, `${key}${suffix}`) : undefined;
}

/**
 * `use` of what the run's cache folder keeps in `area` under `key` (see `diskCacheFile`), else of
 * `make()`, written there for the next run. A kept copy that `use` refuses (throws on: a damaged
 * or foreign file) is made again and replaced. A cache is an optimization only: a missing or
 * unwritable folder is the same as no cache. `key` must name everything the content depends on.
 */
export function diskCached<T>(
  area: string,
  key: string,
  suffix: string,
  make: () => Buffer,
  use: (content: Buffer) => T,
): T {
  const file = diskCacheFile(area, key, suffix);
  let stored: Buffer | undefined;
  if (file) {
    try {
      stored = fs.readFileSync(file);
    } catch {
      // not made before
    }
  }
  if (stored) {
    try {
      return use(stored);
    } catch {
      // damaged: made again below
    }
  }
  const made = make();
  if (file) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomically(file, made);
    } catch {
      // a cache is an optimization only
    }
  }
  return use(made);
}
