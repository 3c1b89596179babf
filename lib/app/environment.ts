import { Construct, IConstruct } from 'constructs';
import { SynthesisError } from '../core';
import { assertNoProblems, dns1123LabelProblems } from '../values/dns-name';

/** The environment variable that selects which environments a synth writes (comma-separated). */
export const ENVIRONMENT_SELECTOR_VARIABLE = 'KUBECRAFT_ENV';

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

  constructor(scope: Construct, name: string, config: C) {
    super(scope, name);
    assertNoProblems('Environment name', name, dns1123LabelProblems(name));
    this.envName = name;
    this.config = config;
  }
}

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
   * Validates every configuration (all of them, selected or not, so a broken `prod` fails a
   * `dev` synth too) and creates an `Environment` construct for each selected one.
   */
  public static define<C>(
    scope: Construct,
    configs: Readonly<Record<string, C>>,
    options: EnvironmentsOptions<C> = {},
  ): Environment<C>[] {
    const names = Object.keys(configs);
    if (names.length === 0) throw new SynthesisError('Environments.define: no environments given');
    const problems: string[] = [];
    for (const name of names) {
      problems.push(...dns1123LabelProblems(name).map((p) => `environment name '${name}' ${p}`));
      for (const p of options.validate?.(configs[name], name) ?? []) problems.push(`environment '${name}': ${p}`);
    }
    if (problems.length > 0) throw new SynthesisError(`invalid environment configuration:\n  ${problems.join('\n  ')}`);
    const fromEnv = process.env[ENVIRONMENT_SELECTOR_VARIABLE];
    const selected =
      options.select ??
      (fromEnv
        ? fromEnv
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0)
        : names);
    const unknown = selected.filter((s) => !names.includes(s));
    if (unknown.length > 0) {
      throw new SynthesisError(
        `unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (defined: ${names.join(', ')})`,
      );
    }
    return names.filter((n) => selected.includes(n)).map((n) => new Environment(scope, n, configs[n]));
  }

  private constructor() {}
}
