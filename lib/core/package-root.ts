import * as fs from 'fs';
import * as path from 'path';

let root: string | undefined | null;

/**
 * The folder of kubecraft's own package (its `package.json` names `kubecraft`), found from this
 * file, compiled, bundled or run from the sources; undefined when there is none (a bundle copied
 * out of the package). The files the library reads at run time (vendored CRDs) are relative to it.
 */
export function ownPackageRoot(): string | undefined {
  if (root !== undefined) return root ?? undefined;
  root = null;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'kubecraft') {
          root = dir;
          break;
        }
      } catch {
        // not a readable package.json: keep looking
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  return root ?? undefined;
}
