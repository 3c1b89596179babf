import * as fs from 'fs';
import * as path from 'path';
import { applySetName } from '../deploy/apply-set';
import { KubectlOptions } from '../deploy/kubectl';
import { OutputFolder } from '../output/output-folders';
import { UsageError } from './args';
import { ParsedArgs } from './command-spec';

/** The kubectl options given on the command line. */
export function kubectlOptionsOf(values: ParsedArgs['values']): KubectlOptions {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const kubeconfig = str('kubeconfig');
  return {
    ...(str('kubectl') ? { kubectl: str('kubectl') } : {}),
    ...(kubeconfig ? { kubeconfig: path.resolve(kubeconfig) } : {}),
    ...(str('context') ? { context: str('context') } : {}),
  };
}

/**
 * The base name of the app's ApplySets: `--applyset`, else the `name` of the project's
 * package.json (without its npm scope), else the project folder's name.
 */
export function applySetBaseName(project: string, given: unknown): string {
  if (typeof given === 'string' && given !== '') return given;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name !== '') return pkg.name.replace(/^@[^/]+\//, '');
  } catch {
    // no package.json: the folder's name
  }
  return path.basename(project);
}

/** The ApplySet name of each output folder of an app whose base name is `base`. */
export function applySetNamer(base: string): (folder: string) => string {
  return (folder) => applySetName(base, folder);
}

/**
 * The output folders a deploy command acts on: without `--env`, the charts outside
 * environments; with `--env a,b`, those charts (when there are any) and each environment named.
 * An environment the output does not have, or nothing to act on, is a usage error naming what
 * there is.
 */
export function selectFolders(
  all: readonly OutputFolder[],
  env: unknown,
  command: string,
  outdir: string,
): OutputFolder[] {
  const envs = all.filter((f) => f.folder !== '').map((f) => f.folder);
  const top = all.filter((f) => f.folder === '');
  const has = envs.length ? `; ${outdir} has environments ${envs.join(', ')}` : '';
  if (all.length === 0)
    throw new UsageError(`kubecraft ${command}: ${outdir} holds no objects (synthesize the app first)`);
  if (typeof env !== 'string' || env === '') {
    if (top.length === 0) {
      throw new UsageError(
        `kubecraft ${command}: ${outdir} has no charts outside environments: choose with --env${has}`,
      );
    }
    return top;
  }
  const wanted = env.split(',').map((e) => e.trim());
  const missing = wanted.filter((e) => !envs.includes(e));
  if (missing.length > 0)
    throw new UsageError(`kubecraft ${command}: no environment ${missing.join(', ')} in ${outdir}${has}`);
  return [...top, ...all.filter((f) => wanted.includes(f.folder))];
}
