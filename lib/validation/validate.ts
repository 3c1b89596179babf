import { IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion } from '../core';
import { checkAppliedChanges } from './checks/applied-changes-check';
import { checkPolicy } from './checks/policy-checks';
import { checkReferences } from './checks/reference-checks';
import { checkSchema } from './checks/schema-check';
import { checkValues } from './checks/value-checks';
import { checkVersionFeatures } from './checks/version-checks';
import { External, ExternalObject, importedObjectsIn } from './external';
import { toReport, ValidationReport } from './finding';
import { Relaxation } from './policy';
import { ObjectToValidate, ValidationContext } from './validation-context';

/** Options for `validate`. */
export interface ValidateOptions {
  /**
   * The construct tree the objects come from, for `External` declarations, cdk8s-plus
   * imports by name and `Policy.relax` relaxations.
   *
   * @default - no declarations and no relaxations
   */
  readonly root?: IConstruct;
  /**
   * Further objects known to exist outside the app.
   *
   * @default - none
   */
  readonly externals?: readonly ExternalObject[];
  /**
   * Relaxations that apply to every object (for apps validated without their construct
   * tree, such as the cdk8s CLI plugin's).
   *
   * @default - none
   */
  readonly relaxations?: readonly Relaxation[];
  /**
   * The Kubernetes version to validate for.
   *
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** Objects deployed together: one output folder (an environment, or the app's top folder). */
export interface DeploymentUnit {
  /** The folder's name ('' for the top folder). */
  readonly folder: string;
  /** Its objects. */
  readonly objects: readonly ObjectToValidate[];
}

/**
 * The validation entry point of kubecraft: schema, values, references and policy.
 *
 * Each deployment unit (output folder) is validated on its own, since each is applied on its
 * own: names, references and namespaces are judged within it. External declarations
 * (`External.*`, cdk8s-plus imports by name) are collected once from `options.root`.
 * `KubecraftApp.validate()` and `synth()`, `validateChart`/`synthValidated` and the cdk8s CLI
 * plugin all run this. Reads the objects and the construct tree; changes neither.
 */
export function validate(units: readonly DeploymentUnit[], options: ValidateOptions = {}): ValidationReport {
  const externals = [...(options.externals ?? [])];
  if (options.root) externals.push(...External.declaredIn(options.root), ...importedObjectsIn(options.root));
  const version = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const findings = units.flatMap((unit) => {
    const ctx = new ValidationContext(unit.objects, externals, options.relaxations ?? [], version);
    checkSchema(ctx);
    checkVersionFeatures(ctx);
    checkValues(ctx);
    checkReferences(ctx);
    checkPolicy(ctx);
    checkAppliedChanges(ctx);
    return ctx.findings;
  });
  return toReport(findings, version);
}
