import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** One file to write: a path relative to the output directory, and its content. */
export interface OutputFile {
  /** Path relative to the output directory (may contain sub-folders). */
  readonly relativePath: string;
  /** The file's full text. */
  readonly content: string;
}

/** Options for `writeDirectoryAtomically`. */
export interface WriteDirectoryOptions {
  /**
   * Carry the existing sub-folders of the output directory that `files` do not write over
   * unchanged (e.g. the other environments' folders when only one environment is synthesized).
   * Top-level files are always replaced.
   *
   * @default false - the output directory holds exactly `files` afterwards
   */
  readonly keepOtherFolders?: boolean;

  /**
   * Sub-folders never carried over by `keepOtherFolders`: they belong to the top-level files,
   * which are always replaced (the `setup/` phase of the charts outside environments).
   *
   * @default - none
   */
  readonly replacedFolders?: readonly string[];

  /**
   * A file that already holds exactly `file.content` (an unchanged file of the previous output,
   * under `kubecraft synth --watch`), hard-linked into the new output instead of written; written
   * when linking fails.
   *
   * @default - every file is written
   */
  readonly linkFrom?: (file: OutputFile) => string | undefined;
}

/**
 * Replaces `outdir` with exactly `files`, atomically as far as the file system allows:
 * everything is written into a fresh sibling directory first, then swapped in with two
 * renames. If anything fails before the swap, `outdir` is left exactly as it was. Folders and
 * files are created with the process's umask (0755 and 0644 under umask 022).
 */
export function writeDirectoryAtomically(
  outdir: string,
  files: readonly OutputFile[],
  options: WriteDirectoryOptions = {},
): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  // mkdirSync (unlike mkdtempSync, always 0700) honours the umask
  const staging = path.join(
    parent,
    `.${path.basename(target)}.staging-${process.pid}-${randomBytes(6).toString('hex')}`,
  );
  fs.mkdirSync(staging);
  try {
    for (const file of files) {
      const dest = path.join(staging, file.relativePath);
      if (!dest.startsWith(staging + path.sep)) {
        throw new Error(`refusing to write outside the output directory: ${file.relativePath}`);
      }
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (!linked(options.linkFrom?.(file), dest)) fs.writeFileSync(dest, file.content, 'utf8');
    }
    if (options.keepOtherFolders) carryOverFolders(target, staging, new Set(options.replacedFolders));
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  let retired: string | undefined = `${staging}.previous`;
  try {
    fs.renameSync(target, retired);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      fs.rmSync(staging, { recursive: true, force: true });
      throw err;
    }
    retired = undefined; // nothing to replace (first synth, or another synth swapped it away)
  }
  try {
    fs.renameSync(staging, target);
  } catch (err) {
    if (retired) fs.renameSync(retired, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (retired) fs.rmSync(retired, { recursive: true, force: true });
}

/** Hard-links `from` (when given) to `to`; whether it did. */
function linked(from: string | undefined, to: string): boolean {
  if (from === undefined) return false;
  try {
    fs.linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/**
 * Hard-links (or copies) every sub-folder of `from` that `to` lacks, except those named in
 * `replaced`, into `to`; `from` is not modified.
 */
function carryOverFolders(from: string, to: string, replaced: ReadonlySet<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) {
    if (e.isDirectory() && !replaced.has(e.name) && !fs.existsSync(path.join(to, e.name)))
      linkTree(path.join(from, e.name), path.join(to, e.name));
  }
}

function linkTree(from: string, to: string): void {
  fs.mkdirSync(to);
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dest = path.join(to, e.name);
    if (e.isDirectory()) linkTree(src, dest);
    else {
      try {
        fs.linkSync(src, dest);
      } catch {
        fs.copyFileSync(src, dest);
      }
    }
  }
}
