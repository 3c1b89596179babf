import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { parseCommandArgs, UsageError } from './args';

export const IMPORT_USAGE = `usage: kubecraft import <crds.yaml> [crd-name ...] [--output imports]

Generates typed classes for custom resources from a local CRD file, offline: keeps the named
CRDs (default: every CRD in the file), writes each to <output>/crds/<name>.yaml (kubecraft's
schema validation can use them too), and runs \`cdk8s import\` on it into <output>/. Needs the
cdk8s CLI in the project (npm install -D cdk8s-cli).`;

/** `kubecraft import`. */
export function importCommand(args: readonly string[]): number {
  const { values, positionals } = parseCommandArgs(
    'import',
    args,
    { output: { type: 'string', short: 'o', default: 'imports' } },
    Number.MAX_SAFE_INTEGER,
    IMPORT_USAGE,
  );
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
  for (const name of wanted) {
    const crd = docs.find((d) => d?.metadata?.name === name);
    if (!crd) {
      process.stderr.write(`kubecraft import: CRD ${name} not found in ${input}\n`);
      return 1;
    }
    const file = path.join(crdDir, `${name}.yaml`);
    fs.writeFileSync(file, stringify(crd, { lineWidth: 0 }));
    const r = spawnSync(
      process.execPath,
      [cdk8s, 'import', '--no-check-upgrade', '--language', 'typescript', '--output', output, file],
      { cwd, stdio: 'inherit', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } },
    );
    if (r.status !== 0) {
      process.stderr.write(`kubecraft import: cdk8s import failed for ${name}\n`);
      return 1;
    }
    process.stdout.write(`imported ${name}\n`);
  }
  return 0;
}
