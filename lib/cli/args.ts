import { isKubernetesVersion, KUBERNETES_VERSIONS } from '../core/kubernetes-version';
import { setRunSetting } from '../core/run-context';

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  public override readonly name = 'UsageError';
}

/**
 * Applies `--kubernetes-version` (as KUBECRAFT_KUBERNETES_VERSION for the app it runs); an
 * unsupported version is a usage error naming the supported ones.
 */
export function setKubernetesVersion(value: unknown, command: string): void {
  if (typeof value !== 'string') return;
  if (!isKubernetesVersion(value)) {
    throw new UsageError(
      `kubecraft ${command}: --kubernetes-version must be one of ${KUBERNETES_VERSIONS.join(', ')} (not '${value}')`,
    );
  }
  setRunSetting('kubernetesVersion', value);
}
