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
 * What the run's cache folder keeps in `area` under `key` (see `diskCacheFile`), else `make()`,
 * written there for the next run. A cache is an optimization only: a missing or unwritable
 * folder is the same as no cache. `key` must name everything the content depends on.
 */
export function diskCached(area: string, key: string, suffix: string, make: () => Buffer): Buffer {
  const file = diskCacheFile(area, key, suffix);
  if (file) {
    try {
      return fs.readFileSync(file);
    } catch {
      // not made before
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
  return made;
}
