import { asObject, JsonObject, Manifest } from '../core';
import { OutputFolder } from '../output/output-folders';
import { APPLY_SET_PART_OF_LABEL, applySetFlag, applySetId } from './apply-set';
import {
  ApplySetRecord,
  asList,
  groupKindOf,
  installApplySetCrd,
  kubectlVersion,
  listApplySetMembers,
  readApplySetParent,
  writeApplySetParent,
} from './apply-set-parent';
import { checkCluster, DeployError, KubectlOptions, KubectlResult, kubectlErrorLine, runKubectl } from './kubectl';

/** The field manager of every object kubecraft applies (server-side apply). */
export const FIELD_MANAGER = 'kubecraft';

/** The workload kinds whose rollout `--wait` follows with `kubectl rollout status`. */
const ROLLOUT_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Options for {@link applyOutput}. */
export interface ApplyOutputOptions extends KubectlOptions {
  /** The output folders to apply, in order (read with `readOutputFolders`). */
  readonly folders: readonly OutputFolder[];
  /** The ApplySet name of each folder (see `applySetName`). */
  readonly applySetNameOf: (folder: string) => string;
  /**
   * Make each folder one ApplySet and delete the objects of earlier applies that the folder no
   * longer holds. Without it, objects are applied (as members of no set) and nothing is deleted.
   *
   * @default true
   */
  readonly prune?: boolean;
  /**
   * A server-side dry run (`--dry-run=server`): the server checks and defaults every object of
   * every phase, the prune says what it would delete, and nothing is stored.
   *
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * After the main phase, wait for every Deployment, StatefulSet and DaemonSet to finish its
   * rollout (`kubectl rollout status`).
   *
   * @default false
   */
  readonly wait?: boolean;
  /**
   * Take over fields that another field manager owns (`--force-conflicts`).
   *
   * @default false
   */
  readonly forceConflicts?: boolean;
  /**
   * Seconds each wait may take (CRDs established, a namespace's default ServiceAccount, a rollout).
   *
   * @default 300
   */
  readonly timeoutSeconds?: number;
  /**
   * Where progress goes, one line at a time.
   *
   * @default nowhere
   */
  readonly log?: (line: string) => void;
}

/** What was applied to one output folder. */
export interface AppliedFolder {
  readonly folder: string;
  /** The ApplySet parent (`applysets.kubecraft.io/<name>`), when pruning. */
  readonly applySet?: string;
  /** The objects applied, as kubectl names them (`deployment.apps/web`), in order. */
  readonly applied: readonly string[];
  /** The objects the prune deleted (or, in a dry run, would delete), as kubectl names them. */
  readonly pruned: readonly string[];
}

const label = (folder: string) => (folder ? `environment '${folder}'` : 'the charts outside environments');

/** An object as kubectl names it: `deployment.apps/web`, `service/web`. */
function kubectlName(o: { apiVersion?: unknown; kind?: unknown; metadata?: unknown }): string {
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const name = String(asObject(o.metadata)?.name ?? '');
  return `${String(o.kind ?? '').toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

/** `objects`, each labelled a member of ApplySet `id` (what kubectl's `--applyset` adds). */
function asMembers(objects: readonly Manifest[], id: string): Manifest[] {
  return objects.map((m) => ({
    ...m,
    metadata: { ...m.metadata, labels: { ...m.metadata.labels, [APPLY_SET_PART_OF_LABEL]: id } },
  }));
}

const union = (a: ReadonlySet<string>, b: Iterable<string>) => new Set([...a, ...b]);

/**
 * Applies synthesized output folders to the cluster of the user's kubeconfig context with their
 * kubectl, one folder after the other. Each folder is one ApplySet (KEP-3659) whose parent is
 * `applysets.kubecraft.io/<name>`, applied in its install phases:
 *
 * 1. the parent records the kinds and namespaces of the set as it was and as it will be (so an
 *    interrupted apply never loses track of a member);
 * 2. `setup`: the CustomResourceDefinitions and Namespaces, `kubectl apply --server-side
 *    --field-manager=kubecraft`, then `kubectl wait --for=condition=established` of the CRDs and
 *    a wait for each namespace's `default` ServiceAccount;
 * 3. `main`: every object of the folder (the setup phase again, then the rest), the same way;
 * 4. prune: the members of the set (`applyset.kubernetes.io/part-of`, listed per kind across
 *    namespaces) that this apply did not touch are deleted, custom resources and workloads
 *    before CRDs and Namespaces; then the parent records the set as it is now;
 * 5. with `wait`, `kubectl rollout status` of each Deployment, StatefulSet and DaemonSet.
 *
 * Every object is applied with the member label already set, so applying the same output again
 * writes nothing. The parent is written as kubectl's `--applyset` writes it (see `apply-set.ts`).
 * A failure stops at once with a `DeployError` saying which folder and phase failed, kubectl's
 * reason, and what had been applied before it.
 */
export async function applyOutput(options: ApplyOutputOptions): Promise<AppliedFolder[]> {
  const log = options.log ?? (() => undefined);
  const prune = options.prune ?? true;
  const timeout = `${options.timeoutSeconds ?? 300}s`;
  const flags = [
    '--server-side',
    `--field-manager=${FIELD_MANAGER}`,
    ...(options.forceConflicts ? ['--force-conflicts'] : []),
    ...(options.dryRun ? ['--dry-run=server'] : []),
  ];
  const context = await checkCluster(options);
  log(`kubecraft apply: context '${context}'${options.dryRun ? ' (server-side dry run: nothing is stored)' : ''}`);
  const version = prune ? await kubectlVersion(options) : '';
  const done: AppliedFolder[] = [];
  const failed = (folder: string, phase: string, reason: string, appliedNow: readonly string[]): DeployError => {
    const before = done.map(
      (d) => `${label(d.folder)} (${d.applied.length} objects${d.pruned.length ? `, ${d.pruned.length} pruned` : ''})`,
    );
    const now =
      appliedNow.length > 0 ? `; in this phase kubectl had applied ${appliedNow.length}: ${appliedNow.join(', ')}` : '';
    return new DeployError(
      `phase '${phase}' of ${label(folder)} failed: ${reason}${now}; applied before it: ${before.length ? before.join(', ') : 'nothing'}`,
    );
  };
  /**
   * `kubectl apply` of `objects`; resolves to the objects kubectl applied, or throws naming the
   * phase. A dry run cannot check custom resources whose CRD is in the folder's own setup phase
   * (the dry run did not create it): they are left out, and the log says so.
   */
  const apply = async (folder: OutputFolder, phase: string, objects: readonly Manifest[]): Promise<string[]> => {
    const ownCrds = new Set(
      folder.objects.setup
        .filter((m) => m.kind === 'CustomResourceDefinition')
        .map((m) => {
          const spec = asObject(m.spec);
          return `${String(asObject(spec?.names)?.kind)}.${String(spec?.group)}`;
        }),
    );
    let input = objects;
    for (;;) {
      const r = await runKubectl(['apply', ...flags, '-f', '-'], options, { input: asList(input) });
      for (const line of r.stdout.split('\n')) if (line.trim()) log(`  ${line.trim()}`);
      if (r.status === 0) return appliedLines(r);
      const unserved = [...r.stderr.matchAll(/no matches for kind "([^"]+)" in version "([^"]+)"/g)].map((m) =>
        groupKindOf({ apiVersion: m[2], kind: m[1] }),
      );
      const missingNs = [...r.stderr.matchAll(/namespaces "([^"]+)" not found/g)].map((m) => m[1]);
      const ownNamespaces = new Set(
        folder.objects.setup.filter((m) => m.kind === 'Namespace').map((m) => m.metadata.name),
      );
      const skip = (m: Manifest) => unserved.includes(groupKindOf(m)) || missingNs.includes(m.metadata.namespace ?? '');
      if (
        options.dryRun &&
        unserved.length + missingNs.length > 0 &&
        unserved.every((k) => ownCrds.has(k)) &&
        missingNs.every((ns) => ownNamespaces.has(ns)) &&
        input.some(skip)
      ) {
        const skipped = input.filter(skip);
        const why = [
          unserved.length ? `kinds ${[...new Set(unserved)].join(', ')} whose CRDs` : '',
          missingNs.length ? `namespaces ${[...new Set(missingNs)].join(', ')}, which` : '',
        ].filter(Boolean);
        log(
          `  not checked: ${skipped.length} object${skipped.length === 1 ? '' : 's'} of ${why.join(' and ')} the setup phase creates (a dry run does not create them)`,
        );
        input = input.filter((m) => !skip(m));
        continue;
      }
      const reason =
        unserved.length > 0
          ? `the cluster does not serve ${unserved.join(', ')} and no CRD of this folder defines ${unserved.length === 1 ? 'it' : 'them'}: install the CRD first, or add it to the app (kubectl: ${kubectlErrorLine(r)})`
          : kubectlErrorLine(r);
      throw failed(folder.folder, phase, reason, appliedLines(r));
    }
  };
  const contextNamespace = prune ? await defaultNamespace(options) : 'default';

  for (const f of options.folders) {
    const name = options.applySetNameOf(f.folder);
    const id = applySetId(name);
    const all = [...f.objects.setup, ...f.objects.main];
    let recorded: ApplySetRecord | undefined;
    if (prune) {
      recorded = await readApplySetParent(name, options);
      if (!options.dryRun) {
        if (!recorded) {
          log(`  creating the ApplySet parent ${applySetFlag(name)} (id ${id})`);
          await installApplySetCrd(options, FIELD_MANAGER, timeout);
        }
        const explicit = all.map((m) => m.metadata.namespace).filter((ns): ns is string => Boolean(ns));
        await writeApplySetParent(
          name,
          {
            kinds: union(recorded?.kinds ?? new Set(), all.map(groupKindOf)),
            namespaces: union(recorded?.namespaces ?? new Set(), explicit),
          },
          options,
          version,
        );
      }
    }
    const members = (objects: readonly Manifest[]) => (prune ? asMembers(objects, id) : objects);
    if (f.objects.setup.length > 0) {
      log(`== ${label(f.folder)}: phase setup (${describeSetup(f.objects.setup)})`);
      await apply(f, 'setup', members(f.objects.setup));
      if (!options.dryRun) {
        await waitForSetup(f.objects.setup, options, timeout, log, (reason) => failed(f.folder, 'setup', reason, []));
      }
    }
    log(`== ${label(f.folder)}: phase main (${all.length} objects${prune ? `, ApplySet ${applySetFlag(name)}` : ''})`);
    const applied = await apply(f, 'main', members(all));
    let pruned: string[] = [];
    if (prune) {
      const { deleted, namespaces } = await pruneSet(
        name,
        recorded,
        all,
        contextNamespace,
        options,
        flags,
        log,
        (reason) => failed(f.folder, 'prune', reason, []),
      );
      pruned = deleted;
      if (!options.dryRun) {
        await writeApplySetParent(name, { kinds: new Set(all.map(groupKindOf)), namespaces }, options, version);
      }
    }
    if (options.wait && !options.dryRun) {
      for (const m of f.objects.main.filter((o) => ROLLOUT_KINDS.has(o.kind))) {
        const target = `${m.kind.toLowerCase()}/${m.metadata.name}`;
        log(`== ${label(f.folder)}: waiting for the rollout of ${target}`);
        const ns = m.metadata.namespace ? ['-n', m.metadata.namespace] : [];
        const w = await runKubectl(['rollout', 'status', target, ...ns, `--timeout=${timeout}`], options);
        if (w.status !== 0) throw failed(f.folder, 'wait', `${target}: ${kubectlErrorLine(w)}`, []);
      }
    }
    done.push({ folder: f.folder, ...(prune ? { applySet: applySetFlag(name) } : {}), applied, pruned });
  }
  return done;
}

/** The objects kubectl reported as applied before it failed. */
function appliedLines(r: KubectlResult): string[] {
  return r.stdout
    .split('\n')
    .map((l) => /^(\S+) serverside-applied/.exec(l.trim())?.[1])
    .filter((l): l is string => l !== undefined);
}

/** The namespace of the kubeconfig context, where kubectl puts namespaced objects that name none. */
async function defaultNamespace(options: KubectlOptions): Promise<string> {
  const r = await runKubectl(['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'], options);
  return (r.status === 0 && r.stdout.trim().split(/\s+/)[0]) || 'default';
}

/**
 * Deletes the members of ApplySet `name` that are not among the objects just applied (matched by
 * group, kind, namespace and name; an object that names no namespace is in the context's):
 * custom resources and workloads first, then CRDs and Namespaces. Resolves to what was deleted,
 * as kubectl names objects, and the namespaces of the members that remain.
 */
async function pruneSet(
  name: string,
  recorded: ApplySetRecord | undefined,
  applied: readonly Manifest[],
  contextNamespace: string,
  options: KubectlOptions,
  flags: readonly string[],
  log: (line: string) => void,
  failed: (reason: string) => Error,
): Promise<{ deleted: string[]; namespaces: Set<string> }> {
  const key = (apiVersion: unknown, kind: unknown, namespace: unknown, objName: unknown) =>
    `${groupKindOf({ apiVersion: String(apiVersion), kind: String(kind) })}|${String(namespace ?? '')}|${String(objName)}`;
  const kept = new Set(applied.map((m) => key(m.apiVersion, m.kind, m.metadata.namespace, m.metadata.name)));
  const isKept = (m: JsonObject) => {
    const meta = asObject(m.metadata) ?? {};
    const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
    return (
      kept.has(key(m.apiVersion, m.kind, ns, meta.name)) ||
      (ns === contextNamespace && kept.has(key(m.apiVersion, m.kind, '', meta.name)))
    );
  };
  // a dry run of a new set: nothing carries the member label yet, and nothing was recorded
  if (!recorded && flags.includes('--dry-run=server')) return { deleted: [], namespaces: new Set() };
  const kinds = union(recorded?.kinds ?? new Set(), applied.map(groupKindOf));
  const members = await listApplySetMembers(name, kinds, options);
  const namespaces = new Set(
    members
      .filter(isKept)
      .map((m) => asObject(m.metadata)?.namespace)
      .filter((ns): ns is string => typeof ns === 'string' && ns !== ''),
  );
  const stale = members
    .filter((m) => !isKept(m))
    .map((m) => ({
      apiVersion: m.apiVersion,
      kind: m.kind,
      metadata: { name: asObject(m.metadata)?.name, namespace: asObject(m.metadata)?.namespace },
    }));
  if (stale.length === 0) return { deleted: [], namespaces };
  const late = (k: unknown) => (k === 'CustomResourceDefinition' || k === 'Namespace' ? 1 : 0);
  stale.sort((a, b) => late(a.kind) - late(b.kind));
  const dryRun = flags.includes('--dry-run=server') ? ['--dry-run=server'] : [];
  const r = await runKubectl(['delete', '--ignore-not-found', '--wait=false', ...dryRun, '-f', '-'], options, {
    input: asList(stale),
  });
  if (r.status !== 0) throw failed(`deleting ${stale.map(kubectlName).join(', ')}: ${kubectlErrorLine(r)}`);
  const deleted = stale.map(kubectlName);
  for (const n of deleted) log(`  ${n} pruned${dryRun.length ? ' (server dry run)' : ''}`);
  return { deleted, namespaces };
}

function describeSetup(objects: readonly Manifest[]): string {
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition').length;
  const namespaces = objects.filter((o) => o.kind === 'Namespace').length;
  return [
    crds ? `${crds} CRD${crds === 1 ? '' : 's'}` : '',
    namespaces ? `${namespaces} Namespace${namespaces === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Waits until the setup phase's CRDs are established and its namespaces have their default ServiceAccount. */
async function waitForSetup(
  setup: readonly Manifest[],
  options: KubectlOptions,
  timeout: string,
  log: (line: string) => void,
  failed: (reason: string) => Error,
): Promise<void> {
  const crds = setup.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => `crd/${o.metadata.name}`);
  if (crds.length > 0) {
    log(`  waiting for ${crds.length} CRD${crds.length === 1 ? '' : 's'} to be established`);
    const r = await runKubectl(['wait', '--for=condition=established', `--timeout=${timeout}`, ...crds], options);
    if (r.status !== 0) throw failed(`CRDs not established: ${kubectlErrorLine(r)}`);
  }
  const namespaces = setup.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name ?? '');
  if (namespaces.length === 0) return;
  log(
    `  waiting for the default ServiceAccount of ${namespaces.length} namespace${namespaces.length === 1 ? '' : 's'}`,
  );
  const deadline = Date.now() + parseInt(timeout, 10) * 1000;
  for (;;) {
    // one request for all of them: the namespaces still without one
    const r = await runKubectl(
      [
        'get',
        'serviceaccounts',
        '--all-namespaces',
        '--field-selector=metadata.name=default',
        '-o',
        'jsonpath={.items[*].metadata.namespace}',
      ],
      options,
    );
    if (r.status !== 0) throw failed(`listing ServiceAccounts: ${kubectlErrorLine(r)}`);
    const have = new Set(r.stdout.split(/\s+/));
    const missing = namespaces.filter((ns) => !have.has(ns));
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw failed(
        `no default ServiceAccount after ${timeout} in ${missing.join(', ')} (is the ServiceAccount controller running?)`,
      );
    }
    await new Promise((res) => setTimeout(res, 250));
  }
}
