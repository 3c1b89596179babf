/**
 * The run context: every environment variable kubecraft reads or sets, in one place. The
 * `kubecraft` CLI hands its options to the app it runs through them (the app may run in the
 * CLI's process, in a child process, or under `cdk8s synth`, which knows only the environment),
 * and the app and the library read them back here. Nothing else in the library touches
 * `process.env`.
 */
export const RUN_VARIABLES = {
  /** The environments to synthesize (`kubecraft synth --env a,b`). */
  environments: 'KUBECRAFT_ENV',
  /** The Kubernetes version to validate for (`--kubernetes-version`). */
  kubernetesVersion: 'KUBECRAFT_KUBERNETES_VERSION',
  /** Why this revision exists (`--change-cause`): the workloads' `kubernetes.io/change-cause`. */
  changeCause: 'KUBECRAFT_CHANGE_CAUSE',
  /** The output folder, as cdk8s names it (`--output`, and `cdk8s synth`'s own). */
  outdir: 'CDK8S_OUTDIR',
  /** Where kubecraft keeps what it can reuse between runs: parsed upstream YAML, compiled CRD validators (default: the project's `.kubecraft/cache/`). */
  cacheDir: 'KUBECRAFT_CACHE_DIR',
  /** `0` turns off the CLI's V8 code cache. */
  codeCache: 'KUBECRAFT_CODE_CACHE',
  /** The kubectl `kubecraft apply` and `diff --cluster` run (default: `kubectl` from the PATH). */
  kubectl: 'KUBECTL',
  /** The folder of the docker configuration `kubecraft publish` and `pull` read credentials from (docker's own variable). */
  dockerConfig: 'DOCKER_CONFIG',
  /** The user's home folder (the default docker configuration is `~/.docker/config.json`). */
  home: 'HOME',
  /** Node's own options: a startup snapshot is not used under them (Node refuses a blob under V8 flags it was not built with). */
  nodeOptions: 'NODE_OPTIONS',
} as const;

/** A setting of the run context. */
export type RunSetting = keyof typeof RUN_VARIABLES;

/** The value of `setting` in this process's environment; an empty value counts as unset. */
export function runSetting(setting: RunSetting): string | undefined {
  const value = process.env[RUN_VARIABLES[setting]];
  return value === undefined || value === '' ? undefined : value;
}

/** Sets `setting` for this process and the processes it starts (`undefined` unsets it). */
export function setRunSetting(setting: RunSetting, value: string | undefined): void {
  if (value === undefined) delete process.env[RUN_VARIABLES[setting]];
  else process.env[RUN_VARIABLES[setting]] = value;
}

/** Sets `setting` unless it is set already (the user's own environment wins). */
export function defaultRunSetting(setting: RunSetting, value: string): void {
  if (runSetting(setting) === undefined) setRunSetting(setting, value);
}

/**
 * The environment of a process kubecraft starts (kubectl, the cdk8s CLI, a compiler): this
 * process's own, with `extra` on top.
 */
export function childEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/**
 * The user's environment as a read-only map, for what interpolates it on the user's behalf
 * (docker-compose files, as `docker compose` does).
 */
export function userEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
