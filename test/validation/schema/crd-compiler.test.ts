/**
 * The compiler of custom resources' schemas: compiled once per content, read back from the
 * folders of code compiled ahead of time, else from the run's cache folder, else compiled (and
 * written there); what it returns validates as ajv does. The vendored GitOps CRDs are read from
 * the package, never compiled at synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { FluxKustomization, FluxSourceKind, KubecraftApp, KubecraftChart } from '../../../lib';
import { setRunSetting, runSetting } from '../../../lib/core';
import {
  compileCrdSchema,
  crdValidatorCode,
  crdValidatorKey,
  registerPrecompiledCrdValidators,
} from '../../../lib/validation/schema/crd-compiler';

const SCHEMA = {
  type: 'object',
  properties: { size: { type: 'integer', minimum: 1 }, name: { type: 'string', maxLength: 3 } },
  required: ['size'],
  additionalProperties: false,
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kc-crd-compiler-'));
}

/** Forgets what this process compiled (a new process starts with an empty memory). */
function forgetProcessMemory(): void {
  for (const s of Object.getOwnPropertySymbols(globalThis))
    if (String(s.description).startsWith('kubecraft.crd-validators.'))
      delete (globalThis as Record<symbol, unknown>)[s];
}

describe('compileCrdSchema', () => {
  const saved = runSetting('cacheDir');
  afterEach(() => setRunSetting('cacheDir', saved));

  test('validates as ajv does: errors with their path, keyword and the schema of the object', () => {
    setRunSetting('cacheDir', undefined);
    const fn = compileCrdSchema({ ...SCHEMA });
    expect(fn({ size: 2, name: 'abc' })).toBe(true);
    expect(fn({ size: 0, name: 'abcd', extra: 1 })).toBe(false);
    expect(fn.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([
      ['', 'additionalProperties'],
      ['/size', 'minimum'],
      ['/name', 'maxLength'],
    ]);
    // verbose: the closed object's schema comes with the error (kubecraft lists its known fields)
    expect(Object.keys((fn.errors?.[0].parentSchema as { properties: object }).properties)).toEqual(['size', 'name']);
  });

  test('compiles a schema once per process: the same content gives the same validator', () => {
    setRunSetting('cacheDir', undefined);
    const a = compileCrdSchema({ ...SCHEMA, title: 'once' });
    const b = compileCrdSchema(JSON.parse(JSON.stringify({ ...SCHEMA, title: 'once' })) as object);
    expect(b).toBe(a);
    expect(compileCrdSchema({ ...SCHEMA, title: 'other' })).not.toBe(a);
  });

  test('a later run reads back from the cache folder what an earlier one compiled', () => {
    const dir = tempDir();
    try {
      setRunSetting('cacheDir', dir);
      const schema = { ...SCHEMA, title: `cached-${Math.random()}` };
      compileCrdSchema(schema);
      const file = path.join(dir, 'crd-validators', `${crdValidatorKey(schema)}.js`);
      expect(fs.readFileSync(file, 'utf8')).toBe(crdValidatorCode(schema));
      // prove the next run reads the file: it holds a validator that refuses everything
      fs.writeFileSync(
        file,
        'module.exports = function v() { v.errors = [{ instancePath: "", keyword: "fromCache", params: {} }]; return false; };',
      );
      forgetProcessMemory();
      const again = compileCrdSchema(schema);
      expect(again({ size: 2 })).toBe(false);
      expect(again.errors?.[0].keyword).toBe('fromCache');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('code compiled ahead of time is read before anything is compiled or cached', () => {
    const shipped = tempDir();
    const cache = tempDir();
    try {
      setRunSetting('cacheDir', cache);
      const schema = { ...SCHEMA, title: `shipped-${Math.random()}` };
      fs.writeFileSync(
        path.join(shipped, `${crdValidatorKey(schema)}.js`),
        'module.exports = function v() { v.errors = null; return "shipped" === "shipped"; };',
      );
      registerPrecompiledCrdValidators(shipped);
      expect(compileCrdSchema(schema)({ size: 0 })).toBe(true);
      expect(fs.existsSync(path.join(cache, 'crd-validators'))).toBe(false);
    } finally {
      fs.rmSync(shipped, { recursive: true, force: true });
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  test('a schema ajv cannot compile throws, and nothing is cached', () => {
    const dir = tempDir();
    try {
      setRunSetting('cacheDir', dir);
      expect(() => compileCrdSchema({ type: 'object', properties: { a: { $ref: '#/nowhere' } } })).toThrow(/nowhere/);
      expect(fs.existsSync(path.join(dir, 'crd-validators'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the vendored Flux CRDs are read from the package's compiled validators, not compiled at synth", () => {
    const dir = tempDir();
    try {
      setRunSetting('cacheDir', dir);
      const app = new KubecraftApp({ outdir: path.join(dir, 'dist'), printReport: false });
      const chart: Chart = new KubecraftChart(app, 'flux', { namespace: 'flux-system' });
      new FluxKustomization(chart, 'good', {
        metadata: { name: 'shop' },
        source: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' },
      });
      const patched = new FluxKustomization(chart, 'patched', {
        metadata: { name: 'infra' },
        source: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' },
      });
      ApiObject.of(patched).addJsonPatch(JsonPatch.add('/spec/pth', './infra'));
      const findings = app.validate().findings.filter((f) => f.rule.startsWith('schema/'));
      // the shipped validator does validate, and knows the fields of the object it refuses
      expect(findings.map((f) => [f.path, f.field, f.message, f.hint])).toEqual([
        ['flux/patched/Resource', 'spec', "unknown field 'pth'", expect.stringMatching(/^did you mean 'path'\?/)],
      ]);
      expect(fs.existsSync(path.join(dir, 'crd-validators'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('damaged copies are compiled again, never blamed on the CRD', () => {
  const saved = runSetting('cacheDir');
  afterEach(() => setRunSetting('cacheDir', saved));

  test('a damaged file in the cache folder: compiled again, and the file replaced', () => {
    const dir = tempDir();
    try {
      setRunSetting('cacheDir', dir);
      const schema = { ...SCHEMA, title: `damaged-${Math.random()}` };
      const file = path.join(dir, 'crd-validators', `${crdValidatorKey(schema)}.js`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'module.exports = function (data) { return data.'); // cut short
      const fn = compileCrdSchema(schema);
      expect(fn({ size: 2 })).toBe(true);
      expect(fn({ size: 0 })).toBe(false);
      expect(fs.readFileSync(file, 'utf8')).toBe(crdValidatorCode(schema));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a damaged shipped file: compiled instead', () => {
    const shipped = tempDir();
    try {
      setRunSetting('cacheDir', undefined);
      const schema = { ...SCHEMA, title: `damaged-shipped-${Math.random()}` };
      fs.writeFileSync(path.join(shipped, `${crdValidatorKey(schema)}.js`), 'exports.nothing = 1;');
      registerPrecompiledCrdValidators(shipped);
      expect(compileCrdSchema(schema)({ size: 0 })).toBe(false);
    } finally {
      fs.rmSync(shipped, { recursive: true, force: true });
    }
  });
});
