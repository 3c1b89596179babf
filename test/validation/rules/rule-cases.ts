// The harness of the rule modules' own tests (test/validation/rules/<id>.test.ts, mirroring
// lib/validation/rules/<id>.ts): each rule's check is a pure function, run here on plain
// manifests, without an app. A bad case names the fields its problems are at; a good case has
// none. index.test.ts checks that every registered rule has such a file.
import { KubernetesVersion, Manifest } from '../../../lib';
import { AppliedChanges } from '../../../lib/validation/applied-changes';
import { ClusterDeclaration } from '../../../lib/validation/declared-clusters';
import { ExternalObject } from '../../../lib/validation/external';
import { AppIndex } from '../../../lib/validation/rules/refs/app-index';
import { appliesToKind, CheckInput, ObjectRule, ReferenceRule } from '../../../lib/validation/rules/rule';
import { UpstreamOrigin } from '../../../lib/validation/upstream-origin';
import { BadInputCase } from '../bad-input-cases';
import { expectRefused, expectRefusedLikeTheServer } from '../refused';
import { ServerCase } from '../server-cases';

/** One case of a rule. */
export interface RuleCase {
  /** The object checked. */
  readonly manifest: Manifest;
  /** The other objects of its deployment unit (for `refs/*` rules), after it. */
  readonly others?: readonly Manifest[];
  /** Objects of its deployment unit before it. */
  readonly before?: readonly Manifest[];
  /** External declarations (for `refs/*` rules). */
  readonly externals?: readonly ExternalObject[];
  /** The clusters the app declares (for the Argo CD `refs/*` rules). */
  readonly clusters?: ClusterDeclaration;
  /** The Kubernetes version (default 1.33). */
  readonly kubernetesVersion?: KubernetesVersion;
  /** The upstream origin of the object. */
  readonly origin?: UpstreamOrigin;
  /** What kubecraft changed on the object on request. */
  readonly appliedChanges?: AppliedChanges;
}

/** A bad case: the fields of the problems it gives, and (optionally) a text every message contains. */
export interface BadCase extends RuleCase {
  /** The field paths of the problems, in order. */
  readonly fields: readonly string[];
  /** A text each message contains. */
  readonly message?: string;
  /** A text each hint contains. */
  readonly hint?: string;
}

/** A rule module: an object rule is a reference rule that does not read the index. */
type AnyRule = ObjectRule | ReferenceRule<string, AppIndex>;

/** The problems `rule` finds in the case's object. */
export function problemsOf(rule: AnyRule, c: RuleCase): { field: string; message: string; hint: string }[] {
  const input = new CheckInput(c.manifest, c.kubernetesVersion ?? '1.33', c.origin, c.appliedChanges);
  // as the runners do: a rule is asked only about the kinds it applies to
  if (!appliesToKind(rule.appliesTo, c.manifest.kind, () => input.pod !== undefined)) return [];
  const index = new AppIndex(
    [...(c.before ?? []), c.manifest, ...(c.others ?? [])].map((manifest, i) => ({ manifest, path: `unit/${i}` })),
    c.externals ?? [],
    undefined,
    c.clusters,
  );
  const check: ReferenceRule<string, AppIndex>['check'] = rule.check;
  const problems = check(input, index);
  return problems.map((p) => ({ field: p.field.toString(), message: p.message, hint: p.hint }));
}

/** A bad-input row of the fixture app that breaks the rule, with the table it was written for. */
export type AppCase = (BadInputCase & { readonly table: 'bad-input' }) | (ServerCase & { readonly table: 'server' });

/** The cases of one rule: its check on plain manifests, and the app-level bad-input rows that break it. */
export interface RuleCases {
  /** Manifests the check finds problems in (at least one). */
  readonly bad: Record<string, BadCase>;
  /** Manifests the check finds nothing in (at least one). */
  readonly good: Record<string, RuleCase>;
  /** Bad-input rows of the fixture app, refused at synth with the rule (the tables' rows of this rule). */
  readonly app?: Record<string, AppCase>;
}

/** Runs a rule's bad and good cases (at least one of each) and its bad-input rows. */
export function describeRule(rule: AnyRule, cases: RuleCases): void {
  describe(rule.id, () => {
    test('has at least one bad and one good case', () => {
      expect(Object.keys(cases.bad).length).toBeGreaterThan(0);
      expect(Object.keys(cases.good).length).toBeGreaterThan(0);
    });
    test.each(Object.entries(cases.bad))('bad: %s', (_name, c) => {
      const problems = problemsOf(rule, c);
      expect(problems.map((p) => p.field)).toEqual(c.fields);
      for (const p of problems) {
        if (c.message !== undefined) expect(p.message).toContain(c.message);
        if (c.hint !== undefined) expect(p.hint).toContain(c.hint);
      }
    });
    test.each(Object.entries(cases.good))('good: %s', (_name, c) => {
      expect(problemsOf(rule, c)).toEqual([]);
    });
    const app = Object.entries(cases.app ?? {});
    if (app.length > 0)
      test.each(app)('refused at synth: %s', (_name, c) => {
        expect(c.rule).toBe(rule.id);
        if (c.table === 'server') expectRefusedLikeTheServer(c);
        else expectRefused(c);
      });
  });
}

/** A container that passes every policy rule; `change` overrides its fields. */
export function container(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'app',
    image: 'ghcr.io/acme/app:1.2.3',
    ports: [{ containerPort: 8080, name: 'http' }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
    livenessProbe: { tcpSocket: { port: 'http' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    ...change,
  };
}

/** A container that passes every policy rule, with `change` merged into its securityContext. */
export function secured(change: Record<string, unknown>): Record<string, unknown> {
  const base = container();
  return { ...base, securityContext: { ...(base.securityContext as Record<string, unknown>), ...change } };
}

/** A pod spec that passes every policy rule, with `containers`; `change` overrides its fields. */
export function goodPodSpec(
  containers: readonly Record<string, unknown>[] = [container()],
  change: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    ...change,
  };
}

/** A Deployment of `spec` (pod template labelled app=web), named `name` in namespace `shop`. */
export function deployment(
  spec: Record<string, unknown> = goodPodSpec(),
  change: Record<string, unknown> = {},
  name = 'web',
): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec },
      ...change,
    },
  };
}

/** A Pod of `spec` in namespace `shop`. */
export function pod(spec: Record<string, unknown> = goodPodSpec(), metadata: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', ...metadata }, spec };
}

/** An object of `kind` (namespace `shop` unless given) with `fields`. */
export function object(apiVersion: string, kind: string, name: string, fields: Record<string, unknown> = {}): Manifest {
  return { apiVersion, kind, metadata: { name, namespace: 'shop' }, ...fields };
}

/** The path of the Deployment's first container. */
export const C0 = 'spec.template.spec.containers[0]';
/** The path of the Deployment's pod spec. */
export const POD_SPEC = 'spec.template.spec';
