import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * A helm binary for the tests, from `scripts/find-helm.mjs`: `helm` on the PATH, else the pinned
 * helm 3.8.1 extracted from the devDependency @aws-cdk/asset-kubectl-v20 (linux x64). Nothing
 * is downloaded. Where there is none, the tests that need it are skipped visibly, with the
 * reason in their name and on the console; with KUBECRAFT_REQUIRE_HELM=1 (set by .ci/run) a
 * failing test takes their place instead, so CI never skips them silently.
 */
export interface HelmForTests {
  /** The helm executable, when there is one. */
  readonly path?: string;
  /** Its version (`helm version --short`). */
  readonly version?: string;
  /** Why there is none. */
  readonly reason?: string;
  /** Whether KUBECRAFT_REQUIRE_HELM=1 is set. */
  readonly required: boolean;
}

const root = path.resolve(__dirname, '..', '..');

/** Runs `node scripts/find-helm.mjs` (synchronously) and parses its answer. */
export function findHelmForTests(): HelmForTests {
  const required = process.env.KUBECRAFT_REQUIRE_HELM === '1';
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'find-helm.mjs')], { encoding: 'utf8' });
  try {
    const answer = JSON.parse(r.stdout) as { path?: string; version?: string; reason?: string };
    if (answer.path) return { path: answer.path, version: answer.version, required };
    return { reason: answer.reason ?? 'scripts/find-helm.mjs gave no path and no reason', required };
  } catch {
    const why = r.error?.message ?? (r.stderr.trim() || `exit ${r.status}`);
    return { reason: `scripts/find-helm.mjs failed: ${why}`, required };
  }
}

/**
 * `test` when helm was found; otherwise a visible skip naming the reason, or, with
 * KUBECRAFT_REQUIRE_HELM=1, a test that fails with the reason.
 */
export function helmTestFor(
  helm: HelmForTests,
  file: string,
): (name: string, fn: jest.ProvidesCallback, timeout?: number) => void {
  if (helm.path) return (name, fn, timeout) => test(name, fn, timeout);
  const why = `no helm: ${helm.reason} (see README, Helm charts)`;
  if (helm.required) {
    return (name) =>
      test(name, () => {
        throw new Error(`KUBECRAFT_REQUIRE_HELM=1, but ${why}`);
      });
  }
  console.log(`${file}: helm tests skipped: ${why}`);
  return (name) => test.skip(`SKIPPED, no helm (${helm.reason}): ${name}`, () => undefined);
}
