import * as fs from 'fs';
import { dirname } from 'path';
import { ConstructError, Manifest, runSetting, toKubernetesVersion, yamlPackage } from '../core';
import { ExternalObject } from './external';
import { Relaxation } from './policy';
import { RULES } from './rules';
import { validate } from './validate';
import { ObjectToValidate } from './validation-context';

/** Where the plugin's configuration errors point: its entry in cdk8s.yaml. */
const PLUGIN_SCOPE = 'cdk8s.yaml validations (KubecraftValidation)';

/** The part of the cdk8s CLI's validation context the plugin uses (cdk8s-cli `ValidationContext`). */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly metadata?: { readonly [resourceName: string]: { readonly path: string } };
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: readonly {
        readonly resourceName: string;
        readonly locations: readonly string[];
        readonly manifestPath: string;
      }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

/** `properties` of the plugin in `cdk8s.yaml`. */
export interface KubecraftValidationProperties {
  /**
   * Objects that exist outside the app (namespaces, Secrets, operator-created pods, ...).
   *
   * @default - none
   */
  readonly externals?: readonly ExternalObject[];
  /**
   * Rules relaxed for the whole app, each with its reason: `[{ rule, reason }]`.
   *
   * @default - none
   */
  readonly relaxations?: readonly { readonly rule: string; readonly reason: string }[];
  /**
   * Report warnings as a failure too.
   *
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * The Kubernetes version to validate for; $KUBECRAFT_KUBERNETES_VERSION overrides it.
   *
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
}

/**
 * kubecraft's checks (schema, values, references, policy) as a cdk8s CLI validation plugin,
 * for any cdk8s app. In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: kubecraft            # or a local path, e.g. ./node_modules/kubecraft
 *     version: 0.1.0
 *     class: KubecraftValidation
 *     properties:
 *       externals: [{ kind: Namespace, name: monitoring, reason: created by the platform team }]
 * ```
 */
export class KubecraftValidation {
  private readonly properties: KubecraftValidationProperties;

  constructor(properties: KubecraftValidationProperties = {}) {
    this.properties = properties;
    (properties.relaxations ?? []).forEach((r, i) => {
      if (!Object.prototype.hasOwnProperty.call(RULES, r.rule))
        throw new ConstructError(PLUGIN_SCOPE, `unknown rule '${r.rule}'`, {
          prop: `properties.relaxations[${i}].rule`,
          hint: `use one of ${Object.keys(RULES).join(', ')}`,
        });
      if (!r.reason || r.reason.trim().length < 10)
        throw new ConstructError(PLUGIN_SCOPE, `relaxing '${r.rule}' needs a reason`, {
          prop: `properties.relaxations[${i}].reason`,
          hint: 'say in at least 10 characters why the rule does not apply',
        });
    });
  }

  /** Validates the synthesized manifests and reports every finding as a violation. */
  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const objects: (ObjectToValidate & { manifestPath: string })[] = [];
    for (const manifestPath of context.manifests) {
      const docs = yamlPackage()
        .parseAllDocuments(fs.readFileSync(manifestPath, 'utf8'))
        .map((d) => d.toJS() as Manifest)
        .filter((m) => m && typeof m === 'object');
      docs.forEach((manifest, i) => {
        const name = manifest.metadata?.name;
        const path = (name && context.metadata?.[name]?.path) ?? `${manifestPath}#${i}`;
        objects.push({ manifest, path, manifestPath });
      });
    }
    const relaxations: Relaxation[] = (this.properties.relaxations ?? []).map((r) => ({
      rule: r.rule,
      reason: r.reason,
      declaredAt: 'cdk8s.yaml',
    }));
    // each output folder (environment) is applied on its own, so it is validated on its own
    const folders = [...new Set(objects.map((o) => dirname(o.manifestPath)))];
    const units = folders.map((folder) => ({
      folder,
      objects: objects.filter((o) => dirname(o.manifestPath) === folder),
    }));
    const fromEnv = runSetting('kubernetesVersion');
    const version = fromEnv ? fromEnv : this.properties.kubernetesVersion;
    const kubernetesVersion = version === undefined ? undefined : toKubernetesVersion(version);
    const report = validate(units, { externals: this.properties.externals, relaxations, kubernetesVersion });
    const failing = [...report.errors, ...(this.properties.failOnWarnings ? report.warnings : [])];
    const byPath = new Map(objects.map((o) => [o.path, o]));
    for (const f of failing) {
      context.report.addViolation({
        ruleName: f.rule,
        recommendation: `${f.object}: ${f.message}`,
        fix: f.hint,
        // resourceName is the object's name, which the CLI maps to its construct path
        violatingResources: [
          {
            resourceName: byPath.get(f.path)?.manifest.metadata?.name ?? f.object,
            locations: [f.field || '<object>'],
            manifestPath: byPath.get(f.path)?.manifestPath ?? '',
          },
        ],
      });
    }
    context.report.submit(failing.length > 0 ? 'failure' : 'success', {
      errors: String(report.errors.length),
      warnings: String(report.warnings.length),
      relaxed: String(report.relaxed.length),
    });
  }
}
