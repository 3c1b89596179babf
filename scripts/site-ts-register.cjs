// Lets this Node process require TypeScript (esbuild strips the types, file by file, as ts-jest
// does with isolatedModules) and resolves the package name `kubecraft` to the library's sources
// (lib/index.ts), so the documentation site's snippets import from 'kubecraft' as users do and
// still run against the current sources. Used by scripts/build-site.mjs only.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const LIBRARY = path.join(root, 'lib', 'index.ts');

if (!Module._extensions['.ts']) {
  Module._extensions['.ts'] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcefile: filename,
      sourcemap: 'inline',
      sourcesContent: false,
    });
    module._compile(code, filename);
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveKubecraft(request, ...rest) {
    return resolve.call(this, request === 'kubecraft' ? LIBRARY : request, ...rest);
  };
  process.setSourceMapsEnabled(true);
}
