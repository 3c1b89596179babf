// Upgrade notes per Kubernetes version, generated from what kubecraft validates against: the
// apiVersions each release serves (the official definitions, lib/validation/schema/generated/
// served), their lifecycle (apiLifecycle: removed, deprecated, replacement) and the releases
// from which version-dependent rules change (FEATURE_SINCE).
import * as fs from 'fs';
import * as path from 'path';
import { apiLifecycle, DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS } from 'kubecraft';
import { FEATURE_SINCE } from '../../../lib/core/feature-versions';
import { SERVED_IN } from '../../../lib/validation/schema/generated/served';
import { code, page, table, text, writeFile } from './markdown';

/** What each FEATURE_SINCE entry means for an app, and the rule that follows it. */
const FEATURES: Record<keyof typeof FEATURE_SINCE, { what: string; rule: string }> = {
  nativeSidecars: {
    what: "native sidecar containers (`initContainers[].restartPolicy: Always`, the patterns' `sidecars`) are on by default",
    rule: 'values/native-sidecar',
  },
  relaxedEnvNames: {
    what: "environment variable names may be any printable ASCII but '=' (RelaxedEnvironmentVariableValidation)",
    rule: 'values/env-name',
  },
  probeHostControl: {
    what: 'Pod Security Standards "baseline" forbids `host` in probes and lifecycle hooks',
    rule: 'policy/probe-host',
  },
  containerRestartRules: {
    what: 'regular containers may set a per-container `restartPolicy` (ContainerRestartRules)',
    rule: 'values/init-container',
  },
};

function split(key: string): { apiVersion: string; kind: string } {
  const i = key.lastIndexOf('/');
  return { apiVersion: key.slice(0, i), kind: key.slice(i + 1) };
}

/**
 * The introduction (docs/site/_kubernetes-versions.md) with its placeholders filled in from the
 * library: %OLDEST%, %NEWEST%, %DEFAULT% and %FEATURES% (the rules that follow FEATURE_SINCE).
 */
function introduction(srcDir: string, versions: readonly string[]): string {
  const features = (Object.keys(FEATURE_SINCE) as (keyof typeof FEATURE_SINCE)[])
    .map(
      (f) =>
        `${FEATURES[f].what} from ${FEATURE_SINCE[f]} ([${code(FEATURES[f].rule)}](./rules/${FEATURES[f].rule}.md))`,
    )
    .join('; ');
  const filled = fs
    .readFileSync(path.join(srcDir, '_kubernetes-versions.md'), 'utf8')
    .replace(/%OLDEST%/g, versions[0])
    .replace(/%NEWEST%/g, versions[versions.length - 1])
    .replace(/%DEFAULT%/g, DEFAULT_KUBERNETES_VERSION)
    .replace(/%FEATURES%/g, features);
  const left = /%[A-Z]+%/.exec(filled);
  if (left) throw new Error(`_kubernetes-versions.md: unknown placeholder ${left[0]}`);
  return filled.trim();
}

/** Writes kubernetes-versions.md. */
export function writeVersionsPage(srcDir: string): void {
  const versions = KUBERNETES_VERSIONS as readonly string[];
  const served = SERVED_IN as Readonly<Record<string, readonly string[]>>;
  const unknownFeatures = Object.keys(FEATURE_SINCE).filter((f) => !(f in FEATURES));
  if (unknownFeatures.length > 0)
    throw new Error(`describe FEATURE_SINCE.${unknownFeatures.join(', ')} in docs/site/gen/versions.ts`);
  const sections: string[] = [];
  for (let i = versions.length - 1; i >= 1; i--) {
    const v = versions[i];
    const previous = versions[i - 1];
    const added = Object.keys(served).filter((k) => served[k].includes(v) && !served[k].includes(previous));
    const removed = Object.keys(served).filter((k) => !served[k].includes(v) && served[k].includes(previous));
    const deprecated = Object.keys(served).filter((k) => {
      const { apiVersion, kind } = split(k);
      return (
        served[k].includes(v) &&
        apiLifecycle(apiVersion, kind, v).status === 'deprecated' &&
        !(served[k].includes(previous) && apiLifecycle(apiVersion, kind, previous).status === 'deprecated')
      );
    });
    const features = (Object.keys(FEATURE_SINCE) as (keyof typeof FEATURE_SINCE)[]).filter(
      (f) => FEATURE_SINCE[f] === v,
    );
    const lines = [`## Kubernetes ${v}${v === DEFAULT_KUBERNETES_VERSION ? ' (the default)' : ''}`, ''];
    lines.push(
      `Check an app before upgrading from ${previous}: \`npx kubecraft validate --kubernetes-version ${v}\`.`,
      '',
    );
    if (features.length > 0) {
      lines.push('**Rules that change:**', '');
      for (const f of features)
        lines.push(`- ${FEATURES[f].what}: [${code(FEATURES[f].rule)}](./rules/${FEATURES[f].rule}.md)`);
      lines.push('');
    }
    if (removed.length > 0) {
      lines.push(
        `**No longer served** (an object of these fails [\`schema/removed-api\`](./rules/schema/removed-api.md)):`,
        '',
      );
      lines.push(
        table(
          ['apiVersion', 'kind', 'use instead'],
          removed.map((k) => {
            const { apiVersion, kind } = split(k);
            const life = apiLifecycle(apiVersion, kind, v);
            return [
              code(apiVersion),
              kind,
              life.replacement ? code(life.replacement) : text(life.note ?? 'nothing: the API is gone'),
            ];
          }),
        ),
        '',
      );
    }
    if (deprecated.length > 0) {
      lines.push(
        `**Deprecated from here** (a warning, [\`schema/deprecated-api\`](./rules/schema/deprecated-api.md)):`,
        '',
      );
      lines.push(
        table(
          ['apiVersion', 'kind', 'use instead', 'removed in'],
          deprecated.map((k) => {
            const { apiVersion, kind } = split(k);
            const life = apiLifecycle(apiVersion, kind, v);
            return [code(apiVersion), kind, life.replacement ? code(life.replacement) : '', life.removedIn ?? ''];
          }),
        ),
        '',
      );
    }
    if (added.length > 0) {
      lines.push('**Newly served** (objects of these fail `schema/removed-api` below this version):', '');
      lines.push(
        table(
          ['apiVersion', 'kind'],
          added.map((k) => [code(split(k).apiVersion), split(k).kind]),
        ),
        '',
      );
    }
    sections.push(lines.join('\n'));
  }
  writeFile(
    srcDir,
    'kubernetes-versions.md',
    page(
      { title: 'Kubernetes versions' },
      [
        '# Kubernetes versions and upgrade notes',
        '',
        introduction(srcDir, versions),
        '',
        `Below, per release from ${versions[versions.length - 1]} down to ${versions[1]}, what changes for an app compared with the release before it, generated from the definitions kubecraft validates against. Alpha APIs are listed as served in the releases that define them; a cluster serves them only when they are enabled.`,
        '',
        ...sections,
        `## Kubernetes ${versions[0]}`,
        '',
        `The oldest release kubecraft validates for. APIs removed before it (the [Deprecated API Migration Guide](https://kubernetes.io/docs/reference/using-api/deprecation-guide/) back to 1.16) are refused with their replacement, e.g. \`policy/v1beta1\` PodDisruptionBudget: use \`${apiLifecycle('policy/v1beta1', 'PodDisruptionBudget', versions[0]).replacement}\`.`,
      ].join('\n'),
    ),
  );
}
