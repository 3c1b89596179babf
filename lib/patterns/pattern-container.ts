import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

/** What a pattern's main container runs, with secure, explicit defaults. */
export interface PatternContainerOptions {
  /** The image, pinned (a tag other than `latest`, or a digest). */
  readonly image: string;
  /**
   * Replaces the image's ENTRYPOINT.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: readonly string[];
  /**
   * Replaces the image's CMD.
   *
   * @default - the image's CMD
   */
  readonly args?: readonly string[];
  /**
   * Environment variables: plain strings or cdk8s-plus `EnvValue`s (from ConfigMaps, Secrets, fields).
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string | kplus.EnvValue>>;
  /**
   * ConfigMaps and Secrets whose keys all become environment variables.
   *
   * @default - none
   */
  readonly envFrom?: readonly (kplus.IConfigMap | kplus.ISecret)[];
  /**
   * Files from ConfigMaps or Secrets, mounted read-only at a path each.
   *
   * @default - none
   */
  readonly files?: readonly { readonly path: string; readonly from: kplus.IConfigMap | kplus.ISecret }[];
  /**
   * CPU and memory requests and limits.
   *
   * @default - cpu 100m request / 500m limit, memory 128Mi request / 256Mi limit
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * The non-root UID (and GID, and fsGroup) the pod runs as.
   *
   * @default DEFAULT_PATTERN_USER (1000)
   */
  readonly user?: number;
  /**
   * Paths the process writes to; each gets its own `emptyDir`, as the root filesystem is read-only.
   *
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
}

/** The default resources of pattern containers. */
export const DEFAULT_PATTERN_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
};

/**
 * The UID (and GID, and fsGroup) pattern pods run as unless `user` says otherwise: an
 * unprivileged, non-root user, as the restricted Pod Security Standard requires. Images that
 * need their own service user (nginx's 101, mysql's 999) set `user`.
 */
export const DEFAULT_PATTERN_USER = 1000;

/** The paths that get an `emptyDir` unless `writablePaths` says otherwise. */
export const DEFAULT_WRITABLE_PATHS: readonly string[] = ['/tmp'];
