/**
 * `policy/duplicate-env`: an environment variable is defined once per container (server-side apply fails on a duplicate key).
 */
import { asString } from '../../checks/shape';
import { duplicate, namedList } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/duplicate-env` rule. */
export const RULE: ObjectRule<'policy/duplicate-env'> = objectRule({
  id: 'policy/duplicate-env',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'an environment variable is defined once per container',
    why: 'the API server accepts duplicates (with a warning; the last definition wins), but server-side apply (kubectl apply --server-side, Argo CD, kubecraft apply) fails on a duplicate key of a list merged by name, and client-side kubectl apply may drop one of them. Relax it only for manifests applied client-side that keep the duplicate on purpose',
  },
  appliesTo: 'pods',
  check: perContainer((c) =>
    namedList(c.container.env, c.path.child('env'))
      .filter((e) => e.repeated)
      .map((e) =>
        duplicate(
          e.path.child('name'),
          `env variable '${e.name}' is defined more than once in container '${asString(c.container.name) ?? '?'}' (the last one wins)`,
          'define each variable once',
        ),
      ),
  ),
});
