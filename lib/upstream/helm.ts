import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { ConstructError, yamlPackage } from '../core';
import { markUpstreamOrigin } from '../validation/upstream-origin';
import { UpstreamManifests } from './upstream-manifests';

/** Properties for `HelmManifests`. */
export interface HelmManifestsProps {
  /** The chart: a local folder or archive, or `repo/name` of a repository helm knows. */
  readonly chart: string;
  /**
   * The release name.
   *
   * @default - the construct id
   */
  readonly releaseName?: string;
  /**
   * The release namespace (`helm template --namespace`).
   *
   * @default - helm's default
   */
  readonly namespace?: string;
  /**
   * The chart version (`--version`), for charts from a repository.
   *
   * @default - the latest
   */
  readonly version?: string;
  /**
   * Values, as a values file would give them.
   *
   * @default - the chart's defaults
   */
  readonly values?: Record<string, unknown>;
  /**
   * Keep Helm hooks (`helm.sh/hook`: test pods, pre-install jobs). By default they are left out
   * and listed in `skippedHooks`.
   *
   * @default false
   */
  readonly includeHelmHooks?: boolean;
  /**
   * Apply kubecraft's secure defaults to the rendered objects (see `UpstreamManifestsProps`);
   * each change is listed in `changes()` and in the validation report.
   *
   * @default false
   */
  readonly applySecureDefaults?: boolean;
  /**
   * The helm executable.
   *
   * @default 'helm' (from the PATH)
   */
  readonly helmExecutable?: string;
}

/**
 * A Helm chart rendered with `helm template` (helm 3 or later, on the PATH or given as
 * `helmExecutable`) and included as upstream manifests: validated with the rest of the app,
 * left as the chart renders them, changed with `modify`, relaxed with reasons per object, and
 * without its hooks unless asked. A failing `helm template` is a `ConstructError` naming the
 * construct path, the prop and helm's message.
 */
export class HelmManifests extends UpstreamManifests {
  constructor(scope: Construct, id: string, props: HelmManifestsProps) {
    super(scope, id, {
      text: renderHelmChart(scope, id, props),
      includeHelmHooks: props.includeHelmHooks,
      applySecureDefaults: props.applySecureDefaults,
    });
    markUpstreamOrigin(this, 'HelmManifests'); // validation's fixes name the chart's values too
  }
}

function renderHelmChart(scope: Construct, id: string, props: HelmManifestsProps): string {
  // rendered before the construct exists (its text goes to the constructor): errors name its future path
  const where = scope.node.path ? `${scope.node.path}/${id}` : id;
  const helm = props.helmExecutable ?? 'helm';
  const args = ['template', props.releaseName ?? id, props.chart];
  if (props.namespace) args.push('--namespace', props.namespace);
  if (props.version) args.push('--version', props.version);
  let dir: string | undefined;
  if (props.values) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubecraft-helm-'));
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, yamlPackage().stringify(props.values));
    args.push('--values', file);
  }
  try {
    const r = spawnSync(helm, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.error) {
      throw new ConstructError(where, `HelmManifests: cannot run ${helm} (${r.error.message})`, {
        prop: 'helmExecutable',
        hint: 'install helm 3 or later and put it on the PATH, or give its path as helmExecutable (see README, Helm charts)',
      });
    }
    if (r.status !== 0) {
      throw new ConstructError(
        where,
        `HelmManifests: helm template ${props.chart} failed (${r.status !== null ? `exit ${r.status}` : r.signal}): ${r.stderr.trim()}`,
        {
          prop: 'chart',
          hint: 'check the chart (a local folder or archive, or repo/name of a repository helm knows), its version and the values',
        },
      );
    }
    return r.stdout;
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
