/**
 * `policy/secure-defaults-applied`: information, once per object, on every field kubecraft set on an upstream object on request (applySecureDefaults); judged from the construct, so checks/applied-changes-check.ts runs it on every validation.
 */
import { FieldPath } from '../../field-path';
import { changed } from '../../problem';
import { objectRule, ObjectRule } from '../rule';

/** The `policy/secure-defaults-applied` rule. */
export const RULE: ObjectRule<'policy/secure-defaults-applied'> = objectRule({
  id: 'policy/secure-defaults-applied',
  info: {
    severity: 'info',
    relaxable: false,
    what: 'reports, once per object, every field kubecraft set on an upstream object because it was asked to (UpstreamManifests or HelmManifests with applySecureDefaults: true): the seccomp profile, capability drops, with their values',
    why: 'upstream objects are otherwise left exactly as upstream wrote them: each change kubecraft makes to them shows in the report, for review. Information only: it never fails a synth',
  },
  appliesTo: 'all',
  check: (input) => {
    const applied = input.appliedChanges;
    if (!applied || applied.changes.length === 0) return [];
    const n = applied.changes.length;
    const fields = applied.changes.map((c) => `${c.field} = ${c.value}`).join(', ');
    return [
      changed(
        FieldPath.root(''),
        `${applied.requestedBy} set ${n} field${n === 1 ? '' : 's'} the manifest left unset: ${fields}`,
        `to keep the object exactly as written, drop ${applied.requestedBy} and fix the policy findings with modify or relax them with a reason`,
      ),
    ];
  },
});
