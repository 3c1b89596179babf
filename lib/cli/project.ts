import * as fs from 'fs';
import * as path from 'path';
import { ownPackageRoot } from '../core/package-root';
import { runSetting } from '../core/run-context';

/** The project of a file: the nearest folder, from the file's own folder up, with a package.json. */
export function findProject(fromDir: string): string {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(fromDir);
  }
}

/** The parts of kubecraft's package.json the CLI reads. */
export interface OwnPackageJson {
  readonly version: string;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** kubecraft's own package.json (found from this file, compiled or bundled). */
export function ownPackageJson(): OwnPackageJson {
  const root = ownPackageRoot();
  if (!root) return { version: '0.0.0' };
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as OwnPackageJson;
}

/** A path as the user sees it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * The output folder a project writes to when no flag names one: \$CDK8S_OUTDIR, else the
 * `output:` of the project's `cdk8s.yaml` (as `cdk8s synth` reads it), else `dist` (resolved
 * against the project folder).
 */
export function configuredOutdir(project: string): string {
  const given = runSetting('outdir');
  if (given) return path.resolve(given);
  const file = path.join(project, 'cdk8s.yaml');
  if (fs.existsSync(file)) {
    const match = /^output:\s*['"]?([^'"#\n]+?)['"]?\s*(#.*)?$/m.exec(fs.readFileSync(file, 'utf8'));
    if (match) return path.resolve(project, match[1].trim());
  }
  return path.join(project, 'dist');
}
