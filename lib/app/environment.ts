import { Construct, IConstruct } from 'constructs';
import { ConstructError, runSetting, RUN_VARIABLES } from '../core';
import { SETUP_FOLDER } from '../output/install-phases';
import { dns1123LabelProblems } from '../values/dns-name';

/** The environment variable that selects which environments a synth writes (comma-separated). */
export const ENVIRONMENT_SELECTOR_VARIABLE = RUN_VARIABLES.environments;

/**
 * One deployment environment (`dev`, `staging`, `prod`, ...) with its typed configuration.
 * Charts created inside it are written to `dist/<name>/`, with their own
 * `kustomization.yaml`, and validated as a unit of their own.
 */
export class Environment<C> extends Construct {
  /** The environment an object belongs to, or undefined outside any environment. */
  public static of(scope: IConstruct): Environment<unknown> | undefined {
    return scope.node.scopes.find((s): s is Environment<unknown> => s instanceof Environment);
  }

  /** The environment's name, also the output folder. */
  public readonly envName: string;
  /** Its configuration. */
  public readonly config: C;

  /**
   * Whether the synth writes this folder: an environment exists only when it is selected, so it
   * always is; a folder that exists whatever the selection (`DeliveryFolder`) says so itself.
   */
  public isSelected(): boolean {
    return true;
  }

  constructor(scope: Construct, name: string, config: C) {
    super(scope, name);
    const problems = [...dns1123LabelProblems(name)];
    if (name === SETUP_FOLDER)
      problems.push(`is reserved: '${SETUP_FOLDER}/' holds the install phase of CRDs and Namespaces`);
    if (problems.length > 0) {
      throw new ConstructError(this, `environment name '${name}' ${problems.join('; ')}`, {
        prop: 'name',
        hint: "use a DNS-1123 label such as 'prod' (it is also the output folder)",
      });
    }
    this.envName = name;
    this.config = config;
  }
}

/**
 * The output folders `$KUBECRAFT_ENV` selects (`kubecraft synth --env a,b`), or undefined when it
 * selects none (every folder is written).
 */
export function selectedOutputFolders(): string[] | undefined {
  const value = runSetting('environments');
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return names.length > 0 ? names : undefined;
}

/** The names of the output folders of the app of `scope`: its environments' and other folders'. */
function outputFoldersIn(scope: IConstruct): string[] {
  return scope.node.root.node
    .findAll()
    .filter((c): c is Environment<unknown> => c instanceof Environment)
    .map((e) => e.envName);
}

/** The environments defined per app (its root construct), selected or not. */
const definedEnvironments = new WeakMap<IConstruct, Set<string>>();

/** Options for `Environments.define`. */
export interface EnvironmentsOptions<C> {
  /**
   * Checks one environment's configuration; returns its problems (empty when valid).
   *
   * @default - only the TypeScript types are checked
   */
  readonly validate?: (config: C, name: string) => readonly string[];
  /**
   * Which environments to create.
   *
   * @default - those named in $KUBECRAFT_ENV (comma-separated), or all when it is unset
   */
  readonly select?: readonly string[];
}

/**
 * Typed environment configuration, declared once:
 *
 * ```ts
 * interface ShopConfig { replicas: number; host: string; imageTag: string }
 * for (const env of Environments.define(app, {
 *   dev: { replicas: 1, host: 'shop.dev.example.com', imageTag: '1.5.0-rc.1' },
 *   prod: { replicas: 4, host: 'shop.example.com', imageTag: '1.4.2' },
 * }, { validate: (c) => (c.replicas < 1 ? ['replicas must be at least 1'] : []) })) {
 *   new ShopChart(env, 'shop', env.config);   // dist/dev/shop.k8s.yaml, dist/prod/shop.k8s.yaml
 * }
 * ```
 */
export class Environments {
  /**
   * Every environment defined in the app of `scope` with `Environments.define`, selected or not
   * (`KUBECRAFT_ENV` selects which are created, not which exist), in definition order.
   */
  public static definedIn(scope: IConstruct): string[] {
    return [...(definedEnvironments.get(scope.node.root) ?? [])];
  }

  /**
   * Validates every configuration (all of them, selected or not, so a broken `prod` fails a
   * `dev` synth too) and creates an `Environment` construct for each selected one.
   */
  public static define<C>(
    scope: Construct,
    configs: Readonly<Record<string, C>>,
    options: EnvironmentsOptions<C> = {},
  ): Environment<C>[] {
    const names = Object.keys(configs);
    if (names.length === 0)
      throw new ConstructError(scope, 'Environments.define: no environments given', { prop: 'configs' });
    const problems: string[] = [];
    for (const name of names) {
      problems.push(...dns1123LabelProblems(name).map((p) => `environment name '${name}' ${p}`));
      for (const p of options.validate?.(configs[name], name) ?? []) problems.push(`environment '${name}': ${p}`);
    }
    if (problems.length > 0)
      throw new ConstructError(scope, `invalid environment configuration:\n  ${problems.join('\n  ')}`, {
        prop: 'configs',
      });
    const defined = definedEnvironments.get(scope.node.root) ?? new Set<string>();
    for (const name of names) defined.add(name);
    definedEnvironments.set(scope.node.root, defined);
    const fromEnv = selectedOutputFolders();
    const selected = options.select ?? fromEnv ?? names;
    const unknown = selected.filter((s) => !names.includes(s));
    const unknownError = (list: readonly string[], others: readonly string[] = []) =>
      `unknown environment${list.length > 1 ? 's' : ''} ${list.map((u) => `'${u}'`).join(', ')} (defined: ${names.join(', ')}${others.length > 0 ? `; other output folders: ${others.join(', ')}` : ''})`;
    const hint = `set ${ENVIRONMENT_SELECTOR_VARIABLE} or select to defined environments`;
    if (unknown.length > 0 && options.select) {
      throw new ConstructError(scope, unknownError(unknown), { prop: 'select', hint });
    }
    if (unknown.length > 0) {
      // $KUBECRAFT_ENV selects output folders: another may be an environment defined later, or a
      // folder of delivery objects (see DeliveryFolder); what names none is an error at synth
      scope.node.addValidation({
        validate: () => {
          const folders = outputFoldersIn(scope);
          const missing = unknown.filter((u) => !folders.includes(u) && !Environments.definedIn(scope).includes(u));
          return missing.length > 0
            ? [
                `${unknownError(
                  missing,
                  folders.filter((f) => !names.includes(f)),
                )}. Fix: ${hint}`,
              ]
            : [];
        },
      });
    }
    return names.filter((n) => selected.includes(n)).map((n) => new Environment(scope, n, configs[n]));
  }

  private constructor() {}
}
