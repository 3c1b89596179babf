import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { knownProps } from '../core/known-props';

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
  readonly files?: readonly PatternFile[];
  /**
   * CPU and memory requests and limits.
   *
   * @default - DEFAULT_PATTERN_RESOURCES: cpu 100m request / 500m limit, memory 128Mi request / 256Mi limit (a StatefulService has its own)
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
  /**
   * Volumes to mount in the main container, e.g. a PersistentVolumeClaim
   * (`kplus.Volume.fromPersistentVolumeClaim`) on a Deployment, or a memory-backed `emptyDir`.
   *
   * @default - none besides `writablePaths` and `files` (and a StatefulService's `dataPath`, a NodeAgent's `hostPaths`)
   */
  readonly mounts?: readonly PatternMount[];
  /**
   * The main container's name.
   *
   * @default - the pattern's name
   */
  readonly containerName?: string;
  /**
   * When the kubelet pulls the image. Unlike a bare cdk8s-plus container (which renders
   * `Always`), a pattern renders no `imagePullPolicy` unless it is given, so the API server's
   * default applies: `IfNotPresent` for an image pinned by a tag or a digest, `Always` for
   * `:latest` or no tag.
   *
   * @default - no `imagePullPolicy` rendered: the API server's default, `IfNotPresent` for a pinned tag or digest
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * Lifecycle hooks of the main container, e.g. a `preStop` drain
   * (`kplus.Handler.fromCommand(['nodetool', 'drain'])`).
   *
   * @default - none
   */
  readonly lifecycle?: PatternLifecycle;
  /**
   * Startup probe: liveness and readiness probes wait until it succeeds (slow-starting servers).
   *
   * @default - none
   */
  readonly startup?: kplus.Probe;
  /**
   * Linux capabilities to add (ALL others stay dropped). Anything but `NET_BIND_SERVICE` breaks
   * the restricted Pod Security Standard: give `reason`, which becomes the
   * `policy/capabilities` relaxation, or relax that rule on an enclosing scope before.
   *
   * @default - none added; ALL dropped
   */
  readonly capabilities?: PatternCapabilities;
  /**
   * Run as root (UID 0), with the reason (an image that cannot run as another user). Recorded
   * as the `policy/run-as-non-root` relaxation. `user: 0` is also accepted without it when
   * `policy/run-as-non-root` is already relaxed on an enclosing scope
   * (`Policy.relax(chart, 'policy/run-as-non-root', reason)`).
   *
   * @default - runs as `user`, never as root
   */
  readonly runAsRootReason?: string;
  /**
   * Give the main container a writable root filesystem, with the reason (an image that writes
   * all over its filesystem). Recorded as the `policy/read-only-root-fs` relaxation.
   * `readOnlyRootFilesystem: false` is also accepted without it when that rule is already
   * relaxed on an enclosing scope.
   *
   * @default - the root filesystem is read-only; `writablePaths` get `emptyDir`s
   */
  readonly writableRootFilesystemReason?: string;
  /**
   * Whether the root filesystem is read-only; `false` needs `writableRootFilesystemReason` or a
   * `policy/read-only-root-fs` relaxation on an enclosing scope.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/** A file (or directory of files) from a ConfigMap or Secret, mounted read-only in a pattern's main container. */
export interface PatternFile {
  /** Where it is mounted (absolute). */
  readonly path: string;
  /** The ConfigMap or Secret whose keys become the files. */
  readonly from: kplus.IConfigMap | kplus.ISecret;
}

/** A volume mounted in a pattern's main container. */
export interface PatternMount {
  /** Where it is mounted (absolute). */
  readonly path: string;
  /** The volume. */
  readonly volume: kplus.Volume;
  /**
   * Mount it read-only.
   *
   * @default - read-write: no `readOnly` rendered
   */
  readonly readOnly?: boolean;
  /**
   * A sub-path of the volume to mount.
   *
   * @default - the volume's root
   */
  readonly subPath?: string;
}

/** Lifecycle hooks of a pattern's main container. */
export interface PatternLifecycle {
  /**
   * Runs right after the container starts.
   *
   * @default - none
   */
  readonly postStart?: kplus.Handler;
  /**
   * Runs before the container is stopped (drain, deregister); counts against the termination
   * grace period.
   *
   * @default - none
   */
  readonly preStop?: kplus.Handler;
}

/** Capabilities added to a pattern's main container. */
export interface PatternCapabilities {
  /** The capabilities to add, by their Kubernetes names (no `CAP_` prefix), e.g. `['IPC_LOCK']`. */
  readonly add: readonly string[];
  /**
   * Why: required for anything but `NET_BIND_SERVICE` unless `policy/capabilities` is relaxed on
   * an enclosing scope; recorded as that relaxation's reason.
   *
   * @default - none
   */
  readonly reason?: string;
}

/** The props of `PatternContainerOptions`. */
export const PATTERN_CONTAINER_PROPS = knownProps<PatternContainerOptions>('PatternContainerOptions')([
  'image',
  'command',
  'args',
  'env',
  'envFrom',
  'files',
  'resources',
  'user',
  'writablePaths',
  'mounts',
  'containerName',
  'imagePullPolicy',
  'lifecycle',
  'startup',
  'capabilities',
  'runAsRootReason',
  'writableRootFilesystemReason',
  'readOnlyRootFilesystem',
]);

/** The props of `PatternFile`. */
export const PATTERN_FILE_PROPS = knownProps<PatternFile>('PatternFile')(['path', 'from']);

/** The props of `PatternMount`. */
export const PATTERN_MOUNT_PROPS = knownProps<PatternMount>('PatternMount')(['path', 'volume', 'readOnly', 'subPath']);

/** The props of `PatternLifecycle`. */
export const PATTERN_LIFECYCLE_PROPS = knownProps<PatternLifecycle>('PatternLifecycle')(['postStart', 'preStop']);

/** The props of `PatternCapabilities`. */
export const PATTERN_CAPABILITIES_PROPS = knownProps<PatternCapabilities>('PatternCapabilities')(['add', 'reason']);

/**
 * The default resources of `WebService`, `Worker`, `NodeAgent`, `BatchJob` and `ScheduledJob`
 * containers: cpu 100m / 500m, memory 128Mi / 256Mi.
 */
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

/**
 * The default resources of `StatefulService` containers: cpu 250m / 1000m, memory 512Mi / 1024Mi (1Gi)
 * (databases and brokers such as MySQL, MongoDB or RabbitMQ do not start in 256Mi).
 */
export const DEFAULT_STATEFUL_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
  memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
};
