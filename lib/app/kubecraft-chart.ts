import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  ConstructError,
  isClusterScoped,
  Manifest,
  registerCustomResourceScopeOf,
  resetAppCustomResourceScopes,
  runSetting,
} from '../core';
import { applySecureDefaults } from '../security/secure-defaults';
import { registerCustomResourceDefinitions, resetAppCustomResourceDefinitions } from '../validation/schema/store';
import { addConfigHashes } from './config-hash';
import { applyJsonPatchesLast } from './late-json-patches';
import { applyRolloutSettings, DEFAULT_REVISION_HISTORY_LIMIT, RolloutSettings } from './rollout-settings';
import { dropServerDefaults } from './server-defaults';

/**
 * The mark of a manifest included as upstream wrote it (see `markUpstreamManifest`): a
 * non-enumerable symbol property, so it is never serialized.
 */
const UPSTREAM_MANIFEST = Symbol.for('kubecraft.upstream-manifest');

/**
 * Marks a rendered manifest as upstream's own (returned by the `toJson` of an upstream object,
 * e.g. `UpstreamManifests`'s): a `KubecraftChart` leaves it as it is, without secure defaults or
 * config hashes (it still takes the namespace off cluster-scoped kinds, and JSON patches apply).
 * Returns the manifest.
 */
export function markUpstreamManifest<T extends object>(manifest: T): T {
  Object.defineProperty(manifest, UPSTREAM_MANIFEST, { value: true, enumerable: false });
  return manifest;
}

/** Whether `manifest` was marked with `markUpstreamManifest`. */
export function isUpstreamManifest(manifest: object): boolean {
  return (manifest as { [UPSTREAM_MANIFEST]?: boolean })[UPSTREAM_MANIFEST] === true;
}

const KUBECRAFT_CHART = Symbol.for('kubecraft.KubecraftChart');

/** Construct ids that name "the object itself" and are left out of generated names. */
const DEFAULT_CHILD_IDS = new Set(['resource', 'default']);
const MAX_NAME = 63;
/** CronJob names are limited to 52 characters (the controller appends an 11-character suffix). */
const MAX_CRONJOB_NAME = 52;

/**
 * Properties for `KubecraftChart`.
 */
export interface KubecraftChartProps extends ChartProps {
  /**
   * Append cdk8s's stable hash of the construct path to generated object names
   * (`web-c84dddbd`), as a plain cdk8s `Chart` does.
   *
   * Names given explicitly in `metadata.name` are never changed.
   *
   * @default false - generated names are the construct path below the chart, without a hash
   */
  readonly hashNames?: boolean;

  /**
   * Complete every pod's security settings to meet the Pod Security Standards "restricted"
   * profile: a `RuntimeDefault` seccomp profile on the pod and `drop: [ALL]` capabilities on
   * every container, wherever the object leaves them unset.
   *
   * @default true
   */
  readonly secureDefaults?: boolean;

  /**
   * Annotate the pod template of every workload with the hash of the ConfigMaps and Secrets
   * of this chart it uses (`kubecraft.io/config-hash`), so that a configuration change rolls
   * its pods on `kubectl apply`.
   *
   * @default true
   */
  readonly configHash?: boolean;

  /**
   * `spec.revisionHistoryLimit` of the Deployments, StatefulSets and DaemonSets that set none:
   * how many old revisions `kubectl rollout undo` can go back to.
   *
   * @default DEFAULT_REVISION_HISTORY_LIMIT (10)
   */
  readonly revisionHistoryLimit?: number;

  /**
   * Why this revision exists, recorded as the `kubernetes.io/change-cause` annotation on the
   * Deployments, StatefulSets and DaemonSets that set none (shown by `kubectl rollout history`).
   * Never derived from the time or anything else that would make the output differ between
   * runs of the same inputs.
   *
   * @default - $KUBECRAFT_CHANGE_CAUSE (set by `kubecraft synth --change-cause`), else none
   */
  readonly changeCause?: string;
}

/**
 * A cdk8s `Chart` with kubecraft's conventions:
 *
 * - objects without an explicit `metadata.name` are named after their construct path below
 *   the chart (`new Deployment(chart, 'web')` is `web`), with no hash unless `hashNames` is set;
 * - pods get secure defaults (see `KubecraftChartProps.secureDefaults`);
 * - workloads carry the hash of the ConfigMaps and Secrets they use (`configHash`);
 * - fields rendered with the API server's own default (`hostNetwork: false`, `externalIPs: []`,
 *   ...) are left out (`DROPPED_SERVER_DEFAULTS`);
 * - the chart's `namespace` applies to namespaced objects only;
 * - JSON patches (`ApiObject.of(x).addJsonPatch(...)`) apply to the final JSON, also on
 *   cdk8s-plus and imported CRD objects (see `applyJsonPatchesLast`).
 *
 * Synthesize it with a `KubecraftApp` for ordered, validated, atomic output.
 */
export class KubecraftChart extends Chart {
  /** Whether `x` is a `KubecraftChart` (also one built by another copy of kubecraft). */
  public static isKubecraftChart(x: unknown): x is KubecraftChart {
    return x !== null && typeof x === 'object' && KUBECRAFT_CHART in x;
  }

  /**
   * `instanceof KubecraftChart` answers `isKubecraftChart` (cdk8s's `Chart` answers `instanceof`
   * for every chart, subclasses included); `instanceof` a subclass stays the prototype check.
   */
  static [Symbol.hasInstance](x: unknown): x is KubecraftChart {
    return this === KubecraftChart
      ? KubecraftChart.isKubecraftChart(x)
      : (Function.prototype[Symbol.hasInstance].call(this, x) as boolean);
  }

  /** Whether secure pod defaults are applied when this chart is synthesized. */
  public readonly secureDefaults: boolean;
  /** Whether workloads get the `kubecraft.io/config-hash` annotation. */
  public readonly configHash: boolean;
  private readonly hashNames: boolean;
  private readonly rolloutSettings: RolloutSettings;

  constructor(scope: Construct, id: string, props: KubecraftChartProps = {}) {
    super(scope, id, { ...props, disableResourceNameHashes: !(props.hashNames ?? false) });
    Object.defineProperty(this, KUBECRAFT_CHART, { value: true });
    this.hashNames = props.hashNames ?? false;
    this.secureDefaults = props.secureDefaults ?? true;
    this.configHash = props.configHash ?? true;
    const limit = props.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
    if (!Number.isInteger(limit) || limit < 0 || limit > 2147483647) {
      throw new ConstructError(this, `revisionHistoryLimit must be a non-negative int32 (is ${limit})`, {
        prop: 'revisionHistoryLimit',
      });
    }
    const fromEnv = runSetting('changeCause');
    this.rolloutSettings = {
      revisionHistoryLimit: limit,
      changeCause: props.changeCause ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined),
    };
  }

  /**
   * Names an object after its construct path below this chart, e.g. `web` for
   * `chart/web/Resource` and `shop-db` for `chart/shop/db/Resource`.
   */
  public generateObjectName(apiObject: ApiObject): string {
    if (this.hashNames) return super.generateObjectName(apiObject);
    const max = apiObject.kind === 'CronJob' ? MAX_CRONJOB_NAME : MAX_NAME;
    const scopes = apiObject.node.scopes;
    const start = scopes.indexOf(this) + 1;
    const parts = scopes
      .slice(start)
      .map((s) => s.node.id)
      .filter((id) => !DEFAULT_CHILD_IDS.has(id.toLowerCase()))
      .map(toDnsLabelPart)
      .filter((p) => p.length > 0);
    const name = parts
      .filter((p, i) => p !== parts[i - 1])
      .join('-')
      .slice(0, max)
      .replace(/[-.]+$/, '');
    return name.length > 0 ? name : super.generateObjectName(apiObject);
  }

  /**
   * Renders the chart's objects: secure defaults applied when enabled, and the chart's
   * namespace removed from cluster-scoped objects (Namespace, ClusterRole, ...), which have none.
   */
  public toJson(): any[] {
    for (const c of this.node.findAll()) {
      if (c instanceof ApiObject && Chart.of(c) === this) applyJsonPatchesLast(c);
    }
    registerCrdScopes(this.node.root.node.findAll());
    return this.finish(super.toJson() as Manifest[]);
  }

  /**
   * Renders `apiObjects` (this chart's, in order, their app already prepared as cdk8s does
   * before rendering a chart) with the chart's passes; the result is index-aligned with them.
   * Used by `KubecraftApp`'s renderer, which prepares the app once for all its charts.
   *
   * @internal
   */
  public _renderObjects(apiObjects: readonly ApiObject[]): Manifest[] {
    for (const c of apiObjects) applyJsonPatchesLast(c);
    return this.finish(apiObjects.map((o) => o.toJson() as Manifest));
  }

  /** The chart's passes over its rendered objects (index-aligned: one manifest per input). */
  private finish(rendered: readonly Manifest[]): Manifest[] {
    const upstream = new Set<Manifest>();
    const objects = rendered.map((o) => {
      const scoped =
        isClusterScoped(o.kind, o.apiVersion) && o.metadata.namespace !== undefined ? withoutNamespace(o) : o;
      if (isUpstreamManifest(o)) {
        upstream.add(scoped);
        return scoped;
      }
      return this.secureDefaults ? applySecureDefaults(scoped) : scoped; // fresh objects: changed in place
    });
    // upstream objects stay as upstream wrote them
    const fresh = objects.filter((o) => !upstream.has(o));
    applyRolloutSettings(fresh, this.rolloutSettings);
    dropServerDefaults(fresh);
    if (!this.configHash) return objects;
    const hashed = addConfigHashes(objects);
    return hashed.map((o, i) => (upstream.has(objects[i]) ? objects[i] : o));
  }
}

/**
 * Registers every CustomResourceDefinition among `constructs` (`ApiObject`s of kind
 * CustomResourceDefinition: included, imported or built) as one of the app's: its scope, so that
 * the chart namespace is kept off cluster-scoped custom kinds (see `registerCustomResourceScope`),
 * and its schema, for the custom resources' validation. `fresh` forgets the CRDs registered for
 * the app before (the start of a render).
 */
export function registerCrdScopes(constructs: readonly IConstruct[], fresh = false): void {
  if (fresh) {
    resetAppCustomResourceScopes();
    resetAppCustomResourceDefinitions();
    registered = new WeakSet();
  }
  for (const c of constructs) {
    if (!(c instanceof ApiObject) || c.kind !== 'CustomResourceDefinition' || registered.has(c)) continue;
    registered.add(c);
    let json = crdJson.get(c);
    if (json === undefined) {
      json = c.toJson() as unknown;
      crdJson.set(c, json);
    }
    registerCustomResourceScopeOf(json, 'app');
    registerCustomResourceDefinitions([json], 'app');
  }
}

/** The JSON of CRD objects rendered once (rendering a large CRD for each chart and render would be slow). */
const crdJson = new WeakMap<ApiObject, unknown>();
/** The CRD objects registered since the render began. */
let registered = new WeakSet<ApiObject>();

function withoutNamespace(manifest: Manifest): Manifest {
  const { namespace: _omitted, ...metadata } = manifest.metadata;
  return { ...manifest, metadata };
}

function toDnsLabelPart(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}
