import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

/**
 * How the example app runs stock images that default to root under kubecraft's secure
 * defaults (runAsNonRoot, read-only root filesystem): each container names an explicit
 * non-root user, and every path the process writes gets its own `emptyDir`.
 */

/** UID/GID 65534 ("nobody"): for images that write nothing outside mounted volumes (busybox, perl, agnhost). */
export const NOBODY: kplus.ContainerSecurityContextProps = { user: 65534, group: 65534, ensureNonRoot: true };

/** Small, explicit resources for demo containers (cdk8s-plus-27's default is 1 CPU / 512Mi). */
export function smallResources(cpuMillis = 100, memoryMiB = 64): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(cpuMillis), limit: kplus.Cpu.millis(cpuMillis * 5) },
    memory: { request: Size.mebibytes(memoryMiB), limit: Size.mebibytes(memoryMiB * 2) },
  };
}

/** Mounts a fresh `emptyDir` at each of `paths` on `container`, for an image's writable paths. */
export function writablePaths(workload: kplus.AbstractPod, container: kplus.Container, paths: readonly string[]): void {
  for (const path of paths) {
    const name = `${container.name}-${path.replace(/^\//, '').replace(/[^a-z0-9]+/g, '-')}`
      .slice(0, 63)
      .replace(/-+$/, '');
    container.mount(path, kplus.Volume.fromEmptyDir(workload, `${name}-volume`, name));
  }
}
