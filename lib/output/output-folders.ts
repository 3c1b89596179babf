import * as fs from 'fs';
import * as path from 'path';
import { Manifest, yamlPackage } from '../core';
import { InstallPhase, outputFolderOf, phaseFolder, SETUP_FOLDER } from './install-phases';

/** One output folder of a synthesized output directory, read back from disk. */
export interface OutputFolder {
  /** The folder relative to the output directory: an environment's name, or '' for the charts outside environments. */
  readonly folder: string;
  /** Its absolute path. */
  readonly dir: string;
  /** The absolute path of its `setup` phase folder, when it has one. */
  readonly setupDir?: string;
  /** Its objects per install phase, in file order. */
  readonly objects: Readonly<Record<InstallPhase, readonly Manifest[]>>;
}

/** The manifests of the YAML files directly in `dir` (not its sub-folders), in file-name order. */
export function readManifestFiles(dir: string): Manifest[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && e.name !== 'kustomization.yaml')
    .map((e) => e.name)
    .sort();
  const out: Manifest[] = [];
  for (const file of files) {
    for (const doc of yamlPackage().parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      const m = doc.toJS() as Manifest | null;
      if (m && typeof m === 'object' && typeof m.kind === 'string') out.push(m);
    }
  }
  return out;
}

/**
 * The output folders under `outdir` (as `KubecraftApp.synth()` writes them: the top folder, one
 * sub-folder per environment, each with an optional `setup/` phase folder), sorted with the top
 * folder first; folders without a single object are left out.
 */
export function readOutputFolders(outdir: string): OutputFolder[] {
  const folders: OutputFolder[] = [];
  const visit = (rel: string) => {
    const dir = path.join(outdir, rel);
    const setupDir = path.join(outdir, phaseFolder(rel, 'setup'));
    const setup = readManifestFiles(setupDir);
    const main = readManifestFiles(dir);
    if (setup.length + main.length > 0) {
      folders.push({ folder: rel, dir, ...(setup.length > 0 ? { setupDir } : {}), objects: { setup, main } });
    }
    if (rel !== '') return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && e.name !== SETUP_FOLDER) visit(e.name);
    }
  };
  if (fs.existsSync(outdir)) visit('');
  return folders;
}

/** Every manifest under `dir`, recursively, with the output folder it belongs to (see `outputFolderOf`). */
export function readAllManifests(dir: string): { readonly folder: string; readonly manifest: Manifest }[] {
  const out: { folder: string; manifest: Manifest }[] = [];
  if (!fs.existsSync(dir)) return out;
  const walk = (rel: string) => {
    for (const m of readManifestFiles(path.join(dir, rel)))
      out.push({ folder: outputFolderOf(rel).folder, manifest: m });
    for (const e of fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(rel ? `${rel}/${e.name}` : e.name);
    }
  };
  walk('');
  return out;
}
