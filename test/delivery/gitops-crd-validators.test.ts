/**
 * The validators of the vendored GitOps CRDs, compiled ahead of time into crds/gitops/validators/
 * (shipped in the package, so validating a Flux or Argo CD object reads code instead of compiling
 * the CRD's schema at synth): one file per served version of each CRD, named by the key the
 * run-time compiler looks it up by, holding exactly the code it would compile. Regenerate after a
 * CRD or an ajv update with `UPDATE_CRD_VALIDATORS=1 npx jest test/delivery/gitops-crd-validators`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FluxDelivery, FluxDeliverySource } from '../../lib';
import { runSetting, setRunSetting } from '../../lib/core';
import { crdsInFile } from '../../lib/upstream/crds';
import { crdValidatorCode, crdValidatorKey } from '../../lib/validation/schema/crd-compiler';
import { customResourceSchema } from '../../lib/validation/schema/store';
import { fleetApp } from './fleet';

const GITOPS = path.join(__dirname, '..', '..', 'crds', 'gitops');
const VALIDATORS = path.join(GITOPS, 'validators');
const UPDATE = process.env.UPDATE_CRD_VALIDATORS === '1';
const REPO = 'https://github.com/acme/shop.git';

interface Expected {
  readonly file: string;
  readonly source: string;
  readonly apiVersion: string;
  readonly code: string;
}

/** The index the library reads (see `registerVendoredCrd`): per CRD file, its kind, scope and validators. */
function expectedIndex(): Record<string, unknown> {
  const index: Record<string, { group: string; kind: string; scope: unknown; validators: Record<string, string> }> = {};
  for (const source of fs
    .readdirSync(GITOPS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const [crd] = crdsInFile(path.join(GITOPS, source)) as {
      spec: { group: string; scope: string; names: { kind: string } };
    }[];
    index[source] = { group: crd.spec.group, kind: crd.spec.names.kind, scope: crd.spec.scope, validators: {} };
  }
  for (const w of wanted) index[w.source].validators[w.apiVersion] = w.file;
  return index;
}

/** What the folder must hold: for every served version of every vendored CRD, its key and its code. */
function expected(): Expected[] {
  const out: Expected[] = [];
  for (const source of fs
    .readdirSync(GITOPS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const crd of crdsInFile(path.join(GITOPS, source))) {
      const spec = (crd as { spec: { group: string; names: { kind: string }; versions: VersionShape[] } }).spec;
      for (const v of spec.versions) {
        if (v.served === false || !v.schema?.openAPIV3Schema) continue;
        const apiVersion = `${spec.group}/${v.name}`;
        const schema = customResourceSchema(v.schema.openAPIV3Schema, apiVersion, spec.names.kind);
        const header = `// Compiled from crds/gitops/${source} (${apiVersion} ${spec.names.kind}) by ajv, for kubecraft's validation; the CRD's licence applies (see its header). Regenerate: UPDATE_CRD_VALIDATORS=1 npx jest test/delivery/gitops-crd-validators\n`;
        out.push({
          file: `${crdValidatorKey(schema)}.js`,
          source,
          apiVersion,
          code: header + crdValidatorCode(schema),
        });
      }
    }
  }
  return out;
}

interface VersionShape {
  readonly name: string;
  readonly served?: boolean;
  readonly schema?: { readonly openAPIV3Schema?: object };
}

const wanted = expected();

if (UPDATE) {
  fs.rmSync(VALIDATORS, { recursive: true, force: true });
  fs.mkdirSync(VALIDATORS, { recursive: true });
  for (const w of wanted) fs.writeFileSync(path.join(VALIDATORS, w.file), w.code);
  fs.writeFileSync(path.join(VALIDATORS, 'index.json'), `${JSON.stringify(expectedIndex(), null, 2)}\n`);
}

test('one validator per served version of every vendored CRD, and nothing else', () => {
  expect(wanted.length).toBeGreaterThanOrEqual(5);
  expect(fs.readdirSync(VALIDATORS).sort()).toEqual([...wanted.map((w) => w.file), 'index.json'].sort());
});

test('the index names, for each CRD file, its kind, its scope and the validator of each served version', () => {
  expect(JSON.parse(fs.readFileSync(path.join(VALIDATORS, 'index.json'), 'utf8'))).toEqual(expectedIndex());
});

test.each(wanted.map((w) => [w.source, w.file, w] as const))(
  '%s: %s is the code the run-time compiler makes of it',
  (_source, file, w) => {
    expect(fs.readFileSync(path.join(VALIDATORS, file), 'utf8') === w.code).toBe(true);
  },
);

describe('at synth, the vendored CRDs are read compiled, never compiled', () => {
  const saved = runSetting('cacheDir');
  afterEach(() => setRunSetting('cacheDir', saved));

  test("an app with Flux objects, and one that includes Flux's CRDs (includeCrds), compile none of them", () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-gitops-validators-'));
    try {
      setRunSetting('cacheDir', cache);
      for (const includeCrds of [true, false]) {
        const app = fleetApp();
        new FluxDelivery(app, 'shop', {
          source: FluxDeliverySource.git({ url: REPO, ref: { branch: 'main' } }),
          includeCrds,
        });
        expect(app.validate().errors).toEqual([]);
      }
      // what is compiled at synth is kept here: nothing was
      expect(fs.existsSync(path.join(cache, 'crd-validators'))).toBe(false);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
