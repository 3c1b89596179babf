import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ConstructError, inScope } from '../../core/errors';
import { assertValid } from '../../values/assert-valid';
import { dns1123LabelProblems } from '../../values/dns-name';
import { DEFAULT_PATTERN_RESOURCES, DEFAULT_WRITABLE_PATHS, PatternContainerOptions } from '../pattern-container';
import { leaveImagePullPolicyUnset } from './image-pull-policy';
import { PodUser, runAs, withPodUser } from './pod-user';
import { resolveCapabilities, resolveWritableRoot } from './reasoned-exceptions';

/** What a pattern adds to its main container besides `PatternContainerOptions`. */
export interface MainContainerOptions {
  /**
   * The ports the container listens on.
   *
   * @default - none
   */
  readonly ports?: kplus.ContainerPort[];
  /**
   * Liveness probe.
   *
   * @default - none
   */
  readonly liveness?: kplus.Probe;
  /**
   * Readiness probe.
   *
   * @default - none
   */
  readonly readiness?: kplus.Probe;
  /**
   * The container's security context.
   *
   * @default - runs as the pattern's `user` and group, never as root
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
  /**
   * The resources when the props give none.
   *
   * @default DEFAULT_PATTERN_RESOURCES
   */
  readonly defaultResources?: kplus.ContainerResources;
}

/** The pattern a main container is added for: its name, whom its pods run as, its extra containers. */
export interface MainContainerOwner extends PodUser {
  /** The pattern: errors name it, volumes are created in it. */
  readonly scope: Construct;
  /** The pattern's name: the container's name unless `containerName` is given. */
  readonly name: string;
  /** Containers added after the main one (`PatternPodOptions.extraContainers`). */
  readonly extraContainers?: readonly kplus.ContainerProps[];
}

/**
 * Adds the main container to `workload`: named after the pattern, running `props` with the
 * pattern defaults (resources, non-root user), with `options` (ports, probes); mounts an
 * `emptyDir` at each writable path and each file, and copies `envFrom`.
 */
export function addMainContainer(
  pattern: MainContainerOwner,
  workload: kplus.AbstractPod,
  props: PatternContainerOptions,
  options: MainContainerOptions = {},
): kplus.Container {
  const env: Record<string, kplus.EnvValue> = {};
  for (const [k, v] of Object.entries(props.env ?? {}))
    env[k] = typeof v === 'string' ? kplus.EnvValue.fromValue(v) : v;
  const containerName = props.containerName ?? pattern.name;
  assertValid(pattern.scope, 'containerName', containerName, dns1123LabelProblems(containerName));
  const container = inScope(pattern.scope, undefined, () =>
    workload.addContainer({
      name: containerName,
      image: props.image,
      command: props.command ? [...props.command] : undefined,
      args: props.args ? [...props.args] : undefined,
      envVariables: env,
      resources: props.resources ?? options.defaultResources ?? DEFAULT_PATTERN_RESOURCES,
      securityContext: options.securityContext ?? containerSecurityContext(pattern, props),
      ports: options.ports,
      liveness: options.liveness,
      readiness: options.readiness,
      startup: props.startup,
      imagePullPolicy: props.imagePullPolicy,
      lifecycle: props.lifecycle
        ? { postStart: props.lifecycle.postStart, preStop: props.lifecycle.preStop }
        : undefined,
    }),
  );
  if (props.imagePullPolicy === undefined)
    leaveImagePullPolicyUnset(workload, 'containers', workload.containers.length - 1);
  mountVolumes(pattern, container, props);
  (pattern.extraContainers ?? []).forEach((c, i) => {
    inScope(pattern.scope, `extraContainers[${i}]`, () => workload.addContainer(withPodUser(c, pattern)));
    if (c.imagePullPolicy === undefined)
      leaveImagePullPolicyUnset(workload, 'containers', workload.containers.length - 1);
  });
  return container;
}

/**
 * The main container's security context: non-root as `user` (or root when reasoned), a
 * read-only root filesystem unless reasoned otherwise, ALL capabilities dropped plus those
 * `capabilities` adds.
 */
export function containerSecurityContext(
  pattern: MainContainerOwner,
  props: PatternContainerOptions,
): kplus.ContainerSecurityContextProps {
  const base = runAs(pattern);
  const writable = resolveWritableRoot(pattern.scope, props);
  const add = resolveCapabilities(pattern.scope, props);
  return {
    ...base,
    ...(writable ? { readOnlyRootFilesystem: false } : {}),
    ...(add.length > 0 ? { capabilities: { drop: ['ALL' as kplus.Capability], add } } : {}),
  };
}

function mountVolumes(pattern: MainContainerOwner, container: kplus.Container, props: PatternContainerOptions): void {
  const paths = props.writablePaths ?? DEFAULT_WRITABLE_PATHS;
  paths.forEach((path, i) => {
    if (!path.startsWith('/'))
      throw new ConstructError(pattern.scope, `must be absolute (is '${path}')`, { prop: `writablePaths[${i}]` });
    container.mount(path, kplus.Volume.fromEmptyDir(pattern.scope, `writable-${i}`, `writable-${i}`));
  });
  (props.files ?? []).forEach((f, i) => {
    if (!f.path.startsWith('/'))
      throw new ConstructError(pattern.scope, `must be absolute (is '${f.path}')`, { prop: `files[${i}].path` });
    const volume = isSecret(f.from)
      ? kplus.Volume.fromSecret(pattern.scope, `files-${i}`, f.from, { name: `files-${i}` })
      : kplus.Volume.fromConfigMap(pattern.scope, `files-${i}`, f.from, { name: `files-${i}` });
    container.mount(f.path, volume, { readOnly: true });
  });
  (props.mounts ?? []).forEach((m, i) => {
    if (!m.path.startsWith('/'))
      throw new ConstructError(pattern.scope, `must be absolute (is '${m.path}')`, { prop: `mounts[${i}].path` });
    inScope(pattern.scope, `mounts[${i}]`, () =>
      container.mount(m.path, m.volume, { readOnly: m.readOnly, subPath: m.subPath }),
    );
  });
  for (const source of props.envFrom ?? []) {
    container.env.copyFrom(isSecret(source) ? kplus.Env.fromSecret(source) : kplus.Env.fromConfigMap(source));
  }
}

function isSecret(x: kplus.IConfigMap | kplus.ISecret): x is kplus.ISecret {
  return x.resourceType === 'secrets';
}
