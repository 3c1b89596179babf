import { FluxKustomization, FluxSourceKind, KubecraftChart } from 'kubecraft';

export const follows =
  "Flux's kustomize-controller: a Kustomization with `dependsOn` is applied only once every Kustomization it names (by default in its own namespace) is ready, and one that does not exist is never ready, so the dependent one waits forever. The API server does not check it.";

const SOURCE = { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' };

// #region bad
export function bad(chart: KubecraftChart): void {
  new FluxKustomization(chart, 'apps', {
    metadata: { name: 'apps' },
    source: SOURCE,
    path: './apps',
    dependsOn: [{ name: 'infrastructure' }], // no such Kustomization in the folder
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const infrastructure = new FluxKustomization(chart, 'infrastructure', {
    metadata: { name: 'infrastructure' },
    source: SOURCE,
    path: './infrastructure',
  });
  new FluxKustomization(chart, 'apps', {
    metadata: { name: 'apps' },
    source: SOURCE,
    path: './apps',
    dependsOn: [infrastructure],
  });
}
// #endregion good
