import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkKnownProps, ConstructError, knownProps } from '../../core';
import { goDuration } from '../go-duration';

/** Where an Argo CD Application takes its manifests from (Argo CD's `ApplicationSource`). */
export interface ArgoCdSource {
  /** The git (or Helm) repository's URL. */
  readonly repoURL: string;
  /**
   * The folder in the git repository, e.g. `dist/prod`.
   *
   * @default - the repository's root
   */
  readonly path?: string;
  /**
   * The branch, tag or commit (a semver range for a Helm chart).
   *
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * The chart's name, when `repoURL` is a Helm repository.
   *
   * @default - not a Helm repository
   */
  readonly chart?: string;
}

/** The cluster and namespace an Application syncs to. Give `server` or `name`, not both. */
export interface ArgoCdDestination {
  /**
   * The cluster's API server URL (`https://kubernetes.default.svc` is Argo CD's own).
   *
   * @default - `name` gives the cluster
   */
  readonly server?: string;
  /**
   * The cluster's name in Argo CD.
   *
   * @default - `server` gives the cluster
   */
  readonly name?: string;
  /**
   * The namespace of namespaced objects that give none.
   *
   * @default - none: every namespaced object gives its own
   */
  readonly namespace?: string;
}

/** How Argo CD retries a failed sync. */
export interface ArgoCdRetry {
  /**
   * The most retries.
   *
   * @default 5
   */
  readonly limit?: number;
  /**
   * The wait before the first retry; each next one is `factor` times longer.
   *
   * @default Duration.seconds(5)
   */
  readonly backoff?: Duration;
  /**
   * The factor.
   *
   * @default 2
   */
  readonly factor?: number;
  /**
   * The longest wait.
   *
   * @default Duration.minutes(3)
   */
  readonly maxBackoff?: Duration;
}

/** When and how Argo CD syncs (Argo CD's `SyncPolicy`). */
export interface ArgoCdSyncPolicy {
  /**
   * Sync automatically when the source changes.
   *
   * @default true
   */
  readonly automated?: boolean;
  /**
   * With `automated`: delete objects that left the source.
   *
   * @default true
   */
  readonly prune?: boolean;
  /**
   * With `automated`: revert changes made in the cluster.
   *
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * Sync options, e.g. `ServerSideApply=true`, `CreateNamespace=true`.
   *
   * @default ['ServerSideApply=true'] (kubecraft's output is written for server-side apply)
   */
  readonly syncOptions?: readonly string[];
  /**
   * Retries of a failed sync.
   *
   * @default - no retries
   */
  readonly retry?: ArgoCdRetry;
}

/** What an Argo CD Application syncs, and where (Argo CD's `ApplicationSpec`). */
export interface ArgoCdApplicationSpec {
  /**
   * The AppProject the Application belongs to.
   *
   * @default 'default'
   */
  readonly project?: string;
  /** The source. */
  readonly source: ArgoCdSource;
  /** The destination. */
  readonly destination: ArgoCdDestination;
  /**
   * The sync policy.
   *
   * @default - automated, with prune and self-heal, server-side apply
   */
  readonly syncPolicy?: ArgoCdSyncPolicy;
}

const APPLICATION_SPEC = knownProps<ArgoCdApplicationSpec>('ArgoCdApplicationSpec')([
  'project',
  'source',
  'destination',
  'syncPolicy',
]);
const SOURCE = knownProps<ArgoCdSource>('ArgoCdSource')(['repoURL', 'path', 'targetRevision', 'chart']);
const DESTINATION = knownProps<ArgoCdDestination>('ArgoCdDestination')(['server', 'name', 'namespace']);
const SYNC_POLICY = knownProps<ArgoCdSyncPolicy>('ArgoCdSyncPolicy')([
  'automated',
  'prune',
  'selfHeal',
  'syncOptions',
  'retry',
]);
const RETRY = knownProps<ArgoCdRetry>('ArgoCdRetry')(['limit', 'backoff', 'factor', 'maxBackoff']);

/** The sync options kubecraft's output is meant for. */
export const DEFAULT_SYNC_OPTIONS: readonly string[] = ['ServerSideApply=true'];

/**
 * Checks `spec` (at prop `at`) as Argo CD would, for the parts a typo breaks: unknown keys, a
 * repository, a destination with exactly one of server and name (Argo CD's "can't have both name
 * and server defined").
 */
export function checkApplicationSpec(scope: IConstruct, spec: ArgoCdApplicationSpec, at: string): void {
  checkKnownProps(scope, spec, APPLICATION_SPEC, at);
  checkKnownProps(scope, spec.source, SOURCE, `${at}.source`);
  checkKnownProps(scope, spec.destination, DESTINATION, `${at}.destination`);
  if (spec.syncPolicy) checkKnownProps(scope, spec.syncPolicy, SYNC_POLICY, `${at}.syncPolicy`);
  if (spec.syncPolicy?.retry) checkKnownProps(scope, spec.syncPolicy.retry, RETRY, `${at}.syncPolicy.retry`);
  if (typeof spec.source?.repoURL !== 'string' || spec.source.repoURL === '') {
    throw new ConstructError(scope, 'the source names no repository', {
      prop: `${at}.source.repoURL`,
      hint: 'give the git repository URL',
    });
  }
  const d = spec.destination;
  if ((d?.server === undefined || d.server === '') === (d?.name === undefined || d.name === '')) {
    throw new ConstructError(
      scope,
      `the destination gives ${d?.server ? 'both server and name' : 'neither server nor name'}`,
      {
        prop: `${at}.destination`,
        hint: "give the cluster's API server URL (server) or its name in Argo CD (name), not both",
      },
    );
  }
}

/** `spec` as Argo CD's `ApplicationSpec` JSON. */
export function renderApplicationSpec(spec: ArgoCdApplicationSpec): Record<string, unknown> {
  const s = spec.source;
  const d = spec.destination;
  const p = spec.syncPolicy ?? {};
  const r = p.retry;
  const automated = p.automated ?? true;
  return {
    project: spec.project ?? 'default',
    source: {
      repoURL: s.repoURL,
      ...(s.path !== undefined ? { path: s.path } : {}),
      targetRevision: s.targetRevision ?? 'HEAD',
      ...(s.chart !== undefined ? { chart: s.chart } : {}),
    },
    destination: {
      ...(d.server ? { server: d.server } : { name: d.name }),
      ...(d.namespace !== undefined ? { namespace: d.namespace } : {}),
    },
    syncPolicy: {
      ...(automated ? { automated: { prune: p.prune ?? true, selfHeal: p.selfHeal ?? true } } : {}),
      syncOptions: [...(p.syncOptions ?? DEFAULT_SYNC_OPTIONS)],
      ...(r
        ? {
            retry: {
              limit: r.limit ?? 5,
              backoff: {
                duration: goDuration(r.backoff ?? Duration.seconds(5)),
                factor: r.factor ?? 2,
                maxDuration: goDuration(r.maxBackoff ?? Duration.minutes(3)),
              },
            },
          }
        : {}),
    },
  };
}
