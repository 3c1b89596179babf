import { IConstruct } from 'constructs';
import { checkPolicy } from './checks/policy-checks';
import { checkReferences } from './checks/reference-checks';
import { checkSchema } from './checks/schema-check';
import { checkValues } from './checks/value-checks';
import { External, ExternalObject, importedObjectsIn } from './external';
import { toReport, ValidationReport } from './finding';
import { Relaxation } from './policy';
import { ObjectToValidate, ValidationContext } from './validation-context';

/** Options for `validateObjects`. */
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
}

/**
 * Validates synthesized objects: schema, values, references across the app, and policy.
 * Reads the objects and the construct tree; changes neither.
 */
export function validateObjects(objects: readonly ObjectToValidate[], options: ValidateOptions = {}): ValidationReport {
  const externals = [...(options.externals ?? [])];
  if (options.root) externals.push(...External.declaredIn(options.root), ...importedObjectsIn(options.root));
  const ctx = new ValidationContext(objects, externals, options.relaxations ?? []);
  checkSchema(ctx);
  checkValues(ctx);
  checkReferences(ctx);
  checkPolicy(ctx);
  return toReport(ctx.findings);
}
