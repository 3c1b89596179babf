import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { childEnvironment, runSetting } from '../core/run-context';
import { OciError } from './errors';
import { isDockerHub } from './reference';

/** A user name and password (or token) for a registry, and where they came from. */
export interface RegistryCredentials {
  /** The user name. */
  readonly username: string;
  /** The password, or the token. */
  readonly password: string;
  /**
   * Where they came from, for messages, e.g. `/home/me/.docker/config.json` or
   * `docker-credential-pass (credHelpers of /home/me/.docker/config.json)`.
   *
   * @default 'the credentials given'
   */
  readonly source?: string;
}

/** What a look-up in the docker configuration found. */
export interface CredentialLookup {
  /**
   * The credentials for the registry.
   *
   * @default - none found
   */
  readonly credentials?: RegistryCredentials;
  /** Where the look-up went, for messages: the file, or that there is none. */
  readonly searched: string;
}

/** The docker configuration file the user's `docker login` writes: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(
  env: Readonly<Record<string, string | undefined>> = {
    DOCKER_CONFIG: runSetting('dockerConfig'),
    HOME: runSetting('home'),
  },
): string {
  const dir = env.DOCKER_CONFIG ? path.resolve(env.DOCKER_CONFIG) : path.join(env.HOME || os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

interface DockerConfigFile {
  readonly auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  readonly credHelpers?: Record<string, string>;
  readonly credsStore?: string;
}

/**
 * The credentials the user's docker configuration holds for `registry` (`host[:port]`), found
 * as the docker CLI finds them: a credential helper named for the registry in `credHelpers`
 * (`docker-credential-NAME get`, from the PATH), else the `credsStore` helper, else the
 * `auths` entry (its base64 `auth`, or `username` and `password`). An `auths` key may be
 * written with a scheme and a path (`https://index.docker.io/v1/` is Docker Hub). A helper
 * that is not on the PATH, or an entry that holds only an `identitytoken` (OAuth2 refresh
 * tokens, which kubecraft does not exchange), throws an `OciError` of kind `auth`.
 */
export function dockerCredentials(registry: string, configFile: string = dockerConfigPath()): CredentialLookup {
  let config: DockerConfigFile;
  try {
    config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as DockerConfigFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { searched: `${configFile} (there is none)` };
    throw new OciError(`cannot read the docker configuration ${configFile}: ${(err as Error).message}`, 'auth');
  }
  const wanted = registryKey(registry);
  const helperName = Object.entries(config.credHelpers ?? {}).find(([key]) => registryKey(key) === wanted)?.[1];
  if (helperName) {
    const found = fromHelper(helperName, registry, `credHelpers of ${configFile}`);
    return {
      ...(found ? { credentials: found } : {}),
      searched: `docker-credential-${helperName} (credHelpers of ${configFile})`,
    };
  }
  if (config.credsStore) {
    const found = fromHelper(config.credsStore, registry, `credsStore of ${configFile}`);
    if (found) return { credentials: found, searched: configFile };
  }
  const entry = Object.entries(config.auths ?? {}).find(([key]) => registryKey(key) === wanted)?.[1];
  if (!entry) return { searched: configFile };
  let username = entry.username;
  let password = entry.password;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new OciError(`the auth of ${registry} in ${configFile} is not base64 of user:password`, 'auth');
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (username && password) return { credentials: { username, password, source: configFile }, searched: configFile };
  if (entry.identitytoken) {
    throw new OciError(
      `${configFile} holds an identity token (OAuth2) for ${registry}, which kubecraft cannot use: log in with a user name and password or token (docker login -u USER ${registry})`,
      'auth',
    );
  }
  return { searched: configFile };
}

/** A registry as a key of the docker configuration: host[:port], lower case; Docker Hub's names as one. */
function registryKey(key: string): string {
  const host = key
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return isDockerHub(host) ? 'docker.io' : host;
}

function fromHelper(name: string, registry: string, where: string): RegistryCredentials | undefined {
  const program = `docker-credential-${name}`;
  const serverUrl = isDockerHub(registryKey(registry)) ? 'https://index.docker.io/v1/' : registry;
  const r = spawnSync(program, ['get'], {
    input: serverUrl,
    encoding: 'utf8',
    timeout: 30_000,
    env: childEnvironment(),
  });
  if (r.error) {
    const why =
      (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is not on the PATH' : `failed: ${r.error.message}`;
    throw new OciError(`${program} (${where}) ${why}`, 'auth');
  }
  if (r.status !== 0) {
    const said = `${r.stdout}${r.stderr}`.trim();
    if (/not found/i.test(said)) return undefined;
    throw new OciError(`${program} get ${registry} (${where}) failed: ${said || `exit ${r.status}`}`, 'auth');
  }
  let answer: { Username?: string; Secret?: string };
  try {
    answer = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
  } catch {
    throw new OciError(`${program} get ${registry} (${where}) did not print JSON`, 'auth');
  }
  if (!answer.Secret) return undefined;
  if (answer.Username === '<token>') {
    throw new OciError(
      `${program} (${where}) holds an identity token (OAuth2) for ${registry}, which kubecraft cannot use: log in with a user name and password or token`,
      'auth',
    );
  }
  return { username: answer.Username ?? '', password: answer.Secret, source: `${program} (${where})` };
}
