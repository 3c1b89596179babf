import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, parseDocument, stringify } from 'yaml';
import { childEnvironment } from '../core/run-context';
import { UsageError } from './args';
import { parseCommand } from './command-spec';
import { IMPORT_COMMAND, IMPORT_USAGE } from './commands';
import { keepWhatUsersWrote } from './generated-bindings';

/** `kubecraft import`. */
export function importCommand(args: readonly string[]): number {
  const { values, positionals } = parseCommand(IMPORT_COMMAND, args);
  if (values.help) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const [input, ...names] = positionals;
  if (!input)
    throw new UsageError(
      'kubecraft import: a CRD file is required (usage: kubecraft import <crds.yaml> [crd-name ...])',
    );
  if (!fs.existsSync(input)) throw new UsageError(`kubecraft import: no such file: ${input}`);
  const cwd = process.cwd();
  let cdk8s: string;
  try {
    cdk8s = path.join(path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [cwd] })), 'bin', 'cdk8s');
  } catch {
    process.stderr.write('kubecraft import: needs the cdk8s CLI in the project: npm install -D cdk8s-cli\n');
    return 2;
  }
  const output = path.resolve(cwd, values.output as string);
  const crdDir = path.join(output, 'crds');
  const docs = parseAllDocuments(fs.readFileSync(input, 'utf8'))
    .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string } } | null)
    .filter((d) => d?.kind === 'CustomResourceDefinition');
  const wanted = names.length > 0 ? names : docs.map((d) => d!.metadata?.name ?? '').filter((n) => n);
  if (wanted.length === 0) {
    process.stderr.write(`kubecraft import: no CustomResourceDefinition in ${input}\n`);
    return 1;
  }
  fs.mkdirSync(crdDir, { recursive: true });
  // every wanted CRD is kept in crds/<name>.yaml; cdk8s import writes one file per API group
  // (<group>.ts), so it runs once per group, on all of that group's CRDs, not once per CRD
  // (which would keep only the last CRD of each group)
  const byGroup = new Map<string, Array<Record<string, unknown>>>();
  for (const name of wanted) {
    const crd = docs.find((d) => d?.metadata?.name === name);
    if (!crd) {
      process.stderr.write(`kubecraft import: CRD ${name} not found in ${input}\n`);
      return 1;
    }
    fs.writeFileSync(path.join(crdDir, `${name}.yaml`), stringify(crd, { lineWidth: 0 }));
    const group = String((crd as { spec?: { group?: unknown } }).spec?.group ?? name);
    byGroup.set(group, [...(byGroup.get(group) ?? []), crd as Record<string, unknown>]);
  }
  // cdk8s import records the file it was given in cdk8s.yaml: record the kept CRD files instead
  const cdk8sYaml = path.join(cwd, 'cdk8s.yaml');
  const config = fs.existsSync(cdk8sYaml) ? fs.readFileSync(cdk8sYaml, 'utf8') : undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-import-'));
  try {
    for (const [group, crds] of byGroup) {
      const file = path.join(tmp, `${group}.yaml`);
      fs.writeFileSync(file, crds.map((c) => stringify(c, { lineWidth: 0 })).join('---\n'));
      const r = spawnSync(
        process.execPath,
        [cdk8s, 'import', '--no-check-upgrade', '--language', 'typescript', '--output', output, file],
        { cwd, stdio: 'inherit', env: childEnvironment({ CDK8S_CHECK_UPGRADE: 'false' }) },
      );
      if (r.status !== 0) {
        process.stderr.write(`kubecraft import: cdk8s import failed for ${group}\n`);
        return 1;
      }
      const generated = path.join(output, `${group}.ts`);
      if (fs.existsSync(generated)) {
        fs.writeFileSync(generated, keepWhatUsersWrote(fs.readFileSync(generated, 'utf8')));
      }
      const names = crds.map((c) => (c as { metadata?: { name?: string } }).metadata?.name).join(', ');
      process.stdout.write(`imported ${names}\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (config !== undefined) fs.writeFileSync(cdk8sYaml, withImports(config, cwd, crdDir, wanted));
  }
  return 0;
}

/** The cdk8s.yaml text with `<crdDir>/<name>.yaml` listed under `imports:` for every name not listed yet. */
function withImports(config: string, cwd: string, crdDir: string, names: readonly string[]): string {
  const doc = parseDocument(config);
  const listed = (doc.get('imports') as { items?: Array<{ value?: unknown } | unknown> } | undefined)?.items ?? [];
  const have = new Set(listed.map((i) => String((i as { value?: unknown })?.value ?? i)));
  const add = names.map((n) => path.relative(cwd, path.join(crdDir, `${n}.yaml`))).filter((f) => !have.has(f));
  if (add.length === 0) return config;
  if (!doc.has('imports')) doc.set('imports', doc.createNode([]));
  for (const f of add) doc.addIn(['imports'], f);
  return doc.toString();
}
