import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { markUpstreamManifest } from '../app/kubecraft-chart';
import { ConstructError, describeObject, Manifest, registerCustomResourceScopeOf, yamlPackage } from '../core';
import { applySecureDefaults } from '../security/secure-defaults';
import { recordAppliedChanges } from '../validation/applied-changes';
import { Policy } from '../validation/policy';
import { registerCustomResourceDefinitions } from '../validation/schema/store';
import { markUpstreamOrigin } from '../validation/upstream-origin';
import { parsedOnce } from './parsed-yaml-cache';
import { UpstreamKinds, UpstreamManifest } from './types';

/** The annotation Helm uses to mark hooks (tests, pre-install jobs, ...). */
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

/** Properties for `UpstreamManifests`: exactly one of `file` and `text`. */
export interface UpstreamManifestsProps {
  /**
   * A local YAML file with the manifests (several documents), read when the construct is built.
   *
   * @default - `text` is given
   */
  readonly file?: string;
  /**
   * The manifests as YAML text (several documents).
   *
   * @default - `file` is given
   */
  readonly text?: string;
  /**
   * Complete the pods' security settings with kubecraft's secure defaults (a `RuntimeDefault`
   * seccomp profile, `drop: [ALL]` capabilities) where upstream leaves them unset. Each change
   * is listed in `changes()` and, as an info finding per object (`policy/secure-defaults-applied`),
   * in the validation report. By default upstream objects are left as upstream wrote them, and
   * what the defaults would fix is reported by validation as findings (relax them with reasons).
   *
   * @default false
   */
  readonly applySecureDefaults?: boolean;
  /**
   * Keep objects annotated as Helm hooks (`helm.sh/hook`: tests, pre-install jobs, ...). By
   * default they are left out and listed in `skippedHooks`, since `kubectl apply` would create
   * them as ordinary objects.
   *
   * @default false
   */
  readonly includeHelmHooks?: boolean;
}

/** A change kubecraft made to an upstream object (with `applySecureDefaults`). */
export interface UpstreamChange {
  /** The object, as `Kind namespace/name`. */
  readonly object: string;
  /** The field path that was set, e.g. `spec.template.spec.securityContext.seccompProfile`. */
  readonly field: string;
  /** The value it was set to (JSON). */
  readonly value: string;
}

/** Any manifest as upstream wrote it: a mutable JSON object. */
type Modifier = (manifest: UpstreamManifest) => void;

/**
 * One upstream object: renders the manifest as upstream wrote it (plus the chart's namespace
 * where upstream leaves it unset), then the user's `modify` callbacks, then, if asked, secure
 * defaults. Marked for `KubecraftChart`, which then neither adds secure defaults nor config hashes.
 */
export class UpstreamObject extends ApiObject {
  /** The manifest as upstream wrote it (do not change it; use `UpstreamManifests.modify`). */
  public readonly original: Manifest;
  private readonly modifiers: Modifier[] = [];
  private readonly secureDefaults: boolean;
  private lastChanges: UpstreamChange[] = [];

  constructor(scope: Construct, id: string, manifest: Manifest, secureDefaults: boolean) {
    super(scope, id, structuredClone(manifest));
    this.original = manifest;
    this.secureDefaults = secureDefaults;
  }

  /** Adds a callback that changes the rendered manifest (applied in the order added). */
  public addModifier(fn: Modifier): void {
    this.modifiers.push(fn);
  }

  /** The secure-default changes made the last time this object rendered. */
  public get changes(): readonly UpstreamChange[] {
    return this.lastChanges;
  }

  /** Renders the object: upstream's manifest, then the modifiers, then secure defaults if asked. */
  public toJson(): UpstreamManifest {
    const json = super.toJson() as UpstreamManifest;
    for (const fn of this.modifiers) fn(json);
    if (this.secureDefaults) {
      const before = JSON.parse(JSON.stringify(json)) as unknown;
      applySecureDefaults(json as Manifest);
      const added = addedLeaves(before, json, '');
      this.lastChanges = added.map(({ field, value }) => ({ object: describeObject(json as Manifest), field, value }));
      recordAppliedChanges(this, 'applySecureDefaults', added); // shown in the validation report
    }
    return markUpstreamManifest(json);
  }
}

/**
 * Upstream Kubernetes manifests (a project's `install.yaml`, an operator's `common.yaml`, ...)
 * as a first-class part of a kubecraft app: validated like everything else, and left exactly as
 * upstream wrote them unless asked. `KubecraftChart`'s secure defaults and config hashes are not
 * applied to them; what the secure defaults would fix shows up as policy findings, which
 * `relax` accepts with a reason per object, or `applySecureDefaults: true` applies (each change
 * listed in `changes()` and in the validation report). Objects are found by kind and name and
 * changed with typed callbacks (`modify`); CustomResourceDefinitions among them register their
 * scope (cluster-scoped custom kinds get no namespace) and their schemas (their custom
 * resources are validated in the same synth). Helm hooks are left out unless
 * `includeHelmHooks` is set.
 *
 * ```ts
 * const dashboard = new UpstreamManifests(chart, 'dashboard', { file: 'recommended.yaml' });
 * dashboard.modify('Deployment', 'kubernetes-dashboard', (d) => {
 *   d.spec.template.spec.containers[0].args?.push('--token-ttl=900');
 * });
 * dashboard.relax('Deployment', 'dashboard-metrics-scraper', 'policy/resources', 'upstream sets none; sized by the LimitRange');
 * ```
 */
export class UpstreamManifests extends Construct {
  /** The included objects, in the order of the file (without those `exclude`d). */
  public get objects(): readonly UpstreamObject[] {
    return this.included;
  }
  /** The objects left out with `exclude`: `Kind namespace/name` and the reason. */
  public readonly excluded: string[] = [];
  private included: UpstreamObject[];
  /** The Helm hooks left out (`Kind namespace/name` and the hook), unless `includeHelmHooks`. */
  public readonly skippedHooks: readonly string[];

  constructor(scope: Construct, id: string, props: UpstreamManifestsProps) {
    super(scope, id);
    markUpstreamOrigin(this, 'UpstreamManifests'); // validation's fixes name modify, relax, applySecureDefaults
    if ((props.file === undefined) === (props.text === undefined)) {
      throw new ConstructError(this, 'UpstreamManifests: give exactly one of file and text', {
        prop: 'file',
        hint: "file: 'upstream/install.yaml' or text: '<YAML>'",
      });
    }
    let text: string;
    if (props.file !== undefined) {
      if (!fs.existsSync(props.file)) {
        throw new ConstructError(this, `UpstreamManifests: no such file: ${props.file}`, {
          prop: 'file',
          hint: 'vendor the upstream file into the repository and give its path',
        });
      }
      text = fs.readFileSync(props.file, 'utf8');
    } else {
      text = props.text as string;
    }
    const manifests = parseManifests(this, text);
    const skipped: string[] = [];
    const objects: UpstreamObject[] = [];
    const used = new Set<string>();
    for (const m of manifests) {
      const hook = m.metadata?.annotations?.[HELM_HOOK_ANNOTATION];
      if (hook !== undefined && !props.includeHelmHooks) {
        skipped.push(`${describeObject(m)} (${HELM_HOOK_ANNOTATION}: ${hook})`);
        continue;
      }
      if (m.kind === 'CustomResourceDefinition') {
        registerCustomResourceScopeOf(m, 'app');
        registerCustomResourceDefinitions([m], 'app');
      }
      const base = [m.kind, m.metadata?.namespace, m.metadata?.name].filter((p) => p).join('-') || 'object';
      let objId = base;
      for (let i = 2; used.has(objId); i++) objId = `${base}-${i}`;
      used.add(objId);
      objects.push(new UpstreamObject(this, objId, m, props.applySecureDefaults ?? false));
    }
    this.included = objects;
    this.skippedHooks = skipped;
  }

  /**
   * The included object of `kind` named `name` (and in `namespace`, when several share the
   * name). Throws, naming what there is, when there is none or more than one.
   */
  public find(kind: string, name: string, namespace?: string): UpstreamObject {
    const found = this.objects.filter(
      (o) =>
        o.original.kind === kind &&
        o.original.metadata?.name === name &&
        (namespace === undefined || o.original.metadata?.namespace === namespace),
    );
    if (found.length === 1) return found[0];
    const what = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
    const ofKind = this.objects.filter((o) => o.original.kind === kind).map((o) => describeObject(o.original));
    throw new ConstructError(
      this,
      found.length === 0
        ? `UpstreamManifests: no ${what} among the included objects`
        : `UpstreamManifests: ${what} is ambiguous`,
      {
        prop: 'name',
        hint:
          ofKind.length > 0
            ? `the ${kind} objects are: ${ofKind.join(', ')}`
            : `there is no ${kind}; give the namespace if names repeat`,
      },
    );
  }

  /**
   * Changes the included object of `kind` named `name` with a typed callback, applied to the
   * rendered manifest (after JSON patches, before validation). Returns this, for chaining.
   *
   * ```ts
   * upstream.modify('Deployment', 'rook-ceph-operator', (d) => {
   *   d.spec.template.spec.containers[0].resources = { requests: { cpu: '200m', memory: '128Mi' }, limits: { memory: '512Mi' } };
   * });
   * ```
   */
  public modify<K extends string>(
    kind: K,
    name: string,
    fn: (manifest: K extends keyof UpstreamKinds ? UpstreamKinds[K] : UpstreamManifest) => void,
    namespace?: string,
  ): this {
    const obj = this.find(kind, name, namespace);
    obj.addModifier(fn as unknown as Modifier);
    return this;
  }

  /**
   * Relaxes validation rule `rule` for the included object of `kind` named `name`, with the
   * reason, printed in the validation report (see `Policy.relax`). Returns this, for chaining.
   */
  public relax(kind: string, name: string, rule: string, reason: string, namespace?: string): this {
    Policy.relax(this.find(kind, name, namespace), rule, reason);
    return this;
  }

  /**
   * Leaves the included object of `kind` named `name` out of the app, with the reason (e.g. a
   * Namespace another chart creates). The reason is kept in `excluded`. Returns this.
   */
  public exclude(kind: string, name: string, reason: string, namespace?: string): this {
    if (reason.trim().length < 10) {
      throw new ConstructError(this, `UpstreamManifests.exclude: leaving out ${kind} ${name} needs a written reason`, {
        prop: 'reason',
        hint: 'say in at least 10 characters why the object is not wanted',
      });
    }
    const obj = this.find(kind, name, namespace);
    this.node.tryRemoveChild(obj.node.id);
    this.included = this.included.filter((o) => o !== obj);
    this.excluded.push(`${describeObject(obj.original)}: ${reason.trim()}`);
    return this;
  }

  /**
   * The changes kubecraft made to the included objects the last time they rendered (only with
   * `applySecureDefaults`): one entry per field set.
   */
  public changes(): UpstreamChange[] {
    return this.objects.flatMap((o) => o.changes);
  }
}

/**
 * Parses multi-document YAML into manifests; empty documents are skipped, `List`s flattened.
 * Remembered by content (see `parsedOnce`): the same text is parsed once.
 */
export function parseManifests(scope: Construct, text: string): Manifest[] {
  return parsedOnce(text, `yaml@${YAML_VERSION}`, (t) => parseManifestsNow(scope, t));
}

/** The yaml package's version: part of the key of parsed files (a new parser may read differently). */
const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;

function parseManifestsNow(scope: Construct, text: string): Manifest[] {
  const result: Manifest[] = [];
  for (const doc of yamlPackage().parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new ConstructError(scope, `UpstreamManifests: invalid YAML: ${doc.errors[0].message}`, {
        hint: 'fix the YAML of the upstream file',
      });
    }
    const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
    if (value === null || value === undefined) continue;
    const m = value as Manifest & { items?: unknown };
    if (typeof m !== 'object' || typeof m.kind !== 'string' || typeof m.apiVersion !== 'string') {
      throw new ConstructError(
        scope,
        'UpstreamManifests: a document is not a Kubernetes object (no apiVersion and kind)',
        {
          hint: 'include only Kubernetes manifests',
        },
      );
    }
    if (m.kind.endsWith('List') && Array.isArray(m.items)) {
      result.push(...(m.items as Manifest[]));
      continue;
    }
    result.push({ ...m, metadata: m.metadata ?? {} });
  }
  return result;
}

/** The leaves of `after` that `before` lacks (fields added), with their path and JSON value. */
function addedLeaves(before: unknown, after: unknown, path: string): Array<{ field: string; value: string }> {
  if (before === undefined) return [{ field: path, value: JSON.stringify(after) }];
  if (after === null || typeof after !== 'object' || before === null || typeof before !== 'object') return [];
  const out: Array<{ field: string; value: string }> = [];
  for (const [key, value] of Object.entries(after as Record<string, unknown>)) {
    const field = Array.isArray(after) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    out.push(...addedLeaves((before as Record<string, unknown>)[key], value, field));
  }
  return out;
}
