/**
 * `refs/flux-depends-on`: a Flux Kustomization's `dependsOn` names a Kustomization of its output
 * folder or one declared with `External.object` (kustomize-controller waits for each one to be
 * ready, and for a Kustomization that does not exist it waits forever).
 */
import { namespaceOf } from '../../../core';
import { asObject, asString, objectsIn } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, namespaceLabel, referenceRule } from './app-index';

/** Flux's Kustomization API group (kustomize.config.k8s.io's Kustomization is no object one applies). */
const GROUP = 'kustomize.toolkit.fluxcd.io';

function isFluxKustomization(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith(`${GROUP}/`);
}

/** The `refs/flux-depends-on` rule. */
export const RULE: ReferenceRule<'refs/flux-depends-on', AppIndex> = referenceRule({
  id: 'refs/flux-depends-on',
  info: {
    severity: 'error',
    relaxable: true,
    what: "a Flux Kustomization's dependsOn names a Kustomization of its output folder, or one declared with External.object",
    why: 'Flux waits for every Kustomization it depends on to be ready: one that does not exist holds it back forever, so nothing is applied',
  },
  appliesTo: ['Kustomization'],
  check: (input, index) => {
    const m = input.manifest;
    if (!isFluxKustomization(m.apiVersion)) return [];
    const ns = namespaceOf(m);
    const problems: Problem[] = [];
    const list = FieldPath.root('spec').child('dependsOn');
    for (const [d, i] of objectsIn(asObject(m.spec)?.dependsOn)) {
      const name = asString(d.name);
      if (name === undefined) continue; // the CRD's schema requires it
      const namespace = asString(d.namespace) ?? ns;
      const found = index.find('Kustomization', namespace, name);
      if (found ? isFluxKustomization(found.apiVersion) : index.findExternal('Kustomization', namespace, name))
        continue;
      problems.push(
        invalid(
          list.index(i),
          `Kustomization '${name}' is neither in this output folder (namespace '${namespaceLabel(namespace)}') nor declared`,
          `create it in the same output folder, or declare it with External.object(scope, { kind: 'Kustomization', name: '${name}', namespace: '${namespace}', reason })`,
        ),
      );
    }
    return problems;
  },
});
