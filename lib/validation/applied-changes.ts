import { IConstruct } from 'constructs';

/** One field kubecraft set on an object because it was asked to. */
export interface AppliedChange {
  /** The field path, e.g. `spec.template.spec.securityContext.seccompProfile`. */
  readonly field: string;
  /** The value it was set to (JSON). */
  readonly value: string;
}

/** What kubecraft changed on one object the last time it rendered, and on whose request. */
export interface AppliedChanges {
  /** What asked for the changes, e.g. `applySecureDefaults`. */
  readonly requestedBy: string;
  /** The fields set, in order. */
  readonly changes: readonly AppliedChange[];
}

/** A global symbol: a second copy of the library (bundled into an app) reads the same records. */
const APPLIED_CHANGES = Symbol.for('kubecraft.applied-changes');

/**
 * Records, on the construct that renders an object, the fields kubecraft set on it at the
 * user's request (replacing what an earlier render recorded). Validation reports them as
 * `policy/secure-defaults-applied` information, one finding per object, so changes made to
 * objects that are otherwise left as written (upstream manifests) show in the report.
 */
export function recordAppliedChanges(
  construct: IConstruct,
  requestedBy: string,
  changes: readonly AppliedChange[],
): void {
  const record: AppliedChanges = { requestedBy, changes: [...changes] };
  Object.defineProperty(construct, APPLIED_CHANGES, { value: record, configurable: true, enumerable: false });
}

/** The changes recorded on `construct` by its last render, if any. */
export function appliedChangesOf(construct: IConstruct): AppliedChanges | undefined {
  return (construct as { [APPLIED_CHANGES]?: AppliedChanges })[APPLIED_CHANGES];
}
