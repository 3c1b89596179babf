/**
 * The parts of a docker-compose file that `kubecraft convert` maps, normalized: every long and
 * short form of compose reduced to one shape (see `parse.ts`), so that code generation
 * (`codegen.ts`) never looks at raw YAML.
 */

/** A container health check (compose `healthcheck`), as an exec probe and its timings. */
export interface ComposeHealthcheck {
  /** The command run in the container (`CMD-SHELL x` becomes `['sh', '-c', 'x']`). */
  readonly command: readonly string[];
  /** `interval`, in whole seconds (rounded up). */
  readonly intervalSeconds?: number;
  /** `timeout`, in whole seconds (rounded up). */
  readonly timeoutSeconds?: number;
  /** `start_period`, in whole seconds (rounded up). */
  readonly startPeriodSeconds?: number;
  /** `retries`. */
  readonly retries?: number;
}

/** One side of `deploy.resources` (limits or reservations). */
export interface ComposeResourceAmount {
  /** CPUs in millicores (`cpus: '0.5'` is 500). */
  readonly cpuMillis?: number;
  /** Memory in MiB, rounded up. */
  readonly memoryMiB?: number;
}

/** A published or exposed port of a service. */
export interface ComposePort {
  /** The container port. */
  readonly container: number;
  /** The host port when published (`8080:80`), else undefined. */
  readonly published?: string;
  /** `tcp` or `udp`. */
  readonly protocol: string;
}

/** A named volume mounted in a service. */
export interface ComposeVolumeMount {
  /** The top-level volume's name. */
  readonly volume: string;
  /** Where it is mounted in the container. */
  readonly target: string;
  readonly readOnly: boolean;
}

/** A secret or config mounted as a file (compose `secrets:` / `configs:` of a service). */
export interface ComposeFileRef {
  /** The top-level secret or config name. */
  readonly source: string;
  /** The absolute path of the file in the container. */
  readonly target: string;
}

/** One compose service, normalized. */
export interface ComposeService {
  readonly name: string;
  /** The image; undefined for a build-only service. */
  readonly image?: string;
  /** Whether the service has a `build` section. */
  readonly build: boolean;
  /** `entrypoint` (Kubernetes `command`). */
  readonly entrypoint?: readonly string[];
  /** `command` (Kubernetes `args`). */
  readonly command?: readonly string[];
  /** `environment`, as a map; a variable without a value is in `notes`. */
  readonly environment: Readonly<Record<string, string>>;
  /** `ports` (published) then `expose` (container only). */
  readonly ports: readonly ComposePort[];
  readonly volumes: readonly ComposeVolumeMount[];
  /** `depends_on` and `links`, service names. */
  readonly dependsOn: readonly string[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly limits?: ComposeResourceAmount;
  readonly reservations?: ComposeResourceAmount;
  readonly replicas?: number;
  /** A numeric `user` (UID). */
  readonly user?: number;
  readonly secrets: readonly ComposeFileRef[];
  readonly configs: readonly ComposeFileRef[];
  /** What was not mapped, one line each. */
  readonly notes: readonly string[];
}

/** A top-level config: its file's content when it could be read. */
export interface ComposeConfig {
  readonly name: string;
  /** The file name the content is stored under in the ConfigMap. */
  readonly fileName: string;
  /** The content (`content:`, or the file read relative to the compose file). */
  readonly content?: string;
  /** Where it came from, for a comment. */
  readonly origin: string;
}

/** A whole compose file, normalized. */
export interface ComposeProject {
  /** The project name (`name:`, else the compose file's folder). */
  readonly name: string;
  readonly services: readonly ComposeService[];
  /** Top-level secrets: name to where it came from. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly configs: Readonly<Record<string, ComposeConfig>>;
  /** What was not mapped at the top level, one line each. */
  readonly notes: readonly string[];
}
