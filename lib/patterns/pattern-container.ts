import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

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
   * The non-root UID (and GID) the container runs as.
   *
   * @default 1000
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

/** Container props for a pattern's main container (name, ports and probes are added by the pattern). */
export function patternContainerProps(options: PatternContainerOptions): kplus.ContainerProps {
  const user = options.user ?? 1000;
  if (!Number.isInteger(user) || user <= 0)
    throw new Error(
      `user must be a positive, non-root UID (is ${user}); relax policy/run-as-non-root on the construct to run as root`,
    );
  const env: Record<string, kplus.EnvValue> = {};
  for (const [k, v] of Object.entries(options.env ?? {}))
    env[k] = typeof v === 'string' ? kplus.EnvValue.fromValue(v) : v;
  return {
    image: options.image,
    command: options.command ? [...options.command] : undefined,
    args: options.args ? [...options.args] : undefined,
    envVariables: env,
    resources: options.resources ?? DEFAULT_PATTERN_RESOURCES,
    securityContext: { user, group: user, ensureNonRoot: true },
  };
}

/** Mounts the pattern's writable paths and files into `container`. */
export function mountPatternVolumes(
  scope: Construct,
  container: kplus.Container,
  options: PatternContainerOptions,
): void {
  const paths = options.writablePaths ?? ['/tmp'];
  paths.forEach((path, i) => {
    if (!path.startsWith('/')) throw new Error(`writablePaths must be absolute (is '${path}')`);
    container.mount(path, kplus.Volume.fromEmptyDir(scope, `writable-${i}`, `writable-${i}`));
  });
  (options.files ?? []).forEach((f, i) => {
    const volume = isSecret(f.from)
      ? kplus.Volume.fromSecret(scope, `files-${i}`, f.from, { name: `files-${i}` })
      : kplus.Volume.fromConfigMap(scope, `files-${i}`, f.from, { name: `files-${i}` });
    container.mount(f.path, volume, { readOnly: true });
  });
  for (const source of options.envFrom ?? []) {
    container.env.copyFrom(isSecret(source) ? kplus.Env.fromSecret(source) : kplus.Env.fromConfigMap(source));
  }
}

function isSecret(x: kplus.IConfigMap | kplus.ISecret): x is kplus.ISecret {
  return x.resourceType === 'secrets';
}
