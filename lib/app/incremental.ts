// What `kubecraft synth --watch` keeps between its cycles, in the process: the YAML of unchanged
// output files, and the files it wrote (to link unchanged ones into the next output instead of
// writing them again). Validation keeps its own (see `validateIncrementally`). Everything is
// keyed by content and kept on globalThis under Symbol.for keys: the watch loop reloads the app's
// bundle, and with it, in a project that bundles kubecraft itself, the library.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LIBRARY_COPY, Manifest, processMemo, rememberRecent } from '../core';
import { OutputFile } from '../output/atomic-directory';
import { toYamlDocuments } from '../output/yaml-serializer';

/**
 * The content key of a manifest: a hash of its JSON, or undefined when the manifest holds
 * anything JSON does not tell apart (`undefined`, `NaN`, infinities, `-0`, functions, class
 * instances, getters, cycles), whose results are then never reused.
 */
export function manifestKey(manifest: Manifest): string | undefined {
  if (!isPlainJson(manifest, 0)) return undefined;
  return createHash('sha1').update(JSON.stringify(manifest)).digest('base64');
}

function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > 200) return false; // cyclic, or deeper than any manifest
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value) || !isPlainJson(value[i], depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      if ('toJSON' in value) return false;
      for (const key of Object.keys(value)) {
        const d = Object.getOwnPropertyDescriptor(value, key);
        if (!d || d.get || d.set || !isPlainJson(d.value, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const YAML_MEMO = 'kubecraft.yaml-memo.v1';
/** YAML texts kept at most (least recently used dropped first). */
const YAML_LIMIT = 2_000;

/**
 * `toYamlDocuments(manifests)`, remembered by the manifests' content keys (`keys`, one per
 * manifest; any undefined: serialized, not remembered).
 */
export function yamlDocumentsOnce(manifests: readonly Manifest[], keys: readonly (string | undefined)[]): string {
  if (keys.some((k) => k === undefined)) return toYamlDocuments(manifests);
  const memo = processMemo<string, string>(YAML_MEMO);
  const key = createHash('sha1').update(LIBRARY_COPY).update(keys.join('\0')).digest('base64');
  const yaml = memo.get(key) ?? toYamlDocuments(manifests);
  rememberRecent(memo, key, yaml, YAML_LIMIT);
  return yaml;
}

/** A file as written: its content, and the identity and times it had right after the write. */
interface WrittenFile {
  readonly content: string;
  readonly stamp: string;
}

const WRITTEN = 'kubecraft.written-files.v1';
/** Output directories remembered at most. */
const WRITTEN_LIMIT = 16;

function writtenDirs(): Map<string, Map<string, WrittenFile>> {
  return processMemo(WRITTEN);
}

/** Device, inode, size, modification and change times: any write, chmod or replacement of the file changes it. */
function stampOf(file: string): string | undefined {
  try {
    const s = fs.statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.mode}`;
  } catch {
    return undefined;
  }
}

/**
 * For `writeDirectoryAtomically`'s `linkFrom`: the file of `outdir` that holds exactly
 * `file.content` because this process wrote it there with that content and nothing changed it
 * since (same inode, size, times and mode), to be hard-linked instead of written again.
 */
export function unchangedFileIn(outdir: string): (file: OutputFile) => string | undefined {
  const written = writtenDirs().get(path.resolve(outdir));
  return (file) => {
    const before = written?.get(file.relativePath);
    if (!before || before.content !== file.content) return undefined;
    const existing = path.join(path.resolve(outdir), file.relativePath);
    return stampOf(existing) === before.stamp ? existing : undefined;
  };
}

/** Records what was just written to `outdir` (after `writeDirectoryAtomically` returned). */
export function recordWritten(outdir: string, files: readonly OutputFile[]): void {
  const dir = path.resolve(outdir);
  const dirs = writtenDirs();
  const record = new Map<string, WrittenFile>();
  for (const f of files) {
    const stamp = stampOf(path.join(dir, f.relativePath));
    if (stamp !== undefined) record.set(f.relativePath, { content: f.content, stamp });
  }
  rememberRecent(dirs, dir, record, WRITTEN_LIMIT);
}
