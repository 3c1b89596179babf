import { KubernetesVersion, Manifest } from '../../core';
import { closestNames } from '../../core/suggest';
import { FieldPath } from '../field-path';
import { forbidden, invalid, notSupported, Problem } from '../problem';
import { apiLifecycle } from '../schema/api-lifecycle';
import {
  CompiledValidator,
  crdSchemaValidators,
  registeredCrdValidator,
  schemaKinds,
  schemaValidatorFor,
} from '../schema/store';
import { ValidationContext } from '../validation-context';
import { display } from './shape';

export { schemaValidatorFor };

/**
 * Validates every object against the official schema of its kind in the target Kubernetes
 * version (`ctx.kubernetesVersion`), or its CRD's, strictly; an apiVersion the target no longer
 * serves is an error naming its replacement, one it deprecates a warning.
 */
export function checkSchema(ctx: ValidationContext): void {
  const appCrds = crdValidatorsIn(ctx);
  for (const obj of ctx.objects) ctx.reportAll(obj, schemaProblems(obj.manifest, ctx.kubernetesVersion, appCrds));
}

/** The problems of one object against the schema of its kind (`appCrds`: the validators of the app's own CRDs). */
function schemaProblems(
  manifest: Manifest,
  version: KubernetesVersion,
  appCrds: ReadonlyMap<string, CompiledValidator>,
): Problem[] {
  const root = FieldPath.root('');
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return [invalid(root, 'apiVersion and kind must be strings', 'set apiVersion and kind', 'schema/invalid')];
  const lifecycle = lifecycleProblems(apiVersion, kind, version);
  if (lifecycle.unservable) return lifecycle.problems;
  const out = lifecycle.problems;
  const validate =
    schemaValidatorFor(apiVersion, kind, version) ??
    appCrds.get(`${apiVersion}/${kind}`) ??
    registeredCrdValidator(apiVersion, kind, version);
  if (!validate) {
    out.push(
      notSupported(
        root,
        `no API serves ${apiVersion} ${kind} (neither Kubernetes ${version} nor a CRD kubecraft knows): a misspelt kind or apiVersion, or a custom resource whose CRD kubecraft has not been given`,
        kindSuggestion(apiVersion, kind, version, appCrds) +
          'fix the apiVersion and kind. For a custom resource, give kubecraft its CRD: if the app installs it, include it ' +
          "(new UpstreamManifests(chart, 'crds', { file: 'crds.yaml' })); if it is installed by other means, call " +
          "registerCrdsFromFile('crds.yaml') before synth (`kubecraft import crds.yaml` also generates typed classes and " +
          'keeps the CRD in imports/crds/). Without the CRD, relax schema/unknown-kind with the reason',
        'schema/unknown-kind',
      ),
    );
    return out;
  }
  if (validate(manifest)) return out;
  for (const err of validate.errors ?? []) {
    const path = pointerToFieldPath(err.instancePath);
    const field = path.toString();
    const reference = `see the ${kind} API reference for ${field || 'the object'}`;
    let message = err.message ?? err.keyword;
    let hint = reference;
    if (err.keyword === 'additionalProperties') {
      const unknown = display(err.params.additionalProperty);
      message = `unknown field '${unknown}'`;
      const known = Array.isArray(err.params.known) ? err.params.known.filter((k) => typeof k === 'string') : [];
      const suggestions = closestNames(unknown, known);
      if (suggestions.length > 0)
        hint = `did you mean ${suggestions.map((n) => `'${n}'`).join(' or ')}? (${reference})`;
      else if (known.length > 0) hint = `remove it; ${field || 'the object'} has ${listed(known)} (${reference})`;
    } else if (err.keyword === 'enum')
      message = `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    else if (err.keyword === 'required') message = `missing required field '${display(err.params.missingProperty)}'`;
    else if (err.keyword === 'oneOf') continue; // reported through the branch errors
    out.push(invalid(path, message, hint, 'schema/invalid'));
  }
  return out;
}

/**
 * "did you mean ...? " for a kind kubecraft does not know: the kinds of the same apiVersion
 * within edit distance 2, or the apiVersions that serve the kind; '' when there is none.
 */
function kindSuggestion(
  apiVersion: string,
  kind: string,
  version: string,
  appCrds: ReadonlyMap<string, unknown>,
): string {
  const keys = [...schemaKinds(version), ...appCrds.keys()];
  const split = (key: string) => ({
    api: key.slice(0, key.lastIndexOf('/')),
    kind: key.slice(key.lastIndexOf('/') + 1),
  });
  const sameApi = keys.map(split).filter((k) => k.api === apiVersion);
  const kinds = closestNames(
    kind,
    sameApi.map((k) => k.kind),
  );
  if (kinds.length > 0) return `did you mean ${kinds.map((k) => `${apiVersion} ${k}`).join(' or ')}? `;
  const apis = keys
    .map(split)
    .filter((k) => k.kind === kind)
    .map((k) => k.api);
  if (apis.length > 0) return `${kind} is served as apiVersion ${[...new Set(apis)].sort().join(' or ')}. `;
  return '';
}

/** Up to 12 field names, sorted, quoted: `'a', 'b' and 'c'` (then "and N more"). */
function listed(names: readonly string[]): string {
  const sorted = [...new Set(names)].sort();
  const shown = sorted.slice(0, 12).map((n) => `'${n}'`);
  if (sorted.length > 12) return `${shown.join(', ')} and ${sorted.length - 12} more`;
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
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
 * The problems of an apiVersion/kind the target version no longer serves (an error naming the
 * replacement and the release that removed it) or deprecates (a warning naming the release that
 * removes it); `unservable` when the object cannot be schema-checked for the target.
 */
function lifecycleProblems(
  apiVersion: string,
  kind: string,
  version: KubernetesVersion,
): { problems: Problem[]; unservable: boolean } {
  const field = FieldPath.root('apiVersion');
  const life = apiLifecycle(apiVersion, kind, version);
  const instead = life.replacement ? `use apiVersion ${life.replacement}` : (life.note ?? 'migrate to a served API');
  if (life.status === 'removed')
    return {
      unservable: true,
      problems: [
        notSupported(
          field,
          `${apiVersion} ${kind} is not served by Kubernetes ${version}: removed in ${life.removedIn}`,
          `${instead} (see the Kubernetes deprecated API migration guide)`,
          'schema/removed-api',
        ),
      ],
    };
  if (life.status === 'unknown' && life.introducedIn)
    return {
      unservable: true,
      problems: [
        notSupported(
          field,
          `${apiVersion} ${kind} is not served by Kubernetes ${version}: it was added in ${life.introducedIn}`,
          `target Kubernetes ${life.introducedIn} or later (kubernetesVersion), or use an API ${version} serves`,
          'schema/removed-api',
        ),
      ],
    };
  if (life.status === 'deprecated')
    return {
      unservable: false,
      problems: [
        forbidden(
          field,
          `${apiVersion} ${kind} is deprecated in Kubernetes ${version}${life.removedIn ? ` and removed in ${life.removedIn}` : ''}`,
          instead,
          'schema/deprecated-api',
        ),
      ],
    };
  return { unservable: false, problems: [] };
}

/** `/spec/template/spec/containers/0/name` → the path `spec.template.spec.containers[0].name`. */
export function pointerToFieldPath(pointer: string): FieldPath {
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, seg) => (/^\d+$/.test(seg) ? path.index(Number(seg)) : path.field(seg)), FieldPath.root(''));
}
