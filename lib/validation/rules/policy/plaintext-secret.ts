/**
 * `policy/plaintext-secret`: Secrets carry no data in the manifests.
 */
import { asObject, display } from '../../checks/shape';
import { FieldPath } from '../../field-path';
import { forbidden } from '../../problem';
import { objectRule, ObjectRule } from '../rule';

function hasEntries(x: unknown): boolean {
  const o = asObject(x);
  return o !== undefined && Object.keys(o).length > 0;
}

/** The `policy/plaintext-secret` rule. */
export const RULE: ObjectRule<'policy/plaintext-secret'> = objectRule({
  id: 'policy/plaintext-secret',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'Secrets carry no data in the manifests (reference existing Secrets instead)',
    why: 'base64 is not encryption: the values end up in git and in CI logs',
  },
  appliesTo: ['Secret'],
  check: (input) => {
    const m = input.manifest;
    if (!hasEntries(m.data) && !hasEntries(m.stringData)) return [];
    return [
      forbidden(
        FieldPath.root(hasEntries(m.data) ? 'data' : 'stringData'),
        `Secret '${display(m.metadata?.name)}' carries its values in the manifest`,
        'reference an existing Secret by name (kplus.Secret.fromSecretName) and create it outside git, or relax policy/plaintext-secret with a reason',
      ),
    ];
  },
});
