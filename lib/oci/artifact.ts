import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { ReadEntry } from 'tar';
import { OciError, OciErrorKind } from './errors';

// The artifact format Flux reads (fluxcd/pkg oci: Push, build; source-controller's
// OCIRepository): an OCI image manifest whose config has Flux's config media type and whose one
// layer is a gzipped tar of the folder's files, with the OpenContainers source, revision and
// created annotations on the manifest.

/** The media type of the layer: a gzipped tar of the files (Flux's `CanonicalContentMediaType`). */
export const FLUX_CONTENT_MEDIA_TYPE = 'application/vnd.cncf.flux.content.v1.tar+gzip';
/** The media type of the config (Flux's `CanonicalConfigMediaType`). */
export const FLUX_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.flux.config.v1+json';
/** The media type of the manifest. */
export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** The annotation naming where the artifact's sources live (a git remote URL). */
export const SOURCE_ANNOTATION = 'org.opencontainers.image.source';
/** The annotation naming the sources' revision, as Flux writes it: `<branch>@sha1:<commit>`. */
export const REVISION_ANNOTATION = 'org.opencontainers.image.revision';
/** The annotation saying when the artifact was made (RFC 3339); kubecraft writes the commit's time. */
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';

/** One file of an artifact: its path inside the artifact (`/`-separated, relative) and its bytes. */
export interface ArtifactFile {
  /** The path, relative, with `/` between folders, e.g. `prod/setup/Kustomization`. */
  readonly path: string;
  /** The file's bytes. */
  readonly content: Uint8Array;
}

/** A content descriptor of the OCI image spec: what a manifest says of a blob. */
export interface OciDescriptor {
  /** The blob's media type. */
  readonly mediaType: string;
  /** `sha256:` and the hex digest of the blob's bytes. */
  readonly digest: string;
  /** The blob's size in bytes. */
  readonly size: number;
}

/** An artifact ready to push: its blobs, its manifest and their digests. */
export interface BuiltArtifact {
  /** The layer: the gzipped tar. */
  readonly layer: Buffer;
  /** The layer's descriptor. */
  readonly layerDescriptor: OciDescriptor;
  /** The config blob (JSON). */
  readonly config: Buffer;
  /** The config's descriptor. */
  readonly configDescriptor: OciDescriptor;
  /** The manifest's bytes, as pushed. */
  readonly manifest: Buffer;
  /** The manifest's digest: the artifact's digest. */
  readonly digest: string;
  /** The manifest's annotations. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** node-tar, loaded when a tar is written or read (loading it costs ~50 ms; `import 'kubecraft'` does not pay it). */
function tar(): typeof import('tar') {
  return require('tar') as typeof import('tar');
}

/** `sha256:` and the hex sha256 of `data`. */
export function sha256Digest(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * The regular files under `dir`, recursively, with paths relative to it, sorted. A symbolic
 * link or any other kind of file is refused (an artifact holds regular files only), and so is
 * a folder that does not exist.
 */
export function readArtifactFiles(dir: string): ArtifactFile[] {
  const root = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new OciError(`${dir} does not exist`, 'input');
  }
  if (!stat.isDirectory()) throw new OciError(`${dir} is not a folder`, 'input');
  const files: ArtifactFile[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push({ path: p, content: fs.readFileSync(path.join(root, p)) });
      else
        throw new OciError(
          `${path.join(dir, p)} is not a regular file (an artifact holds regular files only)`,
          'input',
        );
    }
  };
  walk('');
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * A gzipped tar of `files`, the same bytes for the same files whatever their order, the
 * machine or the time: entries sorted by path (each folder before what it holds), a folder
 * entry (mode 0755) for every folder, files with mode 0644, owner 0:0 with no user or group
 * names, modification time 0 (1970-01-01); gzip at level 9 with no name and no time in its
 * header and the operating-system byte "unknown" (255, as Go's gzip writes it). The
 * compressed bytes are zlib's: the same within one zlib version (Node.js bundles its own).
 */
export function deterministicTarGz(files: readonly ArtifactFile[]): Buffer {
  const byPath = new Map<string, Uint8Array>();
  for (const f of files) {
    const clean = checkedPath(f.path, 'input');
    if (byPath.has(clean)) throw new OciError(`the file ${clean} is given twice`, 'input');
    byPath.set(clean, f.content);
  }
  const folders = new Set<string>();
  for (const p of byPath.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  for (const folder of folders) {
    if (byPath.has(folder)) throw new OciError(`${folder} is both a file and a folder`, 'input');
  }
  const entries = [
    ...[...folders].map((p) => ({ path: p, content: undefined })),
    ...[...byPath].map(([p, content]) => ({ path: p, content })),
  ];
  entries.sort((a, b) => comparePaths(a.path, b.path));
  const { Header, Pax } = tar();
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const name = e.content === undefined ? `${e.path}/` : e.path;
    const header = {
      path: name,
      type: e.content === undefined ? ('Directory' as const) : ('File' as const),
      mode: e.content === undefined ? 0o755 : 0o644,
      size: e.content?.length ?? 0,
      uid: 0,
      gid: 0,
      uname: '',
      gname: '',
      mtime: new Date(0),
    };
    const block = Buffer.alloc(512);
    if (new Header(header).encode(block, 0)) blocks.push(new Pax({ path: name }).encode()); // a path longer than ustar holds
    blocks.push(block);
    if (e.content !== undefined) {
      blocks.push(Buffer.from(e.content));
      blocks.push(Buffer.alloc((512 - (e.content.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024)); // the end of the archive: two empty blocks
  const gz = zlib.gzipSync(Buffer.concat(blocks), { level: 9 });
  gz[9] = 255; // the OS byte of the gzip header (not covered by its CRC): "unknown", whatever this platform is
  return gz;
}

/**
 * The artifact of `files` with `annotations` on its manifest: Flux's layout (one layer of
 * media type `application/vnd.cncf.flux.content.v1.tar+gzip`, the config of media type
 * `application/vnd.cncf.flux.config.v1+json`, an OCI image manifest). Every byte is
 * determined by the files and the annotations, so the digest is too.
 */
export function buildArtifact(
  files: readonly ArtifactFile[],
  annotations: Readonly<Record<string, string>> = {},
): BuiltArtifact {
  const layer = deterministicTarGz(files);
  const layerDescriptor = { mediaType: FLUX_CONTENT_MEDIA_TYPE, digest: sha256Digest(layer), size: layer.length };
  // the image config go-containerregistry writes for the artifacts flux push makes (empty.Image
  // with the layer appended), so that tools computing the layer's uncompressed digest find it
  const diffId = sha256Digest(zlib.gunzipSync(layer));
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      created: '0001-01-01T00:00:00Z',
      history: [{ created: '0001-01-01T00:00:00Z' }],
      os: '',
      rootfs: { type: 'layers', diff_ids: [diffId] },
      config: {},
    }),
  );
  const configDescriptor = { mediaType: FLUX_CONFIG_MEDIA_TYPE, digest: sha256Digest(config), size: config.length };
  const sorted = Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST_MEDIA_TYPE,
      config: configDescriptor,
      layers: [layerDescriptor],
      ...(Object.keys(sorted).length > 0 ? { annotations: sorted } : {}),
    }),
  );
  return {
    layer,
    layerDescriptor,
    config,
    configDescriptor,
    manifest,
    digest: sha256Digest(manifest),
    annotations: sorted,
  };
}

/** Options for `extractLayer`. */
export interface ExtractOptions {
  /**
   * The most bytes the files may hold together once decompressed (Flux's own limit).
   *
   * @default 104857600 (100 MiB)
   */
  readonly maxBytes?: number;
}

/**
 * The files of a gzipped tar layer. Refused, with the entry named: a path that is absolute,
 * climbs out of the folder (`..`) or has a backslash or NUL; a symbolic or hard link, a
 * device or any other entry that is not a file or a folder; the same path twice; and more than
 * `maxBytes` once decompressed. Folder entries are not returned (the files' paths make them).
 */
export async function extractLayer(layer: Uint8Array, options: ExtractOptions = {}): Promise<ArtifactFile[]> {
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  let archive: Buffer;
  try {
    archive = zlib.gunzipSync(layer, { maxOutputLength: maxBytes + 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE')
      throw new OciError(`the layer holds more than ${maxBytes} bytes`, 'integrity');
    throw new OciError(`the layer is not gzip data: ${e.message}`, 'integrity');
  }
  const files: ArtifactFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  let failure: OciError | undefined;
  const fail = (message: string) => {
    failure ??= new OciError(message, 'integrity');
  };
  await new Promise<void>((resolve) => {
    const parser = new (tar().Parser)({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const name = entry.path;
        if (failure) {
          entry.resume();
          return;
        }
        let clean: string;
        try {
          clean = checkedPath(name.replace(/\/+$/, ''));
        } catch (err) {
          fail((err as Error).message);
          entry.resume();
          return;
        }
        if (entry.type === 'Directory') {
          entry.resume();
          return;
        }
        if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
          fail(`the layer's entry ${name} is a ${entry.type}: only files and folders are extracted`);
          entry.resume();
          return;
        }
        if (seen.has(clean)) {
          fail(`the layer holds ${clean} twice`);
          entry.resume();
          return;
        }
        seen.add(clean);
        total += entry.size ?? 0;
        if (total > maxBytes) {
          fail(`the layer holds more than ${maxBytes} bytes`);
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => files.push({ path: clean, content: Buffer.concat(chunks) }));
      },
    });
    parser.on('warn', (code: string, message: string | Error) =>
      fail(`the layer is not a valid tar: ${typeof message === 'string' ? message : message.message} (${code})`),
    );
    parser.on('error', (err: Error) => {
      fail(`the layer is not a valid tar: ${err.message}`);
      resolve();
    });
    parser.on('close', () => resolve());
    parser.end(archive);
  });
  if (failure) throw failure;
  for (const f of files) {
    for (let i = f.path.indexOf('/'); i >= 0; i = f.path.indexOf('/', i + 1)) {
      if (seen.has(f.path.slice(0, i)))
        throw new OciError(`the layer holds ${f.path.slice(0, i)} as a file and a folder`, 'integrity');
    }
  }
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

/** A relative path without `./`, or an error (of `kind`) naming what is wrong with it. */
function checkedPath(p: string, kind: OciErrorKind = 'integrity'): string {
  const clean = p.replace(/^(\.\/)+/, '');
  const parts = clean.split('/');
  const wrong =
    clean === '' || clean === '.'
      ? 'is empty'
      : /[\\\0]/.test(clean)
        ? 'has a backslash or a NUL'
        : clean.startsWith('/') || /^[A-Za-z]:/.test(clean)
          ? 'is absolute'
          : parts.includes('..')
            ? 'climbs out of the folder (..)'
            : parts.some((part) => part === '' || part === '.')
              ? 'is not normalized'
              : undefined;
  if (wrong) throw new OciError(`the path ${/[\\\0]/.test(p) ? JSON.stringify(p) : p} ${wrong}`, kind);
  return clean;
}

/** Orders paths part by part, by UTF-16 code units (so a folder comes right before what it holds). */
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}
