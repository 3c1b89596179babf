/**
 * `refs/unique-name`: names are unique per apiVersion group, kind and namespace.
 */
import { asObject, display } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { duplicate } from '../../problem';
import { ReferenceRule } from '../rule';
import { AppIndex, referenceRule } from './app-index';

/** The `refs/unique-name` rule. */
export const RULE: ReferenceRule<'refs/unique-name', AppIndex> = referenceRule({
  id: 'refs/unique-name',
  info: {
    severity: 'error',
    relaxable: false,
    what: 'names are unique per apiVersion group, kind and namespace',
    why: 'the second object silently replaces the first at apply',
  },
  appliesTo: 'all',
  check: (input, index) => {
    const m = input.manifest;
    const same = index.sameName(m);
    if (same.length <= 1 || same[0].manifest === m) return [];
    return [
      duplicate(
        FieldPath.root('metadata').child('name'),
        `another ${m.kind} named '${display(asObject(m.metadata)?.name)}' in the same namespace is defined at ${same[0].path}`,
        'rename one of them',
      ),
    ];
  },
});
