/**
 * `refs/argocd-destination`: an Argo CD Application's destination (and an ApplicationSet
 * template's) is a cluster the app declares (`Clusters`), by API server URL or by Argo CD name.
 */
import { asObject, asString } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { invalid, Problem } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** Whether `apiVersion` is Argo CD's (argoproj.io). */
export function isArgoCd(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith('argoproj.io/');
}

/** The `refs/argocd-destination` rule. */
export const RULE: ReferenceRule<'refs/argocd-destination', AppIndex> = referenceRule({
  id: 'refs/argocd-destination',
  info: {
    severity: 'error',
    relaxable: true,
    what: "an Argo CD Application's destination (and an ApplicationSet template's) is a cluster the app declares with Clusters",
    why: 'Argo CD cannot sync to a cluster it does not know: the Application stays Unknown and the environment is never delivered',
  },
  appliesTo: ['Application', 'ApplicationSet'],
  check: (input, index) => {
    const m = input.manifest;
    const declaration = index.clusters;
    if (!declaration || !isArgoCd(m.apiVersion)) return [];
    const spec = asObject(m.spec);
    const appSet = m.kind === 'ApplicationSet';
    const appSpec = appSet ? asObject(asObject(spec?.template)?.spec) : spec;
    const destination = asObject(appSpec?.destination);
    if (!destination) return []; // the CRD's schema requires it
    const server = asString(destination.server);
    const field = server !== undefined ? 'server' : 'name';
    const value = server ?? asString(destination.name);
    // a Go template action on the generator's parameters is judged per generated Application by Argo CD
    if (value === undefined || value.includes('{{')) return [];
    const known = declaration.clusters.some((c) => (field === 'server' ? c.server === value : c.argoCdName === value));
    if (known) return [];
    const at = (appSet ? FieldPath.root('spec').child('template').child('spec') : FieldPath.root('spec'))
      .child('destination')
      .child(field);
    const declared = declaration.clusters.map((c) => (field === 'server' ? (c.server ?? c.name) : c.argoCdName));
    const problems: Problem[] = [
      invalid(
        at,
        `cluster '${value}' is not declared in '${declaration.declaredAt}' (declared: ${declared.join(', ')})`,
        'add it to the clusters, or name a declared one',
      ),
    ];
    return problems;
  },
});
