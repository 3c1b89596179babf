import * as fs from 'fs';
import * as path from 'path';

/** One file to write: a path relative to the output directory, and its content. */
export interface OutputFile {
  /** Path relative to the output directory (may contain sub-folders). */
  readonly relativePath: string;
  /** The file's full text. */
  readonly content: string;
}

/**
 * Replaces `outdir` with exactly `files`, atomically as far as the file system allows:
 * everything is written into a fresh sibling directory first, then swapped in with two
 * renames. If anything fails before the swap, `outdir` is left exactly as it was.
 */
export function writeDirectoryAtomically(outdir: string, files: readonly OutputFile[]): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  try {
    for (const file of files) {
      const dest = path.join(staging, file.relativePath);
      if (!dest.startsWith(staging + path.sep)) {
        throw new Error(`refusing to write outside the output directory: ${file.relativePath}`);
      }
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, file.content, 'utf8');
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  let retired: string | undefined;
  if (fs.existsSync(target)) {
    retired = `${staging}.previous`;
    fs.renameSync(target, retired);
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
