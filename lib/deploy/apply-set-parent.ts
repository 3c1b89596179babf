import { asArray, asObject, JsonObject, Manifest } from '../core';
import {
  APPLY_SET_GROUP,
  APPLY_SET_ID_LABEL,
  APPLY_SET_KIND,
  APPLY_SET_KINDS_ANNOTATION,
  APPLY_SET_NAMESPACES_ANNOTATION,
  APPLY_SET_PART_OF_LABEL,
  APPLY_SET_RESOURCE,
  APPLY_SET_TOOLING_ANNOTATION,
  applySetFlag,
  applySetId,
  applySetParentCrd,
  KUBECTL_APPLY_SET_MANAGER,
} from './apply-set';
import { DeployError, KubectlOptions, kubectlErrorLine, runKubectl } from './kubectl';

/** What a parent records of its set: the group-kinds (`Deployment.apps`, `Service`) and the namespaces of its members. */
export interface ApplySetRecord {
  readonly kinds: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
}

/** A member's group-kind as the ApplySet annotations write it: `Deployment.apps`, `Service` for the core group. */
export function groupKindOf(m: Pick<Manifest, 'apiVersion' | 'kind'>): string {
  const slash = m.apiVersion.indexOf('/');
  return slash < 0 ? m.kind : `${m.kind}.${m.apiVersion.slice(0, slash)}`;
}

/** The items of kubectl's `-o json` output: a List's items, one object, or nothing. */
export function itemsOf(stdout: string): JsonObject[] {
  if (stdout.trim() === '') return [];
  const parsed = asObject(JSON.parse(stdout));
  if (!parsed) return [];
  if (typeof parsed.kind === 'string' && parsed.kind.endsWith('List') && Array.isArray(parsed.items)) {
    return asArray(parsed.items)
      .map((i) => asObject(i))
      .filter((i): i is JsonObject => i !== undefined);
  }
  return [parsed];
}

/** `items` as one JSON List, for `kubectl ... -f -`. */
export function asList(items: readonly unknown[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

const splitList = (v: unknown) =>
  String(v ?? '')
    .split(',')
    .filter((s) => s !== '');

/**
 * Reads the parent of ApplySet `name`: what it records, or undefined when it (or its CRD) does
 * not exist. A parent that another tool manages, or that has another id, is an error: neither
 * kubectl nor kubecraft may take it over.
 */
export async function readApplySetParent(name: string, options: KubectlOptions): Promise<ApplySetRecord | undefined> {
  const r = await runKubectl(['get', applySetFlag(name), '-o', 'json', '--ignore-not-found'], options);
  if (r.status !== 0) {
    if (/doesn't have a resource type|the server could not find the requested resource/.test(r.stderr))
      return undefined;
    throw new DeployError(`cannot read the ApplySet parent ${applySetFlag(name)}: ${kubectlErrorLine(r)}`);
  }
  if (r.stdout.trim() === '') return undefined;
  const metadata = asObject(asObject(JSON.parse(r.stdout))?.metadata) ?? {};
  const annotations = asObject(metadata.annotations) ?? {};
  const tooling = String(annotations[APPLY_SET_TOOLING_ANNOTATION] ?? '');
  if (!tooling.startsWith('kubectl/')) {
    throw new DeployError(
      `the ApplySet parent ${applySetFlag(name)} is managed by '${tooling || 'no tool'}', not kubectl: choose another name with --applyset`,
    );
  }
  const id = asObject(metadata.labels)?.[APPLY_SET_ID_LABEL];
  if (id !== applySetId(name)) {
    throw new DeployError(
      `the ApplySet parent ${applySetFlag(name)} has id '${String(id)}', not '${applySetId(name)}'`,
    );
  }
  return {
    kinds: new Set(splitList(annotations[APPLY_SET_KINDS_ANNOTATION])),
    namespaces: new Set(splitList(annotations[APPLY_SET_NAMESPACES_ANNOTATION])),
  };
}

/**
 * Writes what the parent of ApplySet `name` records, as kubectl's own `--applyset` does: a
 * server-side apply of its labels and annotations under kubectl's ApplySet field manager
 * (`kubectl-applyset`), with the tooling `kubectl/<version>`, so that a plain
 * `KUBECTL_APPLYSET=true kubectl apply --prune --applyset=applysets.kubecraft.io/<name>` takes
 * the same set over. Installs the parent CRD first when `installCrd`.
 */
export async function writeApplySetParent(
  name: string,
  record: ApplySetRecord,
  options: KubectlOptions,
  kubectlVersion: string,
): Promise<void> {
  const sorted = (s: ReadonlySet<string>) => [...s].sort().join(',');
  const parent = {
    apiVersion: `${APPLY_SET_GROUP}/v1`,
    kind: APPLY_SET_KIND,
    metadata: {
      name,
      labels: { [APPLY_SET_ID_LABEL]: applySetId(name) },
      annotations: {
        [APPLY_SET_TOOLING_ANNOTATION]: `kubectl/${kubectlVersion}`,
        [APPLY_SET_KINDS_ANNOTATION]: sorted(record.kinds),
        [APPLY_SET_NAMESPACES_ANNOTATION]: sorted(record.namespaces),
      },
    },
  };
  const r = await runKubectl(
    ['apply', '--server-side', `--field-manager=${KUBECTL_APPLY_SET_MANAGER}`, '--force-conflicts', '-f', '-'],
    options,
    { input: JSON.stringify(parent) },
  );
  if (r.status !== 0)
    throw new DeployError(`cannot update the ApplySet parent ${applySetFlag(name)}: ${kubectlErrorLine(r)}`);
}

/** Installs the CRD of the ApplySet parents (server-side apply) and waits until it is established. */
export async function installApplySetCrd(
  options: KubectlOptions,
  fieldManager: string,
  timeout: string,
): Promise<void> {
  const crdName = `${APPLY_SET_RESOURCE}.${APPLY_SET_GROUP}`;
  const crd = await runKubectl(['apply', '--server-side', `--field-manager=${fieldManager}`, '-f', '-'], options, {
    input: JSON.stringify(applySetParentCrd()),
  });
  if (crd.status !== 0) {
    throw new DeployError(
      `cannot install the ApplySet parent CRD ${crdName}: ${kubectlErrorLine(crd)} ` +
        '(it needs permission to create CustomResourceDefinitions, once per cluster; --no-prune applies without an ApplySet)',
    );
  }
  const est = await runKubectl(
    ['wait', '--for=condition=established', `--timeout=${timeout}`, `crd/${crdName}`],
    options,
  );
  if (est.status !== 0)
    throw new DeployError(`the ApplySet parent CRD ${crdName} is not established: ${kubectlErrorLine(est)}`);
}

/**
 * The live members of ApplySet `name` among `kinds` (group-kinds): one list per kind across all
 * namespaces, by the `applyset.kubernetes.io/part-of` label (kubectl itself lists each kind in
 * each namespace the parent records, which its client-side rate limit of 5 requests a second
 * makes take a minute for a set of 25 kinds in 16 namespaces). Kinds the cluster no longer
 * serves (a CRD removed) have no members.
 */
export async function listApplySetMembers(
  name: string,
  kinds: ReadonlySet<string>,
  options: KubectlOptions,
): Promise<JsonObject[]> {
  const remaining = new Set(kinds);
  for (;;) {
    if (remaining.size === 0) return [];
    const r = await runKubectl(
      [
        'get',
        [...remaining].join(','),
        '--all-namespaces',
        '-l',
        `${APPLY_SET_PART_OF_LABEL}=${applySetId(name)}`,
        '-o',
        'json',
      ],
      options,
    );
    if (r.status === 0) return itemsOf(r.stdout);
    const gone = [...r.stderr.matchAll(/doesn't have a resource type "([^"]+)"/g)].map((m) => m[1]);
    const before = remaining.size;
    // kubectl names the type as given (`Widget.example.com`) or by its kind alone (`Widget`)
    const matches = (kind: string, k: string) =>
      kind.toLowerCase() === k.toLowerCase() || kind.split('.')[0].toLowerCase() === k.toLowerCase();
    for (const k of gone) for (const kind of remaining) if (matches(kind, k)) remaining.delete(kind);
    if (remaining.size === before) {
      throw new DeployError(`listing the members of ApplySet ${applySetFlag(name)} failed: ${kubectlErrorLine(r)}`);
    }
  }
}

/** The kubectl client's version (`v1.32.3`), for the parent's tooling annotation. */
export async function kubectlVersion(options: KubectlOptions): Promise<string> {
  const r = await runKubectl(['version', '--client', '-o', 'json'], options);
  try {
    const v = (JSON.parse(r.stdout) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
    if (v) return v;
  } catch {
    // below
  }
  return 'v1';
}
