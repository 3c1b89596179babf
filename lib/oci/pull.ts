import { OutputFile, writeDirectoryAtomically } from '../output/atomic-directory';
import {
  CREATED_ANNOTATION,
  extractLayer,
  FLUX_CONTENT_MEDIA_TYPE,
  OciDescriptor,
  REVISION_ANNOTATION,
  sha256Digest,
  SOURCE_ANNOTATION,
} from './artifact';
import { OciError } from './errors';
import { registryClientFor, RegistryAccessOptions } from './publish';
import { formatReference, parseOciReference } from './reference';

/** Options for `pullArtifact`. */
export interface PullArtifactOptions extends RegistryAccessOptions {
  /** What to pull: `oci://REGISTRY/REPOSITORY:TAG` or `oci://REGISTRY/REPOSITORY@sha256:...`. */
  readonly url: string;
  /** The folder to replace with the artifact's files. */
  readonly folder: string;
  /**
   * The most bytes the layer may hold, compressed and once decompressed.
   *
   * @default 104857600 (100 MiB, Flux's own limit)
   */
  readonly maxBytes?: number;
}

/** What `pullArtifact` extracted. */
export interface PulledArtifact {
  /** The artifact pinned by digest, `REGISTRY/REPOSITORY@sha256:...`. */
  readonly pinned: string;
  /** The manifest's digest, `sha256:...`. */
  readonly digest: string;
  /** The layer extracted. */
  readonly layer: OciDescriptor;
  /** The paths of the files written, relative to the folder, sorted. */
  readonly files: readonly string[];
  /** The manifest's annotations. */
  readonly annotations: Readonly<Record<string, string>>;
  /**
   * The `org.opencontainers.image.source` annotation.
   *
   * @default - the artifact has none
   */
  readonly source?: string;
  /**
   * The `org.opencontainers.image.revision` annotation.
   *
   * @default - the artifact has none
   */
  readonly revision?: string;
  /**
   * The `org.opencontainers.image.created` annotation.
   *
   * @default - the artifact has none
   */
  readonly created?: string;
}

interface ManifestJson {
  readonly mediaType?: string;
  readonly layers?: { mediaType?: string; digest?: string; size?: number }[];
  readonly annotations?: Record<string, string>;
}

/**
 * Pulls an artifact (by tag, or pinned by digest) and replaces `folder` with its files,
 * atomically (`writeDirectoryAtomically`: on any failure the folder is as it was). Verified
 * first: the manifest's digest (against the one asked for, and the one the registry reports)
 * and the layer's digest and size (against the manifest's descriptor); then each entry of the
 * tar (see `extractLayer`: nothing outside the folder, only files and folders). The layer is
 * the one of Flux's content media type. Files must be UTF-8 text (manifests, as kubecraft
 * writes them). Failures throw an `OciError` of one line.
 */
export async function pullArtifact(options: PullArtifactOptions): Promise<PulledArtifact> {
  const ref = parseOciReference(options.url);
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const client = registryClientFor(ref, options);
  const reference = ref.digest ?? ref.tag ?? 'latest';
  const fetched = await client.getManifest(ref.repository, reference);
  const digest = sha256Digest(fetched.body);
  const name = formatReference(ref);
  if (ref.digest !== undefined && digest !== ref.digest)
    throw new OciError(
      `the manifest of ${name} has digest ${digest}, not the ${ref.digest} asked for: refusing it`,
      'integrity',
    );
  if (fetched.registryDigest !== undefined && fetched.registryDigest !== digest) {
    throw new OciError(
      `the manifest of ${name} has digest ${digest}, not the ${fetched.registryDigest} the registry says: refusing it`,
      'integrity',
    );
  }
  let manifest: ManifestJson;
  try {
    manifest = JSON.parse(fetched.body.toString('utf8')) as ManifestJson;
  } catch {
    throw new OciError(`the manifest of ${name} is not JSON`, 'integrity');
  }
  const mediaType = manifest.mediaType ?? fetched.mediaType;
  if (/index|manifest\.list/.test(mediaType))
    throw new OciError(`${name} is an image index (${mediaType}), not an artifact of one layer`, 'integrity');
  const layers = manifest.layers ?? [];
  const layer = layers.find((l) => l.mediaType === FLUX_CONTENT_MEDIA_TYPE);
  if (!layer) {
    const found = layers.map((l) => l.mediaType ?? '?').join(', ') || 'none';
    throw new OciError(
      `${name} has no layer of media type ${FLUX_CONTENT_MEDIA_TYPE} (its layers: ${found})`,
      'integrity',
    );
  }
  if (typeof layer.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(layer.digest) || typeof layer.size !== 'number')
    throw new OciError(`the layer of ${name} has no sha256 digest or no size`, 'integrity');
  if (layer.size > maxBytes)
    throw new OciError(`the layer of ${name} is ${layer.size} bytes, more than the ${maxBytes} allowed`, 'integrity');
  const blob = await client.getBlob(ref.repository, layer.digest, maxBytes);
  const got = sha256Digest(blob);
  if (got !== layer.digest || blob.length !== layer.size) {
    throw new OciError(
      `the layer of ${name} has digest ${got} (${blob.length} bytes), not the ${layer.digest} (${layer.size} bytes) of its manifest: refusing to extract it`,
      'integrity',
    );
  }
  let files;
  try {
    files = await extractLayer(blob, { maxBytes });
  } catch (err) {
    if (err instanceof OciError) throw new OciError(`${name}: ${err.message}: nothing extracted`, err.kind);
    throw err;
  }
  const texts: OutputFile[] = files.map((f) => {
    const content = Buffer.from(f.content).toString('utf8');
    if (!Buffer.from(content, 'utf8').equals(Buffer.from(f.content)))
      throw new OciError(
        `${name}: ${f.path} is not UTF-8 text (kubecraft pull extracts manifests): nothing extracted`,
        'integrity',
      );
    return { relativePath: f.path, content };
  });
  writeDirectoryAtomically(options.folder, texts);
  const annotations = manifest.annotations ?? {};
  return {
    pinned: formatReference(ref, digest),
    digest,
    layer: { mediaType: FLUX_CONTENT_MEDIA_TYPE, digest: layer.digest, size: layer.size },
    files: files.map((f) => f.path),
    annotations,
    ...(annotations[SOURCE_ANNOTATION] ? { source: annotations[SOURCE_ANNOTATION] } : {}),
    ...(annotations[REVISION_ANNOTATION] ? { revision: annotations[REVISION_ANNOTATION] } : {}),
    ...(annotations[CREATED_ANNOTATION] ? { created: annotations[CREATED_ANNOTATION] } : {}),
  };
}
