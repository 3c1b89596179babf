/**
 * Compiles the schema of a custom resource (a CRD version's hardened `openAPIV3Schema`) into a
 * validator once per content, ever: ajv writes it as standalone code, kept by the sha256 of the
 * schema and of the compiler (ajv's version, its options, this file's format). A schema is
 * compiled at most once per process, and between runs the code is read back instead of compiled
 * again: from the folders of code compiled ahead of time that the library ships (the CRDs it
 * vendors, `registerPrecompiledCrdValidators`), else from the run's cache folder
 * (`.kubecraft/cache/crd-validators/`, where it is written after compiling). ajv's compile is most
 * of what validating a custom resource costs (Flux's Kustomization: about 40 ms; Argo CD's
 * Application: about 330 ms); reading the code back costs about 1 ms and 12 ms.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import type { ValidateFunction } from 'ajv';
import { diskCached, processMemo } from '../../core';

/** The options of the ajv that compiles CRD schemas (verbose: errors carry their schema, for the known fields of an object with an unknown one). */
const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false, verbose: true, code: { source: true } };
/** The format of the code this file writes and reads; raise it when that changes. */
const FORMAT = 1;

/** What makes compiled code differ besides the schema: ajv's version and options, and the format. */
let compilerIdentity: string | undefined;
function compiler(): string {
  compilerIdentity ??= JSON.stringify({
    ajv: (require('ajv/package.json') as { version: string }).version,
    options: AJV_OPTIONS,
    format: FORMAT,
  });
  return compilerIdentity;
}

/** The key of `schema`'s compiled code: the sha256 of the compiler and the schema. */
export function crdValidatorKey(schema: object): string {
  return createHash('sha256').update(compiler()).update('\0').update(JSON.stringify(schema)).digest('hex');
}

/** The folders of code compiled ahead of time (`<key>.js`), searched in order. */
const precompiledFolders: string[] = [];

/**
 * Adds a folder of validators compiled ahead of time (`<key>.js`, as `crdValidatorCode` writes
 * them), read before anything is compiled: the library's vendored CRDs ship theirs.
 */
export function registerPrecompiledCrdValidators(folder: string): void {
  if (!precompiledFolders.includes(folder)) precompiledFolders.push(folder);
}

/**
 * The validator of `schema`: compiled code read back (memory, shipped, cache folder) or compiled
 * now. A copy that does not run (damaged) is compiled again, never reported as the CRD's fault.
 */
export function compileCrdSchema(schema: object): ValidateFunction {
  const key = crdValidatorKey(schema);
  return remembered(key, () => {
    const shipped = precompiled(key);
    if (shipped) {
      try {
        return evaluate(shipped.toString('utf8'), key);
      } catch {
        // damaged: compiled below
      }
    }
    return diskCached(
      'crd-validators',
      key,
      '.js',
      () => Buffer.from(crdValidatorCode(schema)),
      (code) => evaluate(code.toString('utf8'), key),
    );
  });
}

/** The validator compiled ahead of time into `file` (`<key>.js`, as `crdValidatorCode` wrote it). */
export function precompiledCrdValidator(file: string): ValidateFunction {
  const key = path.basename(file, '.js');
  return remembered(key, () => evaluate(fs.readFileSync(file, 'utf8'), key));
}

/** The validator of `key`, made by `make` once per process (kept on `globalThis`: app bundles are reloaded). */
function remembered(key: string, make: () => ValidateFunction): ValidateFunction {
  const memo = processMemo<string, ValidateFunction>(`kubecraft.crd-validators.${compiler()}`);
  let fn = memo.get(key);
  if (!fn) {
    fn = make();
    memo.set(key, fn);
  }
  return fn;
}

function precompiled(key: string): Buffer | undefined {
  for (const folder of precompiledFolders) {
    try {
      return fs.readFileSync(path.join(folder, `${key}.js`));
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * ajv's standalone code of the validator of `schema` (throws when ajv cannot compile it). Each
 * schema gets an ajv of its own, so the code is the same whatever was compiled before.
 */
export function crdValidatorCode(schema: object): string {
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const standalone = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const ajv = new Ajv(AJV_OPTIONS);
  return standalone(ajv, ajv.compile(schema));
}

/**
 * The run-time modules standalone code requires, from this library's own ajv (the code may be
 * evaluated where `require` would find another copy, or none: in a bundle).
 */
const AJV_RUNTIME: Readonly<Record<string, () => unknown>> = {
  'ajv/dist/runtime/equal': () => require('ajv/dist/runtime/equal'),
  'ajv/dist/runtime/ucs2length': () => require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/uri': () => require('ajv/dist/runtime/uri'),
  'ajv/dist/runtime/validation_error': () => require('ajv/dist/runtime/validation_error'),
  'ajv/dist/runtime/timestamp': () => require('ajv/dist/runtime/timestamp'),
  'ajv/dist/runtime/quote': () => require('ajv/dist/runtime/quote'),
  'ajv/dist/runtime/parseJson': () => require('ajv/dist/runtime/parseJson'),
};

function runtimeModule(id: string): unknown {
  const load = AJV_RUNTIME[id];
  if (!load) throw new Error(`kubecraft: compiled CRD validator code requires '${id}', which kubecraft does not provide`);
  return load();
}

/** Runs standalone code (a CommonJS module exporting the validator) and returns the validator. */
function evaluate(code: string, key: string): ValidateFunction {
  const run = vm.compileFunction(code, ['module', 'exports', 'require'], {
    filename: `kubecraft-crd-validator-${key}.js`,
  });
  const module: { exports: unknown } = { exports: {} };
  run(module, module.exports, runtimeModule);
  const fn = module.exports as ValidateFunction | undefined;
  if (typeof fn !== 'function') throw new Error(`kubecraft: compiled CRD validator ${key} exports no function`);
  return fn;
}
