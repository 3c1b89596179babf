/**
 * The parts of a docker-compose project that `kubecraft convert` maps, normalized: every long and
 * short form of compose reduced to one shape (see `parse.ts`), after interpolation, `include`,
 * `extends` and profiles (`load.ts`), so that code generation (`codegen.ts`) never looks at raw
 * YAML.
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

/** Where compose publishes a port on the host. */
export interface ComposePublish {
  /** The host port (`8080`), or undefined when compose picks an ephemeral one. */
  readonly hostPort?: number;
  /** The host IP it binds to, when one is given (`127.0.0.1`). */
  readonly hostIp?: string;
  /** A host port range as written (`8000-8005`), when compose picks one of several. */
  readonly range?: string;
}

/** A published or exposed port of a service. */
export interface ComposePort {
  /** The container port. */
  readonly container: number;
  /** `tcp` or `udp`. */
  readonly protocol: 'tcp' | 'udp';
  /** Where it is published on the host; undefined for a port only exposed to the network. */
  readonly publish?: ComposePublish;
  /** The long syntax's `name`, when given. */
  readonly name?: string;
}

/** A named volume mounted in a service. */
export interface ComposeVolumeMount {
  /** The top-level volume's name. */
  readonly volume: string;
  /** Where it is mounted in the container. */
  readonly target: string;
  readonly readOnly: boolean;
  /** `volume.subpath`: the part of the volume mounted. */
  readonly subPath?: string;
}

/** A scratch mount: an anonymous volume (disk) or a tmpfs (memory). */
export interface ComposeScratchMount {
  readonly target: string;
  readonly memory: boolean;
  /** A tmpfs size, in MiB. */
  readonly sizeMiB?: number;
}

/** A bind mount of one host file, mapped to a ConfigMap mounted at the target. */
export interface ComposeFileMount {
  /** The key of the project's `files` entry. */
  readonly file: string;
  readonly target: string;
}

/** A secret or config mounted as a file (compose `secrets:` / `configs:` of a service). */
export interface ComposeFileRef {
  /** The top-level secret or config name. */
  readonly source: string;
  /** The absolute path of the file in the container. */
  readonly target: string;
}

/** A dependency (`depends_on`, `links`). */
export interface ComposeDependency {
  readonly service: string;
  /** `service_started` (also `links` and the short syntax), `service_healthy` or `service_completed_successfully`. */
  readonly condition: string;
  /** `required: false`: compose only warns when it is missing. */
  readonly required: boolean;
}

/** A lifecycle hook (`post_start`, `pre_stop`): its command. */
export type ComposeHook = readonly string[];

/** What a service's image is known to need (`images.ts`). */
export interface ComposeImageNeeds {
  /** The image's own non-root user, as `name (UID n)`. */
  readonly userName: string;
  readonly uid: number;
  /** Paths it writes besides its volumes (each gets an emptyDir). */
  readonly writablePaths: readonly string[];
  /** Why it needs a writable root filesystem, when a list of paths is not enough. */
  readonly writableRootReason?: string;
  /** Environment the image needs on Kubernetes (e.g. PGDATA below the volume's root), with why. */
  readonly env?: Readonly<Record<string, { readonly value: string; readonly why: string }>>;
  /** Where this knowledge comes from (the image's Dockerfile), for the comment. */
  readonly basis: string;
}

/** One compose service, normalized. */
export interface ComposeService {
  readonly name: string;
  /** The image; undefined for a build-only service. */
  readonly image?: string;
  /** The build context (relative to the compose file when inside its folder), when `build` is given. */
  readonly buildContext?: string;
  /** The image name compose gives a built image without `image:` (`<project>-<service>`). */
  readonly builtImageName?: string;
  /** `entrypoint` (Kubernetes `command`). */
  readonly entrypoint?: readonly string[];
  /** `command` (Kubernetes `args`). */
  readonly command?: readonly string[];
  /** `environment`, as a map; a variable without a value is in `notes`. */
  readonly environment: Readonly<Record<string, string>>;
  /** The project's env files (`envFiles` keys) this service reads, in order (later ones win). */
  readonly envFiles: readonly string[];
  /** `ports` (published) then `expose` (container only), unique by port and protocol. */
  readonly ports: readonly ComposePort[];
  readonly volumes: readonly ComposeVolumeMount[];
  readonly scratch: readonly ComposeScratchMount[];
  readonly fileMounts: readonly ComposeFileMount[];
  /** `depends_on` and `links`. */
  readonly dependsOn: readonly ComposeDependency[];
  /** Other names the service is known by under compose (`container_name`, network and link aliases). */
  readonly aliases: readonly string[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly limits?: ComposeResourceAmount;
  readonly reservations?: ComposeResourceAmount;
  readonly replicas?: number;
  /** The UID (`user`, numeric or a name known for the image). */
  readonly user?: number;
  /** Where `user` came from, for the comment. */
  readonly userOrigin?: string;
  /** `read_only: true`: the compose author already runs it with a read-only root filesystem. */
  readonly readOnly: boolean;
  /** What the image is known to need, for images convert knows. */
  readonly imageNeeds?: ComposeImageNeeds;
  readonly secrets: readonly ComposeFileRef[];
  readonly configs: readonly ComposeFileRef[];
  /** `labels`, `label_file` and `annotations`: pod annotations. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  readonly containerName?: string;
  readonly stopGracePeriodSeconds?: number;
  /** `platform` as node labels (`kubernetes.io/os`, `kubernetes.io/arch`). */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** `pull_policy`: `Always`, `Never` or `IfNotPresent`. */
  readonly pullPolicy?: 'ALWAYS' | 'NEVER' | 'IF_NOT_PRESENT';
  /** `shm_size` in MiB. */
  readonly shmSizeMiB?: number;
  readonly postStart?: ComposeHook;
  readonly preStop?: ComposeHook;
  /** What was not mapped, one line each. */
  readonly notes: readonly string[];
}

/** A top-level config: its file's content when it could be read. */
export interface ComposeConfig {
  readonly name: string;
  /** The file name the content is stored under in the ConfigMap. */
  readonly fileName: string;
  /** The content (`content:`, `environment:`, or the file read relative to the compose file). */
  readonly content?: string;
  /** Where it came from, for a comment. */
  readonly origin: string;
}

/** An env file (`env_file`), read as compose reads it. */
export interface ComposeEnvFile {
  /** Its path, relative to the compose file when inside its folder. */
  readonly path: string;
  /** The variables that go to a ConfigMap. */
  readonly values: Readonly<Record<string, string>>;
  /** The variables whose names look like credentials: their values stay out of the app. */
  readonly secretKeys: readonly string[];
  /** Variables named without a value (compose takes them from its environment): listed, not copied. */
  readonly fromHost: readonly string[];
}

/** A host file bind-mounted into a service, put into a ConfigMap. */
export interface ComposeHostFile {
  /** Its path, relative to the compose file when inside its folder. */
  readonly path: string;
  readonly content: string;
}

/** A whole compose project, normalized. */
export interface ComposeProject {
  /** The project name (COMPOSE_PROJECT_NAME, `name:`, else the compose file's folder). */
  readonly name: string;
  /** The services that run (inactive profiles left out). */
  readonly services: readonly ComposeService[];
  /** Services left out because their profiles are not active. */
  readonly excluded: readonly { readonly name: string; readonly profiles: readonly string[] }[];
  readonly activeProfiles: readonly string[];
  /** Top-level secrets: name to where it came from. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly configs: Readonly<Record<string, ComposeConfig>>;
  /** Env files by key. */
  readonly envFiles: Readonly<Record<string, ComposeEnvFile>>;
  /** Host files bind-mounted by services, by key. */
  readonly hostFiles: Readonly<Record<string, ComposeHostFile>>;
  /** Top-level volumes declared `external` (existing claims), with their names. */
  readonly externalVolumes: Readonly<Record<string, string>>;
  /** The variables interpolated at convert time, and where each came from. */
  readonly variables: readonly { readonly name: string; readonly source: string }[];
  /** Warnings for the person converting (printed on stderr, and listed in the file). */
  readonly warnings: readonly string[];
  /** What was not mapped at the top level, one line each. */
  readonly notes: readonly string[];
}
