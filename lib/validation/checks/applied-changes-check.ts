import { appliedChangesOf } from '../applied-changes';
import { ValidationContext } from '../validation-context';

/**
 * Reports, as information, every change kubecraft made on request to an object (recorded with
 * `recordAppliedChanges`): one `policy/secure-defaults-applied` finding per object, listing the
 * fields and their values. Never an error: it only makes the changes visible in the report.
 */
export function checkAppliedChanges(ctx: ValidationContext): void {
  for (const obj of ctx.objects) {
    const applied = obj.construct ? appliedChangesOf(obj.construct) : undefined;
    if (!applied || applied.changes.length === 0) continue;
    const n = applied.changes.length;
    const fields = applied.changes.map((c) => `${c.field} = ${c.value}`).join(', ');
    ctx.report(
      obj,
      'policy/secure-defaults-applied',
      '',
      `${applied.requestedBy} set ${n} field${n === 1 ? '' : 's'} the manifest left unset: ${fields}`,
      `to keep the object exactly as written, drop ${applied.requestedBy} and fix the policy findings with modify or relax them with a reason`,
    );
  }
}
