import { IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, LIBRARY_COPY, processMemo, rememberRecent } from '../core';
import { checkAppliedChanges } from './checks/applied-changes-check';
import { checkPolicy } from './checks/policy-checks';
import { checkReferences } from './checks/reference-checks';
import { checkSchema } from './checks/schema-check';
import { checkValues } from './checks/value-checks';
import { checkVersionFeatures } from './checks/version-checks';
import { declaredClustersIn } from './declared-clusters';
import { External, ExternalObject, importedObjectsIn } from './external';
import { toReport, ValidationReport } from './finding';
import { Relaxation } from './policy';
import { schemaValidatorFor } from './schema/store';
import { upstreamOriginOf } from './upstream-origin';
import { ObjectToValidate, Reported, ValidationContext } from './validation-context';

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
  return runValidation(units, options);
}

/**
 * `validate`, reusing what the checks that read one object at a time reported on an object
 * with the same content in an earlier validation of this process (`kubecraft synth --watch`
 * re-validates mostly unchanged apps). `keyOf` gives an object's content key (undefined: not
 * cacheable); the report is the same as `validate`'s, finding for finding, in the same order.
 *
 * What is reused, and why it is sound: the schema check of an object of a kind the library
 * has a schema for (its result depends on the object and the Kubernetes version only), the
 * value checks (the object and the version) and the policy checks (the object, the version and
 * the upstream origin of its construct, which the hints name). Each reused result is what the
 * check reported (rule, field, message, hint), replayed through the context, so relaxations are
 * judged again every time. The reference checks (across objects), the version-feature and
 * applied-changes checks (cheap, the latter reads the construct) always run. Every key holds the
 * Kubernetes version and a token of this copy of the library: a reloaded library (its checks
 * may have changed) never reads what another copy recorded.
 *
 * @internal
 */
export function validateIncrementally(
  units: readonly DeploymentUnit[],
  options: ValidateOptions,
  keyOf: (obj: ObjectToValidate) => string | undefined,
): ValidationReport {
  return runValidation(units, options, keyOf);
}

function runValidation(
  units: readonly DeploymentUnit[],
  options: ValidateOptions,
  keyOf?: (obj: ObjectToValidate) => string | undefined,
): ValidationReport {
  const externals = [...(options.externals ?? [])];
  if (options.root) externals.push(...External.declaredIn(options.root), ...importedObjectsIn(options.root));
  const version = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const relaxations = options.relaxations ?? [];
  const clusters = options.root ? declaredClustersIn(options.root) : undefined;
  const findings = units.flatMap((unit) => {
    const ctx = new ValidationContext(unit.objects, externals, relaxations, version, clusters);
    if (keyOf) {
      const keys = unit.objects.map(keyOf);
      reuseOrRun(ctx, 'schema', checkSchema, (obj, i) => schemaKey(obj, keys[i], version), schemaNeedsCrds);
      checkVersionFeatures(ctx);
      reuseOrRun(ctx, 'values', checkValues, (_, i) => keys[i]);
      checkReferences(ctx);
      reuseOrRun(ctx, 'policy', checkPolicy, (obj, i) => policyKey(obj, keys[i]));
    } else {
      checkSchema(ctx);
      checkVersionFeatures(ctx);
      checkValues(ctx);
      checkReferences(ctx);
      checkPolicy(ctx);
    }
    checkAppliedChanges(ctx);
    return ctx.findings;
  });
  return toReport(findings, version);
}

/** A context that records what the checks report, per object, instead of judging it. */
class RecordingContext extends ValidationContext {
  public readonly reported = new Map<ObjectToValidate, Reported[]>();

  public override add(obj: ObjectToValidate, reported: Reported): void {
    let list = this.reported.get(obj);
    if (!list) this.reported.set(obj, (list = []));
    list.push(reported);
  }
}

const VALIDATION_MEMO = 'kubecraft.validation-memo';
/** Entries kept at most (least recently used dropped first): some 4 per object of the largest app watched. */
const MEMO_LIMIT = 100_000;

/** What the per-object checks reported, by check, version, library copy and content; kept on globalThis (app bundles are reloaded). */
function memo(): Map<string, readonly Reported[]> {
  return processMemo(VALIDATION_MEMO);
}

/**
 * Runs `check` on the objects of `ctx` whose results are not remembered (plus, when
 * `context(missing)` says so, the CustomResourceDefinitions among them: a check that reads them
 * for other objects), then reports, object by object in order, the remembered or the fresh
 * results through `ctx`, remembering the fresh ones under their key.
 */
function reuseOrRun(
  ctx: ValidationContext,
  name: string,
  check: (ctx: ValidationContext) => void,
  keyOf: (obj: ObjectToValidate, index: number) => string | undefined,
  needsCrds: (missing: readonly ObjectToValidate[], version: KubernetesVersion) => boolean = () => false,
): void {
  const store = memo();
  const keys = ctx.objects.map((obj, i) => {
    const key = keyOf(obj, i);
    return key === undefined ? undefined : `${name}\0${ctx.kubernetesVersion}\0${LIBRARY_COPY}\0${key}`;
  });
  const hits = keys.map((key) => (key === undefined ? undefined : store.get(key)));
  const missing = ctx.objects.filter((_, i) => hits[i] === undefined);
  const run = needsCrds(missing, ctx.kubernetesVersion)
    ? ctx.objects.filter((o, i) => hits[i] === undefined || o.manifest.kind === 'CustomResourceDefinition')
    : missing;
  const recorder = new RecordingContext(run, ctx.externals, [], ctx.kubernetesVersion, ctx.clusters, ctx);
  if (run.length > 0) check(recorder);
  ctx.objects.forEach((obj, i) => {
    const key = keys[i];
    const fresh = recorder.reported.get(obj);
    const reported = hits[i] ?? fresh ?? [];
    if (key !== undefined) rememberRecent(store, key, reported, MEMO_LIMIT);
    for (const r of reported) ctx.add(obj, r);
  });
}

/**
 * The schema check's key: the object's content, when its kind has a schema in the library
 * (then nothing else in the app decides its result); undefined for custom resources of the
 * app's own CRDs or of registered ones.
 */
function schemaKey(obj: ObjectToValidate, key: string | undefined, version: KubernetesVersion): string | undefined {
  const { apiVersion, kind } = obj.manifest;
  if (key === undefined || typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return schemaValidatorFor(apiVersion, kind, version) ? key : undefined;
}

/** Whether objects to schema-check may be custom resources of the app's CRDs (which the check then needs to see). */
function schemaNeedsCrds(missing: readonly ObjectToValidate[], version: KubernetesVersion): boolean {
  return missing.some(({ manifest: { apiVersion, kind } }) => {
    return typeof apiVersion !== 'string' || typeof kind !== 'string' || !schemaValidatorFor(apiVersion, kind, version);
  });
}

/** The policy checks' key: the content and the upstream origin of the construct (its hints name it). */
function policyKey(obj: ObjectToValidate, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const origin = upstreamOriginOf(obj.construct);
  return origin ? `${key}\0${origin.source}\0${origin.path}` : key;
}
