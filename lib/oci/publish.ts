import {
  ArtifactFile,
  buildArtifact,
  CREATED_ANNOTATION,
  OCI_MANIFEST_MEDIA_TYPE,
  OciDescriptor,
  readArtifactFiles,
  REVISION_ANNOTATION,
  SOURCE_ANNOTATION,
} from './artifact';
import { CredentialLookup, dockerConfigPath, dockerCredentials, RegistryCredentials } from './docker-config';
import { OciError } from './errors';
import { GitProvenance, gitProvenance } from './git';
import { formatReference, OciReference, parseOciReference } from './reference';
import { RegistryClient } from './registry-client';

/** How to reach a registry: shared by `publishArtifact` and `pullArtifact`. */
export interface RegistryAccessOptions {
  /**
   * Plain HTTP instead of HTTPS, for a registry on this machine only (localhost, 127.0.0.0/8,
   * ::1); for any other registry it is refused.
   *
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * The credentials to use.
   *
   * @default - the user's docker configuration (`dockerConfig`), as `docker login` wrote it
   */
  readonly credentials?: RegistryCredentials;
  /**
   * The docker configuration file the credentials are read from.
   *
   * @default - `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`
   */
  readonly dockerConfig?: string;
  /**
   * The longest one HTTP request may take, in milliseconds.
   *
   * @default 120000
   */
  readonly timeoutMs?: number;
}

/** Options for `publishArtifact`. */
export interface PublishArtifactOptions extends RegistryAccessOptions {
  /** Where to push: `oci://REGISTRY/REPOSITORY:TAG`. */
  readonly url: string;
  /** The folder to publish: an output folder (`dist/`) or one environment's (`dist/prod/`). */
  readonly folder: string;
  /**
   * The `org.opencontainers.image.source` annotation.
   *
   * @default - the git remote of the folder's repository (`origin`), without credentials; none outside git
   */
  readonly source?: string;
  /**
   * The `org.opencontainers.image.revision` annotation.
   *
   * @default - `<branch>@sha1:<commit>` of the repository's HEAD, as `flux push artifact` is told; none outside git
   */
  readonly revision?: string;
  /**
   * The `org.opencontainers.image.created` annotation (RFC 3339).
   *
   * @default - the time of the HEAD commit (so the same commit and files give the same digest); none outside git
   */
  readonly created?: string;
  /**
   * More manifest annotations.
   *
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Read the source, revision and created annotations from git.
   *
   * @default true
   */
  readonly git?: boolean;
}

/** What `publishArtifact` pushed. */
export interface PublishedArtifact {
  /** The tag pushed, `REGISTRY/REPOSITORY:TAG`. */
  readonly reference: string;
  /** The artifact pinned by digest, `REGISTRY/REPOSITORY@sha256:...`: what to deploy. */
  readonly pinned: string;
  /** The manifest's digest, `sha256:...`. */
  readonly digest: string;
  /** The layer (the gzipped tar of the files). */
  readonly layer: OciDescriptor;
  /** How many files the layer holds. */
  readonly files: number;
  /** The manifest's annotations. */
  readonly annotations: Readonly<Record<string, string>>;
  /** What git said about the folder (when it was asked). */
  readonly git?: GitProvenance;
  /** How many blobs were uploaded (the others were in the registry already). */
  readonly uploaded: number;
}

/**
 * Pushes `folder` as an OCI artifact in the layout Flux's `OCIRepository` and
 * `flux pull artifact` read (see `buildArtifact`) and returns its digest. The same files with
 * the same annotations give the same digest: the tar is deterministic, and the created
 * annotation is the commit's time, not the time of the push. Blobs the registry has are not
 * uploaded again. Failures throw an `OciError` of one line.
 */
export async function publishArtifact(options: PublishArtifactOptions): Promise<PublishedArtifact> {
  const ref = parseOciReference(options.url);
  if (ref.digest !== undefined || ref.tag === undefined)
    throw new OciError(`'${options.url}' must name a tag to publish to (oci://REGISTRY/REPOSITORY:TAG)`, 'usage');
  const client = registryClientFor(ref, options);
  const files: ArtifactFile[] = readArtifactFiles(options.folder);
  if (files.length === 0) throw new OciError(`${options.folder} holds no files`, 'input');
  const git = options.git === false ? undefined : gitProvenance(options.folder);
  const annotations: Record<string, string> = { ...options.annotations };
  const source = options.source ?? git?.source;
  const revision = options.revision ?? git?.revision;
  const created = options.created ?? git?.created;
  if (source) annotations[SOURCE_ANNOTATION] = source;
  if (revision) annotations[REVISION_ANNOTATION] = revision;
  if (created) annotations[CREATED_ANNOTATION] = created;
  const artifact = buildArtifact(files, annotations);
  let uploaded = 0;
  for (const [blob, descriptor] of [
    [artifact.layer, artifact.layerDescriptor],
    [artifact.config, artifact.configDescriptor],
  ] as const) {
    if (await client.hasBlob(ref.repository, descriptor.digest)) continue;
    await client.pushBlob(ref.repository, descriptor.digest, blob);
    uploaded++;
  }
  const said = await client.putManifest(ref.repository, ref.tag, artifact.manifest, OCI_MANIFEST_MEDIA_TYPE);
  if (said !== undefined && said !== artifact.digest) {
    throw new OciError(
      `registry ${ref.registry} stored the manifest of ${formatReference(ref)} as ${said}, not as the ${artifact.digest} pushed`,
      'integrity',
    );
  }
  return {
    reference: formatReference(ref),
    pinned: formatReference(ref, artifact.digest),
    digest: artifact.digest,
    layer: artifact.layerDescriptor,
    files: files.length,
    annotations: artifact.annotations,
    ...(git ? { git } : {}),
    uploaded,
  };
}

/** A client for the reference's registry, with the options' credentials or the docker configuration's. */
export function registryClientFor(ref: OciReference, options: RegistryAccessOptions): RegistryClient {
  const given = options.credentials;
  const credentials = (): CredentialLookup =>
    given
      ? { credentials: given, searched: given.source ?? 'the credentials given' }
      : dockerCredentials(ref.registry, options.dockerConfig ?? dockerConfigPath());
  return new RegistryClient({
    registry: ref.registry,
    ...(options.insecure ? { insecure: true } : {}),
    credentials,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
