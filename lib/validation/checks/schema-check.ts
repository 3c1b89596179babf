import { apiLifecycle } from '../schema/api-lifecycle';
import { CompiledValidator, crdSchemaValidators, registeredCrdValidator, schemaValidatorFor } from '../schema/store';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { display } from './shape';

export { schemaValidatorFor };

/**
 * Validates every object against the official schema of its kind in the target Kubernetes
 * version (`ctx.kubernetesVersion`), or its CRD's, strictly; an apiVersion the target no longer
 * serves is an error naming its replacement, one it deprecates a warning.
 */
export function checkSchema(ctx: ValidationContext): void {
  const version = ctx.kubernetesVersion;
  const appCrds = crdValidatorsIn(ctx);
  for (const obj of ctx.objects) {
    const { apiVersion, kind } = obj.manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      ctx.report(obj, 'schema/invalid', '', 'apiVersion and kind must be strings', 'set apiVersion and kind');
      continue;
    }
    if (checkLifecycle(ctx, obj, apiVersion, kind)) continue;
    const validate =
      schemaValidatorFor(apiVersion, kind, version) ??
      appCrds.get(`${apiVersion}/${kind}`) ??
      registeredCrdValidator(apiVersion, kind, version);
    if (!validate) {
      ctx.report(
        obj,
        'schema/unknown-kind',
        '',
        `no API serves ${apiVersion} ${kind} (neither Kubernetes nor a CRD imported into the app): a misspelt kind or apiVersion, or a custom resource whose CRD is not imported`,
        'fix the apiVersion and kind; for a custom resource, import its CRD with `npm run import` and regenerate ' +
          'the validators, or, if the CRD is installed in the cluster by other means, relax schema/unknown-kind with that reason',
      );
      continue;
    }
    if (validate(obj.manifest)) continue;
    for (const err of validate.errors ?? []) {
      const field = pointerToField(err.instancePath);
      let message = err.message ?? err.keyword;
      if (err.keyword === 'additionalProperties') message = `unknown field '${display(err.params.additionalProperty)}'`;
      else if (err.keyword === 'enum')
        message = `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      else if (err.keyword === 'required') message = `missing required field '${display(err.params.missingProperty)}'`;
      else if (err.keyword === 'oneOf') continue; // reported through the branch errors
      ctx.report(obj, 'schema/invalid', field, message, `see the ${kind} API reference for ${field || 'the object'}`);
    }
  }
}

/**
 * The validators of the custom resources defined by the CustomResourceDefinitions among the
 * objects validated together (included, imported or constructed): their `openAPIV3Schema`s,
 * compiled at synth (cached by content), so a CRD and its custom resources can ship in one app.
 */
function crdValidatorsIn(ctx: ValidationContext): Map<string, CompiledValidator> {
  const result = new Map<string, CompiledValidator>();
  for (const obj of ctx.objects) {
    if (obj.manifest.kind !== 'CustomResourceDefinition') continue;
    for (const [key, fn] of crdSchemaValidators(obj.manifest, ctx.kubernetesVersion)) result.set(key, fn);
  }
  return result;
}

/**
 * Reports an apiVersion/kind the target version no longer serves (an error naming the
 * replacement and the release that removed it) or deprecates (a warning naming the release that
 * removes it). Returns true when the object cannot be schema-checked for the target.
 */
function checkLifecycle(ctx: ValidationContext, obj: ObjectToValidate, apiVersion: string, kind: string): boolean {
  const version = ctx.kubernetesVersion;
  const life = apiLifecycle(apiVersion, kind, version);
  const instead = life.replacement ? `use apiVersion ${life.replacement}` : (life.note ?? 'migrate to a served API');
  if (life.status === 'removed') {
    ctx.report(
      obj,
      'schema/removed-api',
      'apiVersion',
      `${apiVersion} ${kind} is not served by Kubernetes ${version}: removed in ${life.removedIn}`,
      `${instead} (see the Kubernetes deprecated API migration guide)`,
    );
    return true;
  }
  if (life.status === 'unknown' && life.introducedIn) {
    ctx.report(
      obj,
      'schema/removed-api',
      'apiVersion',
      `${apiVersion} ${kind} is not served by Kubernetes ${version}: it was added in ${life.introducedIn}`,
      `target Kubernetes ${life.introducedIn} or later (kubernetesVersion), or use an API ${version} serves`,
    );
    return true;
  }
  if (life.status === 'deprecated') {
    ctx.report(
      obj,
      'schema/deprecated-api',
      'apiVersion',
      `${apiVersion} ${kind} is deprecated in Kubernetes ${version}${life.removedIn ? ` and removed in ${life.removedIn}` : ''}`,
      instead,
    );
  }
  return false;
}

/** `/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
