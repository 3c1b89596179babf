import { createHash } from 'crypto';
import * as fs from 'fs';
import Module = require('module');
import * as path from 'path';
import * as vm from 'vm';
import { writeFileAtomically } from '../core/atomic-file';
import { runSetting } from '../core/run-context';

interface LoaderModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
}

interface ModuleInternals {
  prototype: { _compile(this: LoaderModule, content: string, filename: string): unknown };
  _resolveFilename(request: string, parent: LoaderModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: LoaderModule): string[] | null;
  _cache: NodeJS.Dict<NodeJS.Module>;
  _extensions: NodeJS.RequireExtensions;
}

let installedIn: string | undefined;

/** kubecraft's own compiled files (build/lib), wherever the package is. */
const OWN_BUILD = path.resolve(__dirname, '..');

/** Packages, generated JavaScript and kubecraft's own compiled files: never the app's bundle (its source maps apply). */
function isCacheable(filename: string): boolean {
  if (!/\.c?js$/.test(filename)) return false;
  return (
    /[\\/]node_modules[\\/]/.test(filename) ||
    /\.generated\.c?js$|[\\/]generated[\\/]/.test(filename) ||
    (filename.startsWith(OWN_BUILD + path.sep) && !filename.includes(`${path.sep}.kubecraft${path.sep}`))
  );
}

/**
 * A V8 code cache for what the app requires from `node_modules` (and generated JavaScript such
 * as the schema validators), kept in `dir`: later runs skip parsing and compiling it (Node 22's
 * `module.enableCompileCache()`, which Node 20 lacks). Entries are keyed by file path,
 * modification time, size and Node version. The app's own bundle is compiled by Node as usual,
 * so its source maps apply.
 */
export function enableCompileCache(dir: string): void {
  if (installedIn !== undefined || runSetting('codeCache') === '0') return;
  installedIn = dir;
  fs.mkdirSync(dir, { recursive: true });
  const M = Module as unknown as ModuleInternals;
  const original = M.prototype._compile;
  const produced: { file: string; script: vm.Script }[] = [];
  M.prototype._compile = function (this: LoaderModule, content: string, filename: string) {
    if (!isCacheable(filename) || content.startsWith('#!')) {
      return original.call(this, content, filename);
    }
    const stat = fs.statSync(filename);
    const file = path.join(
      dir,
      createHash('sha256').update(`${filename}\0${stat.mtimeMs}\0${stat.size}\0${process.version}`).digest('hex'),
    );
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // first run: produced below
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (!cachedData || script.cachedDataRejected) produced.push({ file, script });
    const mod = this;
    const require = ((id: string) => mod.require(id)) as NodeJS.Require;
    const resolve = ((request: string, options?: { paths?: string[] }) =>
      M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
    resolve.paths = (request: string) => M._resolveLookupPaths(request, mod);
    require.resolve = resolve;
    require.main = process.mainModule;
    require.cache = M._cache;
    require.extensions = M._extensions;
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const p of produced) {
      try {
        // after running: the cache then holds the functions compiled lazily too
        writeFileAtomically(p.file, p.script.createCachedData());
      } catch {
        // a cache is an optimization only
      }
    }
  });
}
