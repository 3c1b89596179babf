/**
 * `refs/argocd-generator`: each generator of an Argo CD ApplicationSet yields at least one
 * cluster: a list generator has elements, and a cluster generator's selector selects at least one
 * cluster the app declares (`Clusters`).
 */
import { Selector } from '../../../selectors/selector';
import { asObject, objectsIn, selectorShape } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';
import { isArgoCd } from './argocd-destination';

/** The `refs/argocd-generator` rule. */
export const RULE: ReferenceRule<'refs/argocd-generator', AppIndex> = referenceRule({
  id: 'refs/argocd-generator',
  info: {
    severity: 'error',
    relaxable: true,
    what: "each generator of an Argo CD ApplicationSet yields a cluster: a list generator has elements, a cluster generator's selector selects a declared cluster",
    why: 'a generator that yields nothing generates no Application: no cluster gets the app, and Argo CD reports no error',
  },
  appliesTo: ['ApplicationSet'],
  check: (input, index) => {
    const m = input.manifest;
    if (!isArgoCd(m.apiVersion)) return [];
    const problems: Problem[] = [];
    const generators = FieldPath.root('spec').child('generators');
    for (const [g, i] of objectsIn(asObject(m.spec)?.generators)) {
      const at = generators.index(i);
      const list = asObject(g.list);
      if (list && Array.isArray(list.elements) && list.elements.length === 0)
        problems.push(
          invalid(
            at.child('list').child('elements'),
            'the list generator has no elements, so it generates no Application (no cluster gets the app)',
            'give an element per cluster',
          ),
        );
      const clusters = asObject(g.clusters);
      const declaration = index.clusters;
      if (!clusters || !declaration) continue;
      const selector = selectorShape(clusters.selector);
      if (!selector || selector.problems.length > 0) continue; // no selector selects every cluster
      if (declaration.clusters.some((c) => Selector.matches(selector.spec, c.labels))) continue;
      problems.push(
        invalid(
          at.child('clusters').child('selector'),
          `selector ${JSON.stringify(clusters.selector)} selects no declared cluster (declared in '${declaration.declaredAt}': ${declaration.clusters.map((c) => c.name).join(', ')}), so it generates no Application`,
          'label the clusters (ClusterSpec.labels, as their Argo CD cluster Secrets are labelled), or select by labels they have',
        ),
      );
    }
    return problems;
  },
});
