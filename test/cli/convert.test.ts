import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { floatingTag } from '../../lib/upstream/compose/codegen';
import { interpolate, InterpolationError, parseEnvFile } from '../../lib/upstream/compose/interpolate';
import { DEPLOY_KEYS, SERVICE_KEYS, TOP_LEVEL_KEYS } from '../../lib/upstream/compose/keys';
import { commandLine, mebibytes, parseCompose, seconds } from '../../lib/upstream/compose/parse';

// kubecraft convert: each compose fixture becomes an app that validates clean, run by the runner
// from the repository's sources, with the app importing the repository's lib/.
const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'scripts', 'kubecraft.mjs');
const fixtures = path.join(root, 'test', 'fixtures', 'compose');

/** The environment of the spawned CLI: this process's, without compose's own variables, plus `extra`. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['COMPOSE_PROFILES', 'COMPOSE_PROJECT_NAME', 'LOG_LEVEL', 'TAG', 'REGISTRY', 'APP_IMAGE'])
    delete env[k];
  return { ...env, ...extra };
}

function kubecraft(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: environment(env) });
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-convert-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "convert-test", "private": true }\n');
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const converted = new Map<string, { file: string; text: string; stderr: string }>();
const synthesized = new Map<string, Record<string, any>[]>();

/** Converts `fixture` into the temp project (once per fixture and options) and returns the app's path, text and stderr. */
function convert(
  fixture: string,
  options: { args?: string[]; env?: Record<string, string>; out?: string } = {},
): { file: string; text: string; stderr: string } {
  const id = JSON.stringify([fixture, options]);
  if (!converted.has(id)) converted.set(id, convertNow(fixture, options));
  return converted.get(id)!;
}

function convertNow(
  fixture: string,
  options: { args?: string[]; env?: Record<string, string>; out?: string } = {},
): { file: string; text: string; stderr: string } {
  const file = path.join(dir, options.out ?? `${fixture.replace(/[/.]/g, '-')}.ts`);
  const r = kubecraft(
    [
      'convert',
      path.join(fixtures, fixture),
      '--import-from',
      path.join(root, 'lib'),
      '-o',
      file,
      ...(options.args ?? []),
    ],
    options.env,
  );
  expect(r.status).toBe(0);
  return { file, text: fs.readFileSync(file, 'utf8'), stderr: r.stderr };
}

/** The objects an app synthesizes (once per app and environment). */
function synth(file: string, env: Record<string, string> = {}): Record<string, any>[] {
  const id = JSON.stringify([file, env]);
  if (!synthesized.has(id)) synthesized.set(id, synthNow(file, env));
  return synthesized.get(id)!;
}

function synthNow(file: string, env: Record<string, string>): Record<string, any>[] {
  const r = kubecraft(['synth', '--no-typecheck', '--stdout', '--quiet', file], env);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as Record<string, any> | null)
    .filter((o): o is Record<string, any> => o !== null);
}

const find = (objects: Record<string, any>[], kind: string, name: string): Record<string, any> => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};

/** The main container of workload `name`. */
const container = (objects: Record<string, any>[], kind: string, name: string): Record<string, any> =>
  find(objects, kind, name).spec.template.spec.containers[0];

describe('kubecraft convert', () => {
  test.each([
    [
      'web-db.yml',
      {},
      '',
      [
        /const web = new WebService\(this, "web"/,
        /port: 8000,/,
        /servicePort: 8000,/,
        /args: \["gunicorn", "--bind", "0\.0\.0\.0:8000", "shop\.wsgi:application"\]/,
        /replicas: 3,/,
        /cpu: \{ request: kplus\.Cpu\.millis\(250\), limit: kplus\.Cpu\.millis\(500\) \}/,
        /memory: \{ request: Size\.mebibytes\(256\), limit: Size\.mebibytes\(512\) \}/,
        /publishes 8000 on host port 8080: reached from outside through the LoadBalancer Service web-public/,
        /new StatefulService\(this, "db"/,
        /dataPath: "\/var\/lib\/postgresql\/data"/,
        /user: 999,/,
        /ExistingSecret\.fromName\(this, "db-password", \["db_password"\]/,
        /path: "\/run\/secrets\/db_password"/,
        /web\.connectTo\(db\);/,
      ],
    ],
    [
      'queue-workers.yml',
      {},
      '',
      [
        /new StatefulService\(this, "rabbitmq"/,
        /port: 5672,/,
        /portName: "amqp",/,
        /extraPorts: \[\{ name: "http", port: 15672 \}\]/,
        /Probes\.exec\(\["rabbitmq-diagnostics", "-q", "ping"\], \{\s*periodSeconds: Duration\.seconds\(30\),\s*timeoutSeconds: Duration\.seconds\(10\),\s*failureThreshold: 5/,
        /new Worker\(this, "consumer"/,
        /command: \["\/app\/consumer"\]/,
        /args: \["--queue", "orders", "--concurrency", "4"\]/,
        /Policy\.relax\(consumer, "policy\/probes"/,
        /new kplus\.PersistentVolumeClaim\(this, "volume-spooldata"/,
        /consumer\.connectTo\(rabbitmq\);/,
        /scheduler\.connectTo\(rabbitmq, \{ envPrefix: "RABBITMQ_SERVICE" \}\);/,
        /- spool: volumes: \.\/local:\/local: \.\/local does not exist here: a bind mount of the host/,
        /- scheduler: depends_on: rabbitmq condition: service_healthy \(compose starts scheduler once rabbitmq's healthcheck passes\): Kubernetes starts both at once/,
      ],
    ],
    [
      'networks.yml',
      {},
      'kubecraft convert: warning: the API_KEY variable is not set: it is an empty string, as compose makes it\n',
      [
        /- networks \(front, back\) are not mapped/,
        /- api: environment: HOST_TOKEN takes its value from the host/,
        /new kplus\.ConfigMap\(this, "config-nginx-conf"/,
        /"default\.conf"|"nginx\.conf"/,
        /proxy_pass http:\/\/api:9000/,
        /path: "\/etc\/nginx\/conf\.d\/default\.conf"/,
        /user: 101, \/\/ the image's own user: nginxinc\/nginx-unprivileged creates nginx with UID 101/,
        /bindLowPorts: true/,
        /API_KEY: ""/,
        /const cache = new WebService\(this, "cache"/,
        /portName: "redis",/,
        /frontend\.connectTo\(api\);/,
        /api\.connectTo\(cache\);/,
      ],
    ],
    [
      'healthchecks.yml',
      {},
      '',
      [
        /Probes\.exec\(\s*\["sh", "-c", "wget -qO- http:\/\/localhost:3000\/health \|\| exit 1"\],\s*\{\s*periodSeconds: Duration\.seconds\(90\),\s*timeoutSeconds: Duration\.seconds\(1\),\s*initialDelaySeconds: Duration\.seconds\(40\),\s*failureThreshold: 3/,
        /new StatefulService\(this, "mongo"/,
        /portName: "mongodb",/,
        /new Worker\(this, "poller"/,
        /Probes\.exec\(\["\/bin\/poller", "--check"\]/,
        /Policy\.relax\(legacy, "policy\/probes"/,
        /poller\.connectTo\(api\);/,
        /poller\.connectTo\(mongo\);/,
        /additionalServices: \[\{ name: "api-public", exposure: Exposure\.nodePort\(\), ports: \["http"\] \}\]/,
      ],
    ],
    [
      'build-only.yml',
      { APP_IMAGE: 'ghcr.io/acme/app:1.0.0' },
      '',
      [
        /image: images\.app, \/\/ docker-compose builds it from \.\/app/,
        /export interface BuildappImages \{/,
        /readonly app: string;/,
        /app: imageFromEnvironment\("APP_IMAGE", "app", "\.\/app"\)/,
        /- app: built from \.\/app; build and push it, then run with APP_IMAGE=<registry>\/buildapp-app:<tag>/,
        /docker-compose builds ghcr\.io\/acme\/tool:1\.0\.0 from \.\/tool: push it where the cluster pulls from/,
        /new Worker\(this, "tool"/,
        /tool\.connectTo\(app_\);/,
        /- tool: cap_add: NET_ADMIN breaks the restricted Pod Security Standard/,
        /- tool: logging: the log driver/,
        /- top-level x-common: extension fields/,
      ],
    ],
    [
      'well-known-images.yml',
      {},
      '',
      [
        /const proxy = new WebService\(this, "proxy", \{\s*image: "nginx:1\.27\.0",\s*user: 101, \/\/ the image's own user: nginx creates nginx with UID 101/,
        /writablePaths: \["\/tmp", "\/var\/cache\/nginx", "\/run"\]/,
        /new StatefulService\(this, "db", \{\s*image: "mariadb:11\.4\.2",/,
        /user: 999, \/\/ the image's own user: mariadb creates mysql with UID 999/,
        /writablePaths: \["\/tmp", "\/run\/mysqld", "\/var\/lib\/mysql-tmp"\]/,
        /user: 33, \/\/ the image's own user: nextcloud creates www-data with UID 33/,
        /writableRootFilesystemReason: "nextcloud's entrypoint writes PHP settings/,
        /user: 999, \/\/ the image's own user: redis \(alpine\) creates redis with UID 999/,
        /- thumbnails \(ghcr\.io\/acme\/thumbnailer:0\.3\.0\): which user\?/,
        /\{ path: "\/scratch", volume: kplus\.Volume\.fromEmptyDir\(this, "thumbnails-tmpfs-0", "tmpfs-0", \{ medium: kplus\.EmptyDirMedium\.MEMORY, sizeLimit: Size\.mebibytes\(64\) \}\) \}/,
        /\{ path: "\/dev\/shm", volume: kplus\.Volume\.fromEmptyDir\(this, "thumbnails-shm", "shm", \{ medium: kplus\.EmptyDirMedium\.MEMORY, sizeLimit: Size\.mebibytes\(256\) \}\) \}/,
        /cpu: \{ request: kplus\.Cpu\.millis\(500\), limit: kplus\.Cpu\.millis\(500\) \}/,
        /path: "\/etc\/nginx\/conf\.d\/default\.conf", volume: kplus\.Volume\.fromConfigMap\(this, "proxy-file-0", fileNginxConf/,
        /- proxy: volumes: \.\/html:\/usr\/share\/nginx\/html: a host folder \(\.\/html\)/,
        /publishes 443 on the host's loopback \(127\.0\.0\.1\) only: .*kubectl port-forward -n cloud svc\/proxy 8443:443/,
        /- app: depends_on: db condition: service_healthy/,
      ],
    ],
    [
      'project/compose.yaml',
      {},
      'kubecraft convert: warning: the SENTRY_DSN variable is not set: it is an empty string, as compose makes it\n',
      [
        /image: "ghcr\.io\/acme\/api:2\.1\.0"/,
        /const worker = new Worker\(this, "worker"/,
        /const metrics = new StatefulService\(this, "metrics"/,
      ],
    ],
  ])('%s converts to an app that validates clean', (fixture, env, stderr, expected) => {
    const { file, text, stderr: warnings } = convert(fixture);
    expect(warnings).toBe(stderr);
    // compared without whitespace, so that the layout of the generated code does not matter
    const squashed = text.replace(/\s+/g, '');
    for (const re of expected) expect(squashed).toMatch(new RegExp(re.source.replace(/\\s\*| /g, '')));
    expect(text).toMatch(/^\/\/ Generated by `kubecraft convert /);
    expect(text).not.toMatch(/bind mount or tmpfs/);
    const r = kubecraft(['validate', '--no-typecheck', file], env);
    expect(`${r.stdout}${r.stderr}`).toMatch(/validation passed/);
    expect(r.status).toBe(0);
  });

  test("a healthcheck's $$ is compose's escape for $: the probe runs $(cat ...)", () => {
    const { file, text } = convert('well-known-images.yml');
    expect(text).toContain('-p$(cat /run/secrets/db_root_password)');
    expect(text).not.toContain('$$');
    const probe = container(synth(file), 'StatefulSet', 'db').readinessProbe;
    expect(probe.exec.command).toEqual([
      'sh',
      '-c',
      'mariadb-admin ping -h localhost -uroot -p$(cat /run/secrets/db_root_password)',
    ]);
  });

  test('a build-only service takes its image from the chart, from <SERVICE>_IMAGE when run', () => {
    const { file } = convert('build-only.yml');
    const objects = synth(file, { APP_IMAGE: 'ghcr.io/acme/app:1.0.0' });
    expect(container(objects, 'Deployment', 'app').image).toBe('ghcr.io/acme/app:1.0.0');
    const r = kubecraft(['synth', '--no-typecheck', '--stdout', file]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /APP_IMAGE is not set: docker-compose builds app from \.\/app, which the cluster cannot do; build the image, push it where the cluster pulls from, and run with APP_IMAGE=<registry>\/<repository>:<tag>/,
    );
  });

  test('published ports are reached from outside; loopback-only ones are not', () => {
    const webDb = synth(convert('web-db.yml').file);
    const webPublic = find(webDb, 'Service', 'web-public');
    expect(webPublic.spec.type).toBe('LoadBalancer');
    expect(webPublic.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8000 }]);
    expect(webPublic.spec.selector).toEqual(find(webDb, 'Deployment', 'web').spec.selector.matchLabels);
    // clients in the cluster keep compose's port
    expect(find(webDb, 'Service', 'web').spec.ports[0]).toMatchObject({ port: 8000, targetPort: 8000 });
    expect(find(webDb, 'Service', 'web').spec.type ?? 'ClusterIP').toBe('ClusterIP');
    const dbPublic = find(webDb, 'Service', 'db-public');
    expect(dbPublic.spec).toMatchObject({
      type: 'LoadBalancer',
      ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }],
    });

    const cloud = synth(convert('well-known-images.yml').file);
    const proxyPublic = find(cloud, 'Service', 'proxy-public');
    expect(proxyPublic.spec.type).toBe('LoadBalancer');
    expect(proxyPublic.spec.ports.map((p: { port: number }) => p.port)).toEqual([80]);
    expect(cloud.filter((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer')).toHaveLength(1);

    const health = synth(convert('healthchecks.yml').file);
    expect(find(health, 'Service', 'api-public').spec.type).toBe('NodePort');
  });

  test('ports are named by what they are', () => {
    const cloud = synth(convert('well-known-images.yml').file);
    expect(container(cloud, 'Deployment', 'cache').ports).toEqual([{ containerPort: 6379, name: 'redis' }]);
    expect(container(cloud, 'StatefulSet', 'db').ports[0]).toMatchObject({ containerPort: 3306, name: 'mysql' });
    const jobs = synth(convert('queue-workers.yml').file);
    expect(container(jobs, 'StatefulSet', 'rabbitmq').ports.map((p: { name: string }) => p.name)).toEqual([
      'amqp',
      'http',
    ]);
  });

  test('images docker runs as root run as their own user, with the paths they write', () => {
    const cloud = synth(convert('well-known-images.yml').file);
    const proxy = find(cloud, 'Deployment', 'proxy').spec.template.spec;
    expect(proxy.securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 101, fsGroup: 101 });
    const mounts = proxy.containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath);
    expect(mounts).toEqual(
      expect.arrayContaining(['/tmp', '/var/cache/nginx', '/run', '/etc/nginx/conf.d/default.conf']),
    );
    expect(find(cloud, 'StatefulSet', 'db').spec.template.spec.securityContext.runAsUser).toBe(999);
    const app = container(cloud, 'StatefulSet', 'app');
    expect(app.securityContext).toMatchObject({ runAsUser: 33, readOnlyRootFilesystem: false });
    // an image convert does not know: a decision named for that service
    const { text } = convert('well-known-images.yml');
    expect(text).toMatch(/^\/\/ - thumbnails \(ghcr\.io\/acme\/thumbnailer:0\.3\.0\): which user\?/m);
    expect(text).not.toMatch(/^\/\/ - (proxy|db|app|cache) \(/m);
  });

  test('anonymous volumes are emptyDirs; tmpfs and shm_size memory-backed ones', () => {
    const cloud = synth(convert('well-known-images.yml').file);
    const db = find(cloud, 'StatefulSet', 'db').spec.template.spec;
    const anonymous = db.containers[0].volumeMounts.find(
      (m: { mountPath: string }) => m.mountPath === '/var/lib/mysql-tmp',
    );
    expect(db.volumes.find((v: { name: string }) => v.name === anonymous.name)).toEqual({
      name: anonymous.name,
      emptyDir: {},
    });
    const thumbnails = find(cloud, 'Deployment', 'thumbnails').spec.template.spec;
    expect(thumbnails.volumes).toEqual(
      expect.arrayContaining([
        { name: 'tmpfs-0', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
      ]),
    );
  });

  test('.env, interpolation, merge keys, include, extends and env_file, as compose reads them', () => {
    const { file, text } = convert('project/compose.yaml', { env: { LOG_LEVEL: 'warn' } });
    const objects = synth(file);
    const env = (name: string, kind = 'Deployment'): Record<string, string> =>
      Object.fromEntries(
        (container(objects, kind, name).env ?? [])
          .filter((e: { value?: string }) => e.value !== undefined)
          .map((e: { name: string; value: string }) => [e.name, e.value]),
      );
    // ${TAG:-2.1.0}, REGISTRY from .env, the environment over .env, $$, ${VAR:+alt}, ${VAR-default}, unset
    expect(container(objects, 'Deployment', 'api').image).toBe('ghcr.io/acme/api:2.1.0');
    expect(env('api')).toMatchObject({
      LOG_LEVEL: 'warn',
      PRICE: '$5',
      GREETING: '',
      FEATURES: 'none',
      SENTRY_DSN: '',
    });
    expect(text).toMatch(/^\/\/ - REGISTRY: from \.\/\.env$/m);
    expect(text).toMatch(/^\/\/ - LOG_LEVEL: from the environment$/m);
    expect(text).toMatch(/^\/\/ - TAG: unset: the default/m);
    // merge keys: cache takes restart, environment and logging from its anchors
    expect(env('cache')).toMatchObject({ TZ: 'UTC' });
    expect(text).toMatch(/^\/\/ - cache: logging: the log driver/m);
    // include: monitoring.yml's service and volume
    expect(find(objects, 'StatefulSet', 'metrics').spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    // extends from another file (its env_file relative to that file), then in this file, merged
    expect(container(objects, 'Deployment', 'worker').command).toEqual(['/app/worker']);
    expect(env('worker')).toMatchObject({ QUEUE: 'orders', CONCURRENCY: '4' });
    expect(env('scheduler')).toMatchObject({ QUEUE: 'cron', CONCURRENCY: '4' });
    expect(container(objects, 'Deployment', 'scheduler').args).toEqual(['/app/scheduler', '--every', '1m']);
    expect(container(objects, 'Deployment', 'scheduler').livenessProbe.exec.command).toEqual(['/app/worker', '--ping']);
    expect(find(objects, 'ConfigMap', 'env-shared-worker').data).toEqual({ WORKER_MODE: 'batch' });
    // env_file: a ConfigMap; credentials in a Secret created outside the app
    expect(find(objects, 'ConfigMap', 'env-api').data).toEqual({
      API_MODE: 'production',
      CACHE_URL: 'redis://cache:6379',
      QUOTED: 'a "quoted" value',
      LITERAL: '$NOT_INTERPOLATED',
      REGION: 'eu-west-1',
    });
    expect(container(objects, 'Deployment', 'api').envFrom).toEqual([
      { configMapRef: { name: 'env-api' } },
      { secretRef: { name: 'env-api-secret' } },
    ]);
    expect(text).toContain(
      'kubectl create secret generic env-api-secret --from-literal=STRIPE_API_KEY=... --from-literal=DATABASE_URL=...',
    );
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('sk_test_123');
  });

  test('profiles: services of inactive profiles are left out, as compose leaves them out', () => {
    const off = convert('project/compose.yaml');
    expect(off.text).not.toMatch(/new \w+\(this, "debug"/);
    expect(off.text).toMatch(
      /^\/\/ - debug is left out \(profiles debug\), as docker-compose leaves it out: convert with --profile debug to include it$/m,
    );
    const on = convert('project/compose.yaml', { args: ['--profile', 'debug'], out: 'project-debug.ts' });
    expect(on.text).toMatch(/const debug = new Worker\(this, "debug"/);
    expect(on.text).toMatch(/^\/\/ Profiles: active debug\.$/m);
    const fromEnv = convert('project/compose.yaml', { env: { COMPOSE_PROFILES: 'debug' }, out: 'project-env.ts' });
    expect(fromEnv.text).toMatch(/new Worker\(this, "debug"/);
    const r = kubecraft(['validate', '--no-typecheck', on.file]);
    expect(r.status).toBe(0);
  });

  test('convert refuses what compose refuses, naming the file and the key', () => {
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad, { recursive: true });
    const write = (name: string, text: string): string => {
      fs.writeFileSync(path.join(bad, name), text);
      return path.join(bad, name);
    };
    const cases: [string, RegExp][] = [
      [
        'services:\n  a:\n    image: x:1\n    command: echo $(date)\n',
        /services\.a\.command: invalid interpolation in 'echo \$\(date\)': '\$\(', which starts no variable \(write \$\$ for a literal \$/,
      ],
      [
        'services:\n  a:\n    image: ${REGISTRY:?set it}/a:1\n',
        /services\.a\.image: required variable REGISTRY is missing a value: set it/,
      ],
      ['services:\n  a:\n    image: x:1\n    env_file: ./missing.env\n', /env file \.\/missing\.env not found/],
      ['services:\n  a:\n    extends: b\n  b:\n    extends: a\n', /extends cycle/],
      [
        'services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: y:1\n    profiles: [tools]\n',
        /service a depends on b, whose profiles \(tools\) are not active: convert with --profile tools/,
      ],
    ];
    cases.forEach(([text, message], i) => {
      const r = kubecraft(['convert', write(`case-${i}.yml`, text)]);
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(1);
    });
  });

  test('every key is either mapped or listed with why; unknown keys are named', () => {
    const compose = path.join(dir, 'keys.yml');
    fs.writeFileSync(
      compose,
      [
        'services:',
        '  a:',
        '    image: ghcr.io/acme/a:1.0.0',
        '    hostname: a1',
        '    privileged: true',
        '    stop_signal: SIGINT',
        '    ulimits: { nofile: 1024 }',
        '    imagee: typo',
        '    working_dir: /srv',
        '    stop_grace_period: 1m',
        '    platform: linux/arm64',
        '    pull_policy: always',
        '    labels: { com.example.team: shop }',
        '    deploy: { mode: global, restart_policy: { condition: on-failure } }',
        'models: { m: { model: ai/x } }',
      ].join('\n'),
    );
    const out = path.join(dir, 'keys.ts');
    const r = kubecraft(['convert', compose, '--import-from', path.join(root, 'lib'), '-o', out]);
    expect(r.status).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    for (const line of [
      `- a: hostname: ${SERVICE_KEYS.hostname.what}`,
      `- a: privileged: ${SERVICE_KEYS.privileged.what}`,
      `- a: stop_signal: ${SERVICE_KEYS.stop_signal.what}`,
      `- a: ulimits: ${SERVICE_KEYS.ulimits.what}`,
      '- a: imagee: not a compose key (misspelt?): ignored',
      '- a: deploy: mode: global (one container per node): that is a NodeAgent (DaemonSet)',
      `- a: deploy: restart_policy: ${DEPLOY_KEYS.restart_policy.what}`,
      `- top-level models: ${TOP_LEVEL_KEYS.models.what}`,
    ])
      expect(text).toContain(line);
    const objects = synth(out);
    const spec = find(objects, 'Deployment', 'a').spec.template.spec;
    expect(spec.containers[0]).toMatchObject({ workingDir: '/srv', imagePullPolicy: 'Always' });
    expect(spec).toMatchObject({
      terminationGracePeriodSeconds: 60,
      nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' },
    });
    expect(find(objects, 'Deployment', 'a').spec.template.metadata.annotations).toMatchObject({
      'com.example.team': 'shop',
    });
  });

  test('the key table covers every key of the compose specification', () => {
    // services.md, deploy.md and the top-level elements of the compose specification
    const serviceKeys =
      'annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint env_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop privileged profiles provider pull_policy read_only restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volumes volumes_from working_dir';
    for (const k of serviceKeys.split(' ')) expect([k, SERVICE_KEYS[k]?.what]).toEqual([k, expect.any(String)]);
    for (const k of 'endpoint_mode labels mode placement replicas resources restart_policy rollback_config update_config'.split(
      ' ',
    ))
      expect([k, DEPLOY_KEYS[k]?.what]).toEqual([k, expect.any(String)]);
    for (const k of 'version name services networks volumes configs secrets include models'.split(' '))
      expect([k, TOP_LEVEL_KEYS[k]?.what]).toEqual([k, expect.any(String)]);
    const r = kubecraft(['convert', '--keys']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\| `env_file` \| mapped \| read as compose reads it/m);
    expect(r.stdout).toMatch(/^\| `privileged` \| not mapped \|/m);
  });

  test('prints to stdout without -o; an untagged image gets a TODO', () => {
    const compose = path.join(dir, 'untagged.yml');
    fs.writeFileSync(compose, 'services:\n  cache:\n    image: redis\n');
    const r = kubecraft(['convert', compose]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/from "kubecraft";/);
    expect(r.stdout).toMatch(/TODO: pin a version or a digest: it has no tag, and policy\/image-pinned rejects it/);
    expect(r.stdout).toMatch(/image: "redis"/);
  });

  test.each([
    [['convert'], 2, /no compose file/],
    [['convert', 'missing.yml'], 2, /no such file/],
    [['convert', '--help'], 0, /^usage: kubecraft convert/],
    [['convert', 'package.json'], 1, /not a compose file/],
  ])('kubecraft %j exits %i', (args, code, out) => {
    const r = kubecraft(args);
    expect(r.status).toBe(code);
    expect(`${r.stdout}${r.stderr}`).toMatch(out);
  });
});

describe('compose values', () => {
  test('durations, memory and command lines', () => {
    expect(seconds('1m30s')).toBe(90);
    expect(seconds('500ms')).toBe(1);
    expect(seconds('nonsense')).toBeUndefined();
    expect(mebibytes('512M')).toBe(512);
    expect(mebibytes('1g')).toBe(1024);
    expect(mebibytes('1.5gb')).toBe(1536);
    expect(commandLine(`sh -c "echo 'a b'" x\\ y`)).toEqual(['sh', '-c', "echo 'a b'", 'x y']);
  });

  test('images pinned to one release get no TODO; floating tags do', () => {
    for (const pinned of [
      'postgres:16.2',
      'nginx:1.27.0-alpine',
      'ubuntu:jammy-20240111',
      'ghcr.io/a/b:sha-3f9c2e1',
      'x@sha256:ab',
    ])
      expect([pinned, floatingTag(pinned)]).toEqual([pinned, undefined]);
    for (const floating of ['redis', 'redis:latest', 'redis:alpine', 'postgres:16-alpine', 'localhost:5000/node:20'])
      expect([floating, floatingTag(floating)]).toEqual([floating, expect.any(String)]);
  });

  test('interpolation, as the compose specification defines it', () => {
    const vars: Record<string, string> = { FOO: 'first', EMPTY: '' };
    const unset: string[] = [];
    const ctx = { lookup: (n: string) => vars[n], onUnset: (n: string) => unset.push(n) };
    const cases: [string, string][] = [
      ['$FOO ${FOO}', 'first first'],
      ['$FOO-bar', 'first-bar'],
      ['${MISSING:-def} ${EMPTY:-def} ${FOO:-def}', 'def def first'],
      ['${MISSING-def} ${EMPTY-def}', 'def '],
      ['${FOO:+alt} ${EMPTY:+alt} ${MISSING:+alt}', 'alt  '],
      ['${FOO+alt} ${EMPTY+alt} ${MISSING+alt}', 'alt alt '],
      ['${FOO:?err} ${EMPTY?err}', 'first '],
      ['${MISSING:-${FOO:-x}} ${MISSING-$FOO}', 'first first'],
      ['${MISSING:-/non:-alphanumeric}', '/non:-alphanumeric'],
      ['$$FOO $${FOO} 5$$', '$FOO ${FOO} 5$'],
      ['a ${MISSING} b', 'a  b'],
    ];
    for (const [text, expected] of cases) expect([text, interpolate(text, ctx)]).toEqual([text, expected]);
    expect(unset).toEqual(['MISSING']);
    for (const text of ['${', '$}', '${}', '${ FOO}', '${FOO }', '${FOO!}', 'cost: 5$', '$(date)'])
      expect(() => interpolate(text, ctx)).toThrow(InterpolationError);
    expect(() => interpolate('${MISSING:?set it}', ctx)).toThrow(
      /required variable MISSING is missing a value: set it/,
    );
    expect(() => interpolate('${EMPTY:?}', ctx)).toThrow(/required variable EMPTY is missing a value/);
    expect(() => interpolate('${MISSING?}', ctx)).toThrow(/required variable MISSING/);
  });

  test('env files, by the compose env_file format', () => {
    const text = [
      '# a comment',
      '',
      'export A=1',
      'B=two words # comment',
      'C=no#comment',
      'D="quoted # not a comment" # comment',
      "E='single $A'",
      'F="double $A\\n\\"x\\""',
      'G=${A}-${UNSET:-d}',
      'H=',
      'I',
      "J='Let\\'s go'",
      'K="multi',
      'line"',
    ].join('\n');
    const entries = parseEnvFile(text, { context: { lookup: () => undefined } });
    expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toEqual({
      A: '1',
      B: 'two words',
      C: 'no#comment',
      D: 'quoted # not a comment',
      E: 'single $A',
      F: 'double 1\n"x"',
      G: '1-d',
      H: '',
      I: undefined,
      J: "Let's go",
      K: 'multi\nline',
    });
    expect(parseEnvFile('A="$B # x"', { raw: true })).toEqual([{ name: 'A', value: '"$B # x"' }]);
  });

  test('YAML merge keys and extends merge as compose merges them', () => {
    const text = [
      'x-base: &base',
      '  image: x:1',
      '  environment: { A: "1", B: "2" }',
      '  ports: ["80"]',
      'services:',
      '  base:',
      '    <<: *base',
      '    cap_drop: [ALL]',
      '    volumes: ["data:/data"]',
      '    command: ["a"]',
      '  child:',
      '    extends: base',
      '    environment: [B=3, C=4]',
      '    ports: !override ["81"]',
      '    cap_drop: !reset []',
      '    volumes: ["other:/data"]',
      '    command: ["b"]',
      'volumes: { data: {}, other: {} }',
    ].join('\n');
    const project = parseCompose(text, path.join(os.tmpdir(), 'merge', 'compose.yml'), { environment: {} });
    const child = project.services.find((s) => s.name === 'child')!;
    expect(child.image).toBe('x:1');
    expect(child.environment).toEqual({ A: '1', B: '3', C: '4' });
    expect(child.ports.map((p) => p.container)).toEqual([81]);
    expect(child.volumes).toEqual([{ volume: 'other', target: '/data', readOnly: false }]);
    expect(child.command).toEqual(['b']);
    expect(child.notes.some((n) => n.startsWith('cap_drop'))).toBe(false);
  });
});
