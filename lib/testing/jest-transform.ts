// The jest transformer of kubecraft projects (`"transform": { "^.+\\.ts$": "kubecraft/jest-transform" }`):
// TypeScript to CommonJS with esbuild, file by file, as `kubecraft synth` bundles apps, with
// inline source maps so failures point into the `.ts` files. It strips types without checking
// them, several times faster than ts-jest's type-checking transform; the scaffold's `npm test`
// type-checks first (`tsgo --noEmit -p . && jest`), once for every test file.
import { createHash } from 'crypto';
import type * as Esbuild from 'esbuild';

/** What jest gives a transformer about the project (the part this one reads). */
export interface TransformOptions {
  /** The text of jest's configuration, part of the cache key. */
  readonly configString?: string;
}

/** A transformed file: CommonJS with an inline source map. */
export interface TransformedSource {
  /** The code jest runs. */
  readonly code: string;
}

let esbuild: typeof Esbuild | undefined;
function esbuildPackage(): typeof Esbuild {
  return (esbuild ??= require('esbuild') as typeof Esbuild);
}

/** Transforms one TypeScript (or JavaScript) file for jest. */
export function process(source: string, filename: string): TransformedSource {
  const { code } = esbuildPackage().transformSync(source, {
    loader: /\.[cm]?tsx?$/.test(filename) ? (filename.endsWith('x') ? 'tsx' : 'ts') : 'js',
    format: 'cjs',
    target: `node${globalThis.process.versions.node.split('.')[0]}`,
    sourcefile: filename,
    sourcemap: 'inline',
    sourcesContent: false,
  });
  return { code };
}

/** The cache key of a transformed file: its text and path, esbuild's version, jest's configuration. */
export function getCacheKey(source: string, filename: string, options: TransformOptions = {}): string {
  return createHash('sha256')
    .update(source)
    .update('\0')
    .update(filename)
    .update('\0')
    .update(esbuildPackage().version)
    .update('\0')
    .update(options.configString ?? '')
    .digest('hex');
}

/** The transformer as jest loads it (an ES module's default export: jest takes `default`). */
const transformer = { process, getCacheKey };
export default transformer;
