/**
 * Every key of the compose specification (services.md, deploy.md, and the top-level elements),
 * and what `kubecraft convert` does with it. A key the parser meets is either mapped, or listed
 * in the generated file with the `why` below (or a more precise note the parser writes); a key
 * that is not in these tables is reported as unknown.
 */

/** How convert handles a key. */
export type KeyHandling = 'mapped' | 'partly' | 'not mapped' | 'nothing to deploy';

/** A compose key: how it is handled, and what that means (for a note, the reason it is not mapped). */
export interface ComposeKey {
  readonly handling: KeyHandling;
  readonly what: string;
}

const mapped = (what: string): ComposeKey => ({ handling: 'mapped', what });
const partly = (what: string): ComposeKey => ({ handling: 'partly', what });
const not = (what: string): ComposeKey => ({ handling: 'not mapped', what });
const nothing = (what: string): ComposeKey => ({ handling: 'nothing to deploy', what });

const HOST_LEVEL =
  'a host or container-runtime setting that the restricted Pod Security Standard and the kubelet do not offer';

/** The keys of a service. */
export const SERVICE_KEYS: Readonly<Record<string, ComposeKey>> = {
  annotations: mapped('pod annotations'),
  attach: nothing('which logs `docker compose up` prints: kubectl logs reads any pod'),
  blkio_config: not(`block IO limits: ${HOST_LEVEL}`),
  build: partly(
    "with `image`: the image, which must be pushed where the cluster pulls from; without: the chart takes the image (`images.<service>`, from `<SERVICE>_IMAGE` when run), as the cluster cannot build; build options (args, target, ...) stay docker's",
  ),
  cap_add: partly(
    'NET_BIND_SERVICE: a port below 1024 gets bindLowPorts; any other capability breaks the restricted Pod Security Standard: add `capabilities: { add, reason }` yourself if the service needs it',
  ),
  cap_drop: mapped('every capability is dropped (ALL)'),
  cgroup: not(`the cgroup namespace: ${HOST_LEVEL}`),
  cgroup_parent: not(`the parent cgroup: ${HOST_LEVEL}`),
  command: mapped('args (the image ENTRYPOINT stays unless `entrypoint` is set)'),
  configs: partly(
    'a ConfigMap per config, mounted at the target (content from `content`, `file` or `environment`); uid, gid and mode are not mapped',
  ),
  container_name: partly(
    'the container name; the name does not resolve in the cluster: clients use the Service, named after the service',
  ),
  cpu_count: not('Windows CPU count: use deploy.resources (or cpus)'),
  cpu_percent: not('Windows CPU percentage: use deploy.resources (or cpus)'),
  cpu_period: not('CFS period: Kubernetes sets CPU by limits (deploy.resources or cpus)'),
  cpu_quota: not('CFS quota: Kubernetes sets CPU by limits (deploy.resources or cpus)'),
  cpu_rt_period: not(`realtime scheduling: ${HOST_LEVEL}`),
  cpu_rt_runtime: not(`realtime scheduling: ${HOST_LEVEL}`),
  cpu_shares: not('relative CPU weight: Kubernetes derives it from the CPU request (deploy.resources.reservations)'),
  cpus: mapped('the CPU limit (deploy.resources.limits.cpus wins)'),
  cpuset: not(`CPU pinning: ${HOST_LEVEL} (the kubelet's CPU manager pins Guaranteed pods)`),
  credential_spec: not('Windows gMSA credentials: not supported by convert'),
  depends_on: partly(
    'connectTo (address variables and network policy); Kubernetes has no start order: a condition (service_healthy, service_completed_successfully) is listed, and the client must retry until its dependency is ready',
  ),
  deploy: partly('replicas, resources (limits, reservations); the other deploy keys are listed'),
  develop: nothing('compose watch (file sync while developing)'),
  device_cgroup_rules: not(`device access: ${HOST_LEVEL}`),
  devices: not(`host devices: ${HOST_LEVEL} (a device plugin exposes devices as resources)`),
  dns: not('custom DNS servers: pods use the cluster DNS, which resolves Services; add dnsConfig if needed'),
  dns_opt: not('resolver options: add dnsConfig to the pod spec if needed'),
  dns_search: not('DNS search domains: pods search their namespace; add dnsConfig if needed'),
  domainname: not('the container domain name: pods get cluster DNS names'),
  entrypoint: mapped('command'),
  env_file: mapped(
    'read as compose reads it (quotes, comments, interpolation, `required`, `format: raw`), into a ConfigMap per file used by envFrom; variables whose names look like credentials go to an ExistingSecret instead of the file',
  ),
  environment: partly(
    'env; a variable without a value (taken by compose from the environment of whoever runs it) is listed, not copied into the app',
  ),
  expose: mapped('ports of the container and its Service'),
  extends: mapped('followed (same file and other files), merged by the compose merge rules'),
  external_links: not('containers outside the compose project: reach them by a DNS name, or an ExternalName Service'),
  extra_hosts: not('/etc/hosts entries: add hostAliases to the pod spec if needed'),
  gpus: not('GPU access: request the device plugin resource (e.g. nvidia.com/gpu) in resources'),
  group_add: not('supplementary groups: the pattern runs as one user and group (add supplementalGroups if needed)'),
  healthcheck: mapped(
    'an exec probe (readiness and liveness; readiness only for a StatefulService) with interval, timeout, start_period and retries',
  ),
  hostname: not('the container host name: pods are named by Kubernetes; the Service name is the stable DNS name'),
  image: mapped('the image'),
  init: not('an init process (PID 1): use an image with tini (or dumb-init) as its entrypoint'),
  ipc: not(`IPC namespace sharing: ${HOST_LEVEL}`),
  isolation: not('Windows isolation technology'),
  label_file: mapped('read like an env file, into pod annotations (labels win)'),
  labels: mapped('pod annotations (Docker tools that read labels, such as traefik, do not read them there)'),
  links: mapped('connectTo; an alias does not resolve in the cluster (listed when an environment value uses it)'),
  logging: not('the log driver: Kubernetes keeps container stdout and stderr; a cluster log agent ships them'),
  mac_address: not('a fixed MAC address: the cluster network assigns interfaces'),
  mem_limit: mapped('the memory limit (deploy.resources.limits.memory wins)'),
  mem_reservation: mapped('the memory request (deploy.resources.reservations.memory wins)'),
  mem_swappiness: not(`swap tuning: ${HOST_LEVEL}`),
  memswap_limit: not(`swap limit: ${HOST_LEVEL}`),
  models: not('AI models run by Docker Model Runner: no Kubernetes equivalent'),
  network_mode: not(
    'host, none or another service’s network: host networking breaks the baseline Pod Security Standard; a shared network namespace means one pod (put the containers together with extraContainers)',
  ),
  networks: partly(
    'every service shares the namespace; AppNetwork.isolate(chart) allows exactly the connectTo traffic; aliases do not resolve (listed when an environment value uses them)',
  ),
  oom_kill_disable: not(`OOM killer settings: ${HOST_LEVEL}`),
  oom_score_adj: not(`OOM score: ${HOST_LEVEL} (Kubernetes derives it from the QoS class)`),
  pid: not(`PID namespace sharing: ${HOST_LEVEL}`),
  pids_limit: not(`a PID limit: ${HOST_LEVEL} (set per node by the kubelet)`),
  platform: mapped('a nodeSelector on kubernetes.io/os and kubernetes.io/arch'),
  ports: mapped(
    'container and Service ports; published ports are reached from outside: a LoadBalancer (or NodePort for ports compose publishes on an ephemeral host port); ports published on the host’s loopback only stay inside the cluster',
  ),
  post_start: partly('the postStart hook (the first command; user, privileged and working_dir are not mapped)'),
  pre_stop: partly('the preStop hook (the first command; user, privileged and working_dir are not mapped)'),
  privileged: not('a privileged container breaks the baseline Pod Security Standard: it is root on the node'),
  profiles: mapped(
    'services of profiles that are not active are left out, as compose leaves them out; activate profiles with --profile or COMPOSE_PROFILES',
  ),
  provider: not('a service run by an external provider: create it outside the app and give its address in env'),
  pull_policy: partly('imagePullPolicy (always, never, missing); build and daily/weekly/every_<d> have no equivalent'),
  read_only: mapped('kubecraft’s root filesystem is read-only anyway; tmpfs and volumes stay writable'),
  restart: partly(
    'Deployments and StatefulSets always restart their containers (always, unless-stopped); no and on-failure are listed (a run-once service is a BatchJob)',
  ),
  runtime: not('the OCI runtime: use a RuntimeClass (runtimeClassName) if the cluster offers one'),
  scale: mapped('replicas (deploy.replicas wins)'),
  secrets: partly(
    'an ExistingSecret per secret (created outside the app, with the kubectl command in a comment), mounted at the target; uid, gid and mode are not mapped',
  ),
  security_opt: not('seccomp, AppArmor and SELinux options: the pattern sets RuntimeDefault seccomp'),
  shm_size: mapped('a memory-backed emptyDir at /dev/shm with that size limit'),
  stdin_open: not('an open stdin: pods run without a terminal; use kubectl exec or kubectl attach'),
  stop_grace_period: mapped('terminationGracePeriod'),
  stop_signal: not('the stop signal: Kubernetes sends SIGTERM (handle it, or a preStop hook)'),
  storage_opt: not(`storage driver options: ${HOST_LEVEL}`),
  sysctls: not(
    'kernel parameters: only the safe sysctls pass the Pod Security Standards; add them to the pod yourself',
  ),
  tmpfs: mapped('a memory-backed emptyDir at each path'),
  tty: not('a TTY: pods run without a terminal; use kubectl exec -it'),
  ulimits: not(`resource limits of the process: ${HOST_LEVEL} (set per node by the container runtime)`),
  use_api_socket: not('access to the Docker API: no Kubernetes equivalent (and a privilege escalation)'),
  user: mapped(
    'the UID (numeric, or a user name well-known for the image); the group is the same number in the pattern',
  ),
  userns_mode: not('user namespace mode: use hostUsers: false on clusters that support user namespaces'),
  uts: not(`UTS namespace sharing: ${HOST_LEVEL}`),
  volumes: partly(
    'named volumes: PersistentVolumeClaims (a StatefulService claims its first); anonymous volumes: emptyDirs; tmpfs: memory-backed emptyDirs; a bind mount of a file: a ConfigMap mounted at the target; other bind mounts are listed (host paths do not exist on cluster nodes)',
  ),
  volumes_from: not('volumes of another service: mount the same PersistentVolumeClaim in both (ReadWriteMany)'),
  working_dir: mapped('workingDir of the main container'),
  // legacy keys of compose file format 1 and 2
  dockerfile: partly('legacy build option: as build'),
  log_driver: not('legacy logging option: as logging'),
  log_opt: not('legacy logging option: as logging'),
  net: not('legacy network_mode'),
  volume_driver: not('legacy volume driver: set a StorageClass on the claims'),
};

/** The keys of a service's `deploy` section. */
export const DEPLOY_KEYS: Readonly<Record<string, ComposeKey>> = {
  endpoint_mode: not('swarm load balancing (vip, dnsrr): a Service has a virtual IP; a headless Service is dnsrr'),
  labels: not('labels of the swarm service: the pattern sets the recommended labels'),
  mode: partly('replicated; global (one container per node) is listed: that is a NodeAgent (DaemonSet)'),
  placement: not('swarm placement constraints and preferences: use nodeSelector, nodeAffinity or topologySpread'),
  replicas: mapped('replicas'),
  resources: partly('limits and reservations of cpus and memory; pids, devices and generic_resources are listed'),
  restart_policy: not('Deployments and StatefulSets always restart their containers'),
  rollback_config: not('swarm rollback: kubectl rollout undo'),
  update_config: not('swarm update settings: the patterns roll out (maxSurge, updateStrategy)'),
};

/** The top-level keys. */
export const TOP_LEVEL_KEYS: Readonly<Record<string, ComposeKey>> = {
  version: nothing('obsolete: informative only'),
  name: mapped('the project name: the namespace and the chart class (COMPOSE_PROJECT_NAME wins, as in compose)'),
  services: mapped('the patterns (WebService, StatefulService, Worker)'),
  networks: partly(
    'listed: every service shares the namespace; AppNetwork.isolate(chart) allows exactly the connectTo traffic',
  ),
  volumes: partly(
    'the claims of the services that mount them (1Gi each: compose gives no size); external volumes are existing claims; driver and driver_opts are listed',
  ),
  configs: mapped('ConfigMaps of the configs services use'),
  secrets: mapped('ExistingSecrets of the secrets services use, created outside the app'),
  include: mapped('the included files are loaded, their services, volumes, configs and secrets added'),
  models: not('AI models run by Docker Model Runner: no Kubernetes equivalent'),
};

/** Whether `key` is an extension field (`x-...`), which compose ignores. */
export function isExtension(key: string): boolean {
  return key.startsWith('x-');
}

/** The tables as markdown, for `kubecraft convert --keys`. */
export function keyTable(): string {
  const rows = (title: string, keys: Readonly<Record<string, ComposeKey>>, prefix = ''): string[] => [
    `### ${title}`,
    '',
    '| key | handling | what convert does |',
    '| --- | --- | --- |',
    ...Object.entries(keys)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `| \`${prefix}${k}\` | ${v.handling} | ${v.what.replace(/\|/g, '\\|')} |`),
    '',
  ];
  return [
    ...rows('Top-level keys', TOP_LEVEL_KEYS),
    '`x-*` extension fields: nothing to deploy (compose ignores them; their anchors are merged where used).',
    '',
    ...rows('Service keys', SERVICE_KEYS),
    ...rows('deploy keys', DEPLOY_KEYS, 'deploy.'),
  ].join('\n');
}
