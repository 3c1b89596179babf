import { schemaValidatorFor } from '../schema/store';
import { DEFAULT_KUBERNETES_VERSION } from '../schema/versions';
import { ValidationContext } from '../validation-context';

export { schemaValidatorFor };

/**
 * Validates every object against the official schema of its kind in Kubernetes `version`
 * (default {@link DEFAULT_KUBERNETES_VERSION}), or its CRD's, strictly.
 */
export function checkSchema(ctx: ValidationContext, version: string = DEFAULT_KUBERNETES_VERSION): void {
  for (const obj of ctx.objects) {
    const { apiVersion, kind } = obj.manifest;
    const validate = schemaValidatorFor(apiVersion, kind, version);
    if (!validate) {
      ctx.report(
        obj,
        'schema/unknown-kind',
        '',
        `no schema is known for ${apiVersion} ${kind} in Kubernetes ${version}`,
        'import the CRD with `npm run import` and regenerate the validators, or relax schema/unknown-kind',
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
