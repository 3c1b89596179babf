/**
 * What `kubecraft convert` knows about well-known images: the non-root user their Dockerfile
 * creates (docker starts most of them as root, and their entrypoint drops to that user), the
 * paths they write, and the names of well-known ports. Kubernetes here runs them as that user
 * from the start, with a read-only root filesystem and an emptyDir on each path they write.
 */
import { ComposeImageNeeds } from './model';

interface ImageEntry {
  /** Repositories (no registry, no `library/`), or a prefix ending in `/`. */
  readonly repositories: readonly string[];
  readonly userName: string;
  readonly uid: number;
  /** The UID in the image's alpine variants, when it differs. */
  readonly alpineUid?: number;
  readonly writablePaths: readonly string[];
  readonly writableRootReason?: string;
  readonly env?: (volumeTargets: readonly string[], env: Readonly<Record<string, string>>) => ComposeImageNeeds['env'];
}

const IMAGES: readonly ImageEntry[] = [
  {
    repositories: ['nginx'],
    userName: 'nginx',
    uid: 101,
    // the master process writes its pid (/run/nginx.pid, /var/run is a link to /run) and the
    // proxy/client body caches; the entrypoint's scripts skip what they cannot write
    writablePaths: ['/tmp', '/var/cache/nginx', '/run'],
  },
  { repositories: ['nginxinc/nginx-unprivileged'], userName: 'nginx', uid: 101, writablePaths: ['/tmp'] },
  {
    repositories: ['mariadb'],
    userName: 'mysql',
    uid: 999,
    writablePaths: ['/tmp', '/run/mysqld', '/var/lib/mysql'],
  },
  {
    repositories: ['mysql', 'mysql/mysql-server'],
    userName: 'mysql',
    uid: 999,
    writablePaths: ['/tmp', '/var/run/mysqld', '/var/lib/mysql-files', '/var/lib/mysql'],
  },
  {
    repositories: ['postgres', 'postgis/postgis', 'timescale/timescaledb'],
    userName: 'postgres',
    uid: 999,
    alpineUid: 70,
    writablePaths: ['/tmp', '/var/run/postgresql', '/var/lib/postgresql/data'],
    env: (targets, env) =>
      targets.includes('/var/lib/postgresql/data') && env.PGDATA === undefined
        ? {
            PGDATA: {
              value: '/var/lib/postgresql/data/pgdata',
              why: 'initdb needs an empty directory it owns; the root of a volume is neither (lost+found, root-owned)',
            },
          }
        : undefined,
  },
  {
    repositories: ['redis', 'redis/redis-stack-server'],
    userName: 'redis',
    uid: 999,
    writablePaths: ['/tmp', '/data'],
  },
  { repositories: ['valkey/valkey'], userName: 'valkey', uid: 999, writablePaths: ['/tmp', '/data'] },
  { repositories: ['mongo'], userName: 'mongodb', uid: 999, writablePaths: ['/tmp', '/data/db', '/data/configdb'] },
  {
    repositories: ['rabbitmq'],
    userName: 'rabbitmq',
    uid: 999,
    alpineUid: 100,
    writablePaths: ['/tmp', '/var/lib/rabbitmq', '/var/log/rabbitmq'],
  },
  { repositories: ['memcached'], userName: 'memcache', uid: 11211, writablePaths: ['/tmp'] },
  {
    repositories: ['nextcloud'],
    userName: 'www-data',
    uid: 33,
    alpineUid: 82,
    writablePaths: ['/tmp', '/var/www/html'],
    writableRootReason:
      "nextcloud's entrypoint writes PHP settings into /usr/local/etc/php/conf.d at every start, beside the image's own files there",
  },
  {
    repositories: ['wordpress'],
    userName: 'www-data',
    uid: 33,
    alpineUid: 82,
    writablePaths: ['/tmp', '/var/run/apache2', '/var/lock/apache2', '/var/www/html'],
  },
  {
    repositories: ['grafana/grafana', 'grafana/grafana-oss'],
    userName: 'grafana',
    uid: 472,
    writablePaths: ['/tmp', '/var/lib/grafana'],
  },
  { repositories: ['prom/prometheus'], userName: 'nobody', uid: 65534, writablePaths: ['/tmp', '/prometheus'] },
];

/** The repository of an image reference: no registry, no `library/`, no tag or digest. */
export function repositoryOf(image: string): string {
  let ref = image.split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/').toLowerCase();
}

/** The tag of an image reference, or undefined. */
function tagOf(image: string): string | undefined {
  const ref = image.split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : undefined;
}

/**
 * What `image` needs on Kubernetes, for images convert knows; the volume targets are left out of
 * the writable paths (the volumes are writable).
 */
export function imageNeeds(
  image: string,
  volumeTargets: readonly string[],
  env: Readonly<Record<string, string>>,
): ComposeImageNeeds | undefined {
  const repo = repositoryOf(image);
  const entry = IMAGES.find((e) => e.repositories.includes(repo));
  if (entry === undefined) return undefined;
  const alpine = /alpine/.test(tagOf(image) ?? '');
  const uid = alpine && entry.alpineUid !== undefined ? entry.alpineUid : entry.uid;
  const needs = entry.env?.(volumeTargets, env);
  return {
    userName: entry.userName,
    uid,
    writablePaths: entry.writablePaths.filter((p) => !volumeTargets.some((t) => t === p || p.startsWith(`${t}/`))),
    writableRootReason: entry.writableRootReason,
    env: needs,
    basis: `${repo}${alpine ? ' (alpine)' : ''} creates ${entry.userName} with UID ${uid}`,
  };
}

/** UIDs of user names that mean the same in every image convert knows (`user: www-data`). */
export function knownUserId(name: string, image: string | undefined): number | undefined {
  const universal: Record<string, number> = { root: 0, nobody: 65534 };
  if (name in universal) return universal[name];
  if (image === undefined) return undefined;
  const repo = repositoryOf(image);
  const entry = IMAGES.find((e) => e.repositories.includes(repo));
  if (entry === undefined || entry.userName !== name) return undefined;
  return /alpine/.test(tagOf(image) ?? '') && entry.alpineUid !== undefined ? entry.alpineUid : entry.uid;
}

/** Names of well-known ports (IANA service names where there is one). */
const PORT_NAMES: Readonly<Record<string, string>> = {
  '21': 'ftp',
  '22': 'ssh',
  '25': 'smtp',
  '53': 'dns',
  '53/udp': 'dns',
  '80': 'http',
  '110': 'pop3',
  '123/udp': 'ntp',
  '143': 'imap',
  '161/udp': 'snmp',
  '389': 'ldap',
  '443': 'https',
  '465': 'smtps',
  '514/udp': 'syslog',
  '587': 'submission',
  '636': 'ldaps',
  '993': 'imaps',
  '995': 'pop3s',
  '1433': 'mssql',
  '1521': 'oracle',
  '1883': 'mqtt',
  '2181': 'zookeeper',
  '2379': 'etcd-client',
  '3000': 'http',
  '3306': 'mysql',
  '4222': 'nats',
  '5000': 'http',
  '5432': 'postgres',
  '5601': 'http',
  '5672': 'amqp',
  '5984': 'http',
  '6379': 'redis',
  '7474': 'http',
  '7687': 'bolt',
  '8000': 'http',
  '8008': 'http',
  '8080': 'http',
  '8081': 'http',
  '8086': 'http',
  '8443': 'https',
  '8883': 'secure-mqtt',
  '8888': 'http',
  '8983': 'http',
  '9042': 'cql',
  '9090': 'http',
  '9092': 'kafka',
  '9200': 'http',
  '11211': 'memcache',
  '15672': 'http',
  '27017': 'mongodb',
  '50051': 'grpc',
};

/**
 * A name for each port, by what it is: the well-known name (`redis` for 6379, `http` for 8080,
 * compose's own `name` when given), else `tcp-<port>` / `udp-<port>`; a name taken twice gets
 * the port number (`http-8081`). Names are IANA service names (at most 15 characters).
 */
export function portNames(ports: readonly { container: number; protocol: string; name?: string }[]): string[] {
  const taken = new Set<string>();
  return ports.map((p) => {
    const own =
      p.name !== undefined &&
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.name) &&
      /[a-z]/.test(p.name) &&
      p.name.length <= 15
        ? p.name
        : undefined;
    const known = own ?? PORT_NAMES[p.protocol === 'tcp' ? String(p.container) : `${p.container}/${p.protocol}`];
    let name = known ?? `${p.protocol}-${p.container}`;
    if (taken.has(name)) name = `${name.slice(0, 15 - String(p.container).length - 1)}-${p.container}`;
    if (taken.has(name)) name = `${p.protocol}-${p.container}`;
    taken.add(name);
    return name;
  });
}
