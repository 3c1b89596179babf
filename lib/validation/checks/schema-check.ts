import * as generated from '../schema/validators.generated';
import { CompiledValidator } from '../schema/validators.generated';
import { ValidationContext } from '../validation-context';

const validators = generated as unknown as Record<string, CompiledValidator>;

/** The compiled validator for `apiVersion` + `kind`, or undefined when no schema is known. */
export function schemaValidatorFor(apiVersion: string, kind: string): CompiledValidator | undefined {
  const name = generated.VALIDATOR_NAMES[`${apiVersion}/${kind}`];
  return name ? validators[name] : undefined;
}

/** Validates every object against the official Kubernetes 1.27 schema (or its CRD's), strictly. */
export function checkSchema(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    const { apiVersion, kind } = obj.manifest;
    const validate = schemaValidatorFor(apiVersion, kind);
    if (!validate) {
      ctx.report(
        obj,
        'schema/unknown-kind',
        '',
        `no API serves ${apiVersion} ${kind} (neither Kubernetes nor a CRD imported into the app): a misspelt kind or apiVersion, a removed apiVersion, or a custom resource whose CRD is not imported`,
        'fix the apiVersion and kind; for a custom resource, import its CRD with `npm run import` and regenerate the validators, or, if the CRD is installed in the cluster by other means, relax schema/unknown-kind with that reason',
      );
      continue;
    }
    if (validate(obj.manifest)) continue;
    for (const err of validate.errors ?? []) {
      const field = pointerToField(err.instancePath);
      let message = err.message ?? err.keyword;
      if (err.keyword === 'additionalProperties') message = `unknown field '${String(err.params.additionalProperty)}'`;
      else if (err.keyword === 'enum')
        message = `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      else if (err.keyword === 'required') message = `missing required field '${String(err.params.missingProperty)}'`;
      else if (err.keyword === 'oneOf') continue; // reported through the branch errors
      ctx.report(obj, 'schema/invalid', field, message, `see the ${kind} API reference for ${field || 'the object'}`);
    }
  }
}

/** `/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
